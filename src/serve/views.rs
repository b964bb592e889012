//! What the pages share: rendering a template, the path the language
//! switch comes back to, and the rows of files and runs the lists show.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::check::FileCheck;
use super::i18n::{words, Lang, Words};
use super::workspace::{FileKind, RunRecord};
use crate::report::html::view::count;
use crate::report::labels;

/// Renders a template, or says why it could not be.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
            .into_response(),
    }
}

/// The path of the page, for the language switch to come back to.
pub fn here(path: &str, query: Option<&str>) -> String {
    let full = match query {
        Some(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_string(),
    };
    form_urlencoded::byte_serialize(full.as_bytes()).collect()
}

/// The name of a kind in the page's language.
pub fn kind_name(t: &Words, kind: FileKind) -> &'static str {
    match kind {
        FileKind::Feedback => t.kind_feedback,
        FileKind::Survey => t.kind_survey,
        FileKind::Agencies => t.kind_agencies,
    }
}

/// One file of the Inputs page.
pub struct FileRow {
    /// File id.
    pub id: String,
    /// Original name.
    pub name: String,
    /// Size in KB.
    pub size: String,
    /// The first 12 hex digits of its SHA-256.
    pub sha_short: String,
    /// Kind, in the page's language.
    pub kind: &'static str,
    /// The profile it is read with.
    pub profile: String,
    /// Sheet and header row.
    pub header: String,
    /// Rows read = accepted + rejected.
    pub rows: String,
    /// Fields mapped, with their headers.
    pub mapped: String,
    /// Columns ignored.
    pub ignored: String,
    /// Why it cannot be read.
    pub error: Option<String>,
    /// Whether the mapping form can read it.
    pub can_map: bool,
    /// Whether its columns do not map until a profile says how.
    pub needs_mapping: bool,
}

/// The row of a file on the Inputs and Check pages.
pub fn file_row(lang: Lang, check: &FileCheck) -> FileRow {
    let t = words(lang);
    let file = &check.file;
    let account = check.account.as_ref();
    let rows = match (account, check.agencies) {
        (Some(a), _) => {
            let superseded = if a.superseded > 0 {
                format!(" + {}", count(lang, Some(a.superseded as u64)))
            } else {
                String::new()
            };
            format!(
                "{} = {} + {}{superseded}",
                count(lang, Some(a.rows as u64)),
                count(lang, Some(a.accepted as u64)),
                count(lang, Some(a.rejected as u64))
            )
        }
        (None, Some(n)) if check.ended.0 > 0 => format!(
            "{} {} ({} {}, {} {})",
            count(lang, Some(n as u64)),
            t.agencies_in_registry,
            count(lang, Some(check.ended.0 as u64)),
            t.agencies_ended,
            count(lang, Some(check.ended.1 as u64)),
            t.agencies_succeeded
        ),
        (None, Some(n)) => format!("{} {}", count(lang, Some(n as u64)), t.agencies_in_registry),
        _ if check.superseded => t.superseded_registry.to_string(),
        _ => "–".to_string(),
    };
    FileRow {
        id: file.id.clone(),
        name: file.name.clone(),
        size: format!("{} KB", count(lang, Some(file.size.div_ceil(1024)))),
        sha_short: file.sha256.get(..12).unwrap_or(&file.sha256).to_string(),
        kind: kind_name(t, file.kind),
        profile: file.profile.clone().unwrap_or_default(),
        header: account
            .map(|a| match &a.sheet {
                Some(sheet) => format!("{sheet}, {}", a.header_row),
                None => a.header_row.to_string(),
            })
            .unwrap_or_default(),
        rows,
        mapped: account
            .map(|a| {
                a.mapped
                    .iter()
                    .map(|m| format!("{} ← {}", field_label(lang, &m.field), m.header))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        ignored: account.map(|a| a.ignored.join("; ")).unwrap_or_default(),
        error: check.error.as_ref().map(|s| s.pick(lang).to_string()),
        can_map: file.kind != FileKind::Agencies,
        needs_mapping: check.needs_mapping,
    }
}

/// A run in a list.
pub struct RunRow {
    /// Run id.
    pub id: String,
    /// Period.
    pub period: String,
    /// Status word.
    pub status: &'static str,
    /// CSS class of the status.
    pub class: &'static str,
    /// The error, or the number of files.
    pub detail: String,
}

/// A run as the lists show it.
pub fn run_row_of(lang: Lang, run: &RunRecord) -> RunRow {
    let t = words(lang);
    let (status, class) = match run.status.as_str() {
        "done" => (t.status_done, "met"),
        "running" => (t.status_running, "no-data"),
        _ => (t.status_failed, "not-met"),
    };
    RunRow {
        id: run.id.clone(),
        period: run
            .period
            .clone()
            .or_else(|| run.request.period.clone())
            .unwrap_or_default(),
        status,
        class,
        detail: run
            .error_in(lang)
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} {}", run.files.len(), t.files_word)),
    }
}

/// The name of a canonical input field in `lang`: its typical Vietnamese
/// header in Vietnamese (`Ngày tiếp nhận`), its code in English
/// (`received_at`); a questionnaire criterion by its code in both.
pub fn field_label(lang: Lang, name: &str) -> String {
    let typical = crate::ingest::columns::FEEDBACK_FIELDS
        .iter()
        .chain(crate::ingest::columns::SURVEY_FIELDS.iter())
        .find(|spec| spec.name == name)
        .and_then(|spec| spec.headers.first());
    match (lang, typical) {
        (Lang::Vi, Some(header)) => (*header).to_string(),
        _ => name.to_string(),
    }
}

/// The label of a canonical value `code` of the input field `field`
/// (`dang_xu_ly` → "Đang xử lý").
pub fn value_label(lang: Lang, field: &str, code: &str) -> String {
    let pair = match (field, code) {
        ("channel", _) => {
            return crate::model::Channel::parse(code).map_or_else(
                || code.to_string(),
                |c| labels::channel(lang, c).to_string(),
            )
        }
        ("category", _) => return labels::category(lang, code).to_string(),
        ("status", "dang_xu_ly") => ("Đang xử lý", "Pending"),
        ("status", "da_xu_ly") => ("Đã xử lý", "Handled"),
        ("status", "tu_choi") => ("Từ chối, không tiếp nhận", "Refused"),
        ("status", "chuyen") => ("Chuyển cơ quan khác", "Forwarded"),
        ("rating", "hai_long") => ("Hài lòng", "Satisfied"),
        ("rating", "khong_hai_long") => ("Không hài lòng", "Not satisfied"),
        (_, "co") => ("Có", "Yes"),
        (_, "khong") => ("Không", "No"),
        (_, "missing") => ("Không trả lời", "No answer"),
        _ => return code.to_string(),
    };
    lang.pick(pair.0, pair.1).to_string()
}
