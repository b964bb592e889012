//! `public/index.html`: the page an agency publishes on its website (Plan
//! 181 §II.6, Directive 3037/UBND-TH item 2) — per agency the PAKN
//! received, handled, on-time rate and pending overdue, the element index
//! with its number of answers (or "chưa đủ mẫu"), the city's totals, and
//! what citizens raise by field. One self-contained file: its style is
//! inline, its charts are inline SVG with a title, a description and the
//! same numbers in a table beside them; nothing is loaded from elsewhere.
//!
//! Only totals are written: the page is made from `summary.json`, which
//! holds no record, citizen or PAKN id; of the text taken from the data (a
//! subject field, an agency taken as named) it shows only what
//! `summary.public` lets through (the small-cell rule), the rest counted
//! as "Khác".

use std::path::Path;

use askama::Template;
use serde_json::Value;

use super::view::{self, Headline, LevelGroup, SubjectRow, TargetRow};
use super::words::{Words, EN, VI};
use crate::metrics::summary::Summary;
use crate::report::labels::Lang;
use crate::report::ReportError;

/// A chart, inline, with its accessible name and description.
pub struct Figure {
    svg: String,
}

#[derive(Template)]
#[template(path = "public.html")]
struct PublicPage {
    t: &'static Words,
    title: String,
    unit: String,
    as_of: String,
    headline: Headline,
    criteria: Vec<TargetRow>,
    levels: Vec<LevelGroup>,
    fields: Vec<SubjectRow>,
    criteria_chart: Option<Figure>,
    fields_chart: Option<Figure>,
    table_id: &'static str,
}

/// Escapes text for an XML element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A picture chart's SVG (written by the chart writers, which escape their
/// text) with `role="img"`, a `<title>` and a `<desc>` added.
fn figure(charts: &Path, file: &str, id: &str, title: &str, description: &str) -> Option<Figure> {
    let svg = std::fs::read_to_string(charts.join(file)).ok()?;
    labelled(&svg, id, title, description)
}

/// `svg` with `role="img"`, a `<title>` and a `<desc>` added.
fn labelled(svg: &str, id: &str, title: &str, description: &str) -> Option<Figure> {
    let rest = svg.strip_prefix("<svg")?;
    let end = rest.find('>')?;
    let (attributes, body) = rest.split_at(end);
    let lower = body.to_ascii_lowercase();
    if lower.contains("<script") || lower.contains("<foreignobject") || lower.contains("href=") {
        return None;
    }
    Some(Figure {
        svg: format!(
            "<svg{attributes} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
            escape(title),
            escape(description),
            &body[1..]
        ),
    })
}

/// Writes `public/index.html` for `summary` into `folder` (created), with
/// the picture charts found in `charts`.
pub fn write_public(
    summary: &Summary,
    lang: Lang,
    charts: &Path,
    folder: &Path,
) -> Result<(), ReportError> {
    let failed = |message: String| ReportError::Document {
        path: folder.join("index.html").display().to_string(),
        message,
    };
    let json: Value = serde_json::to_value(summary).map_err(|e| failed(e.to_string()))?;
    let t = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    let period = match lang {
        Lang::Vi => summary.period.name_vi.clone(),
        Lang::En => summary.period.label.clone(),
    };
    let criteria: Vec<TargetRow> = view::targets(lang, &json["city"]["targets"])
        .into_iter()
        .take(5)
        .collect();
    let fields = view::public_fields(lang, &json, 15);
    // The fields chart of the page shows only the fields it may show.
    let chart = crate::report::charts::ChartData::of(summary, lang).for_publishing(summary);
    let fields_svg = crate::report::charts::picture::render_svg(
        crate::report::charts::picture::Kind::Fields,
        &chart,
    )
    .map_err(failed)?;
    let page = PublicPage {
        t,
        title: format!("{} — {period}", t.public_title),
        unit: summary.reporting_unit.clone(),
        as_of: view::date(lang, &summary.as_of),
        headline: view::headline(lang, &json),
        criteria,
        levels: view::public_agencies(lang, &json),
        fields,
        criteria_chart: figure(
            charts,
            "chi-so-tieu-chi.svg",
            "chi-so",
            t.city_title,
            t.criteria_chart,
        ),
        fields_chart: labelled(&fields_svg, "linh-vuc", t.subjects_title, t.fields_chart),
        table_id: "co-quan",
    };
    let html = page.render().map_err(|e| failed(e.to_string()))?;
    std::fs::create_dir_all(folder).map_err(|source| ReportError::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let path = folder.join("index.html");
    std::fs::write(&path, html).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}
