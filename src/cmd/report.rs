//! `sipas report`: read, compute, write the workbook and summary.json.

use std::path::PathBuf;

use anyhow::{bail, Result};

use super::read_meter::ReadMeter;
use crate::cli::{ReportArgs, Said, REPORTS_FOLDER};
use sipas::observe::Observer;
use sipas::pipeline::{load_observed, write_period_report};
use sipas::report::labels::{Lang, Sheet};

/// Runs the report.
pub fn run(args: &ReportArgs) -> Result<()> {
    let settings = args.run.settings()?;
    let meter = ReadMeter::new(args.run.inputs.quiet);
    let mut loaded = load_observed(&settings, &meter)?;
    let rejected = loaded.inputs.rejected();
    if args.strict && rejected > 0 {
        super::print_accounts(&loaded.inputs.accounts)?;
        bail!(Said::new(
            format!("{rejected} dòng bị loại và đã chọn --strict, nên báo cáo không được ghi: hãy chạy sipas check để xem lý do."),
            format!("{rejected} rows were rejected and --strict is set, so no report was written; run `sipas check` to see why"),
        ));
    }
    let lang: Lang = args.lang.into();
    let written = write_period_report(
        &mut loaded,
        &settings,
        lang,
        |period| {
            args.out
                .clone()
                .unwrap_or_else(|| PathBuf::from(REPORTS_FOLDER).join(period.to_string()))
        },
        &meter,
    )?;
    let (computed, files) = (&written.computed, &written.files);
    let summary = &computed.summary;
    meter.done();

    say!(
        "{}: {} ({} – {})",
        summary.period.label,
        summary.period.name_vi,
        summary.period.start,
        summary.period.end
    );
    say!("Inputs:");
    super::print_accounts(&loaded.inputs.accounts)?;
    let findings = &summary.findings;
    say!(
        "Findings: {} rows rejected, {} cells ignored, {} warnings (see the sheet \"{}\")",
        findings.rows_rejected,
        findings.cells_ignored,
        findings.warnings,
        Sheet::Quality.name(lang)
    );
    let city = &summary.city;
    let shown = |v: Option<f64>| {
        v.map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "–".to_string())
    };
    say!(
        "City: element index {} (TC1 {}, TC2 {}, TC3 {}, TC4 {}); {} PAKN received, on-time rate {}",
        shown(city.survey.element),
        shown(city.survey.tc1.index),
        shown(city.survey.tc2.index),
        shown(city.survey.tc3.index),
        shown(city.survey.tc4.index),
        city.handling.received,
        city.handling
            .on_time_rate
            .map(|v| format!("{v:.2}%"))
            .unwrap_or_else(|| "– (none handled)".to_string()),
    );
    if city.survey.elements.len() > 1 {
        let elements: Vec<String> = city
            .survey
            .elements
            .iter()
            .skip(1)
            .map(|e| format!("{} {}", e.code, shown(e.index)))
            .collect();
        say!(
            "Survey: overall index {} ({})",
            shown(city.survey.overall),
            elements.join(", ")
        );
    }
    say!(
        "Overdue: {} PAKN (see overdue.csv and the sheet \"{}\")",
        computed.overdue.len(),
        Sheet::Overdue.name(lang)
    );
    say!(
        "Due soon: {} PAKN due within {} working days of {} (see due-soon.csv and the sheet \"{}\")",
        computed.due_soon.len(),
        computed.summary.config.due_soon_working_days,
        computed.summary.as_of,
        Sheet::DueSoon.name(lang)
    );
    say!("Wrote {}", files.folder.display());
    for file in [
        &files.workbook,
        &files.document,
        &files.summary,
        &files.findings,
        &files.overdue,
        &files.due_soon,
        &files.agencies,
        &files.fields,
    ] {
        say!("  {}", file.display());
    }
    say!(
        "  {} ({} charts as PNG and SVG)",
        files.folder.join("charts").display(),
        files.charts.len() / 2
    );
    Ok(())
}
