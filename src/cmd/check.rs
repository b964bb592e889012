//! `sipas check`: read and validate the inputs, print the findings (the
//! first ones of each file and reason, and how many there are); or suggest
//! a mapping profile for a file.

use anyhow::{bail, Context, Result};

use crate::cli::{CheckArgs, Said};
use sipas::ingest::suggest::suggest_profile;
use sipas::model::{Finding, FindingList, ReasonKey};
use sipas::observe::Observer;
use sipas::pipeline::load_observed;
use sipas::report::csv_export::write_findings;
use sipas::report::labels::Lang;

/// Findings of one file and reason printed on the terminal.
const PRINTED_PER_REASON: u64 = 20;

/// Runs the check.
pub fn run(args: &CheckArgs) -> Result<()> {
    if let Some(file) = &args.suggest_profile {
        say_raw!("{}", suggest_profile(file)?);
        return Ok(());
    }
    let settings = args.inputs.settings()?;
    let meter = super::read_meter::ReadMeter::new(args.inputs.quiet);
    let loaded = load_observed(&settings, &meter)?;
    meter.done();
    let inputs = &loaded.inputs;
    say!("Inputs:");
    super::print_accounts(&inputs.accounts)?;
    print_findings(&inputs.findings, args)?;
    if let Some(path) = &args.findings {
        write_findings(path, &inputs.findings, Lang::En)
            .with_context(|| format!("cannot write {}", path.display()))?;
        say!("Every finding is in {}", path.display());
    }
    let read: usize = inputs.accounts.iter().map(|a| a.rows).sum();
    let rejected = inputs.rejected();
    let percent = if read == 0 {
        0.0
    } else {
        100.0 * rejected as f64 / read as f64
    };
    if rejected > 0 && percent > args.max_rejected_percent {
        bail!(Said::new(
            format!(
                "{rejected} trong {read} dòng ({}%) bị loại, nhiều hơn mức {}% cho phép (--max-rejected-percent).",
                Lang::Vi.number(percent, 2),
                Lang::Vi.number(args.max_rejected_percent, 2)
            ),
            format!(
                "{rejected} of {read} rows ({percent:.2}%) were rejected, more than the {}% allowed by --max-rejected-percent",
                args.max_rejected_percent
            ),
        ));
    }
    Ok(())
}

/// Prints the first findings of each file and reason, in file and row
/// order, then how many each reason has when some were not printed.
fn print_findings(findings: &FindingList, args: &CheckArgs) -> Result<()> {
    if findings.is_empty() {
        say!("No findings.");
        return Ok(());
    }
    say!("Findings ({}):", findings.len());
    let mut printed: std::collections::HashMap<(&str, ReasonKey), u64> =
        std::collections::HashMap::new();
    for f in findings.kept() {
        let count = printed
            .entry((f.file.as_str(), f.reason.key()))
            .or_default();
        *count += 1;
        if *count <= PRINTED_PER_REASON {
            say!("  {}", line_of(f));
        }
    }
    let cut: Vec<_> = findings
        .counts()
        .filter(|c| c.count > PRINTED_PER_REASON)
        .collect();
    if cut.is_empty() {
        return Ok(());
    }
    say!(
        "Only the first {PRINTED_PER_REASON} findings of each file and reason are shown above; the counts:"
    );
    for count in &cut {
        let reason = match &count.reason.field {
            Some(field) => format!("{} ({field})", count.reason.code),
            None => count.reason.code.to_string(),
        };
        say!("  {}: {} × {reason}", count.file, count.count);
    }
    if args.findings.is_none() {
        say!("To write every finding to a CSV file, run the same check with --findings FILE.");
    }
    Ok(())
}

/// One finding on one line.
fn line_of(f: &Finding) -> String {
    let sheet = f
        .sheet
        .as_deref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    format!(
        "{}{} row {}, column '{}', value '{}': {} ({:?})",
        f.file, sheet, f.row, f.column, f.value, f.reason, f.effect
    )
}
