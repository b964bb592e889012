//! The Check page (Kiểm tra): the accounting of every file and the
//! findings table, filtered by file and reason, sorted, in pages, and
//! `findings.csv` to download.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::i18n::{words, Lang, Reader, Words};
use super::views::{file_row, here, render, FileRow};
use super::{download, error, operations};
use crate::model::{for_each_saved, Finding, ReasonKey, KEPT_PER_REASON};
use crate::report::html::view::count;
use crate::report::labels;

/// A choice of a filter.
pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A finding as the Check page shows it.
pub struct FindingRow {
    file: String,
    sheet: String,
    row: usize,
    column: String,
    value: String,
    reason: String,
    effect: &'static str,
}

/// Links that sort the findings by a column.
pub struct SortLinks {
    file: String,
    row: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    files: Vec<FileRow>,
    total: String,
    cut: Option<String>,
    file_options: Vec<Choice>,
    reason_options: Vec<Choice>,
    sort: String,
    sort_links: SortLinks,
    rows: Vec<FindingRow>,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// The query of the Check page.
#[derive(Debug, Default, Deserialize)]
pub struct CheckQuery {
    file: Option<String>,
    reason: Option<String>,
    sort: Option<String>,
    page: Option<usize>,
}

/// Findings per page of the Check page.
pub const FINDINGS_PER_PAGE: usize = 100;

/// The sentence under the findings' heading when the page holds only the
/// first findings of some file and reason.
fn cut_note(lang: Lang, total: u64, shown: u64) -> Option<String> {
    (shown < total).then(|| {
        let (total, shown, cap) = (
            count(lang, Some(total)),
            count(lang, Some(shown)),
            count(lang, Some(KEPT_PER_REASON as u64)),
        );
        match lang {
            labels::Lang::Vi => format!(
                "Có {total} vấn đề; bảng dưới đây chỉ giữ {shown} vấn đề đầu tiên ({cap} vấn đề đầu tiên của mỗi tệp và mỗi lý do). Tệp findings.csv có đủ mọi vấn đề."
            ),
            labels::Lang::En => format!(
                "{total} findings; the table keeps the first {shown} (the first {cap} of each file and reason). findings.csv lists every one."
            ),
        }
    })
}

/// A reason as the filter names it: its code, and the field of a missing
/// value (`missing:due_at`).
fn reason_value(key: &ReasonKey) -> String {
    match &key.field {
        Some(field) => format!("{}:{field}", key.code),
        None => key.code.to_string(),
    }
}

/// `GET /check`.
pub async fn check(reader: Reader, Query(query): Query<CheckQuery>) -> Response {
    let Reader { state, lang } = reader;
    let t = words(lang);
    let check = state.checked();
    let file_filter = query.file.clone().filter(|f| !f.is_empty());
    let reason_filter = query.reason.clone().filter(|r| !r.is_empty());
    let sort = query.sort.clone().unwrap_or_default();
    // A reason is told apart by its code and, for a missing value, its field.
    let mut reasons: Vec<(String, String)> = Vec::new();
    for f in check.findings() {
        let value = reason_value(&f.reason.key());
        if !reasons.iter().any(|(v, _)| *v == value) {
            reasons.push((value, labels::reason_title(lang, &f.reason)));
        }
    }
    reasons.sort_by(|a, b| a.1.cmp(&b.1));
    let mut selected: Vec<&Finding> = check
        .findings()
        .filter(|f| file_filter.as_ref().is_none_or(|name| f.file == *name))
        .filter(|f| {
            reason_filter
                .as_ref()
                .is_none_or(|r| reason_value(&f.reason.key()) == *r)
        })
        .collect();
    match sort.as_str() {
        "row" => selected.sort_by_key(|f| f.row),
        "reason" => selected.sort_by_key(|f| labels::reason_title(lang, &f.reason)),
        "file" => selected.sort_by(|a, b| a.file.cmp(&b.file)),
        _ => {}
    }
    let in_filter = |file: &str, reason: &ReasonKey| {
        file_filter.as_ref().is_none_or(|name| file == name)
            && reason_filter
                .as_ref()
                .is_none_or(|r| reason_value(reason) == *r)
    };
    let total: u64 = check
        .counts()
        .filter(|c| in_filter(&c.file, &c.reason))
        .map(|c| c.count)
        .sum();
    let pages = selected.len().div_ceil(FINDINGS_PER_PAGE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let link = |page: usize, sort: &str| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if let Some(f) = &file_filter {
            q.append_pair("file", f);
        }
        if let Some(r) = &reason_filter {
            q.append_pair("reason", r);
        }
        if !sort.is_empty() {
            q.append_pair("sort", sort);
        }
        q.append_pair("page", &page.to_string());
        format!("/check?{}", q.finish())
    };
    let rows = selected
        .iter()
        .skip((page - 1) * FINDINGS_PER_PAGE)
        .take(FINDINGS_PER_PAGE)
        .map(|f| FindingRow {
            file: f.file.clone(),
            sheet: f.sheet.clone().unwrap_or_default(),
            row: f.row,
            column: f.column.clone(),
            value: f.value.clone(),
            reason: labels::reason_in(lang, &f.reason),
            effect: labels::effect(lang, f.effect),
        })
        .collect();
    let names: Vec<String> = check.files.iter().map(|f| f.file.name.clone()).collect();
    render(&CheckPage {
        t,
        here: here("/check", None),
        active: "check",
        files: check.files.iter().map(|f| file_row(lang, f)).collect(),
        total: count(lang, Some(total)),
        cut: cut_note(lang, total, selected.len() as u64),
        file_options: names
            .iter()
            .map(|n| Choice {
                value: n.clone(),
                label: n.clone(),
                selected: file_filter.as_ref() == Some(n),
            })
            .collect(),
        reason_options: reasons
            .into_iter()
            .map(|(code, label)| Choice {
                selected: reason_filter.as_ref() == Some(&code),
                value: code,
                label,
            })
            .collect(),
        sort_links: SortLinks {
            file: link(1, "file"),
            row: link(1, "row"),
            reason: link(1, "reason"),
        },
        sort: sort.clone(),
        rows,
        page,
        pages,
        previous: (page > 1).then(|| link(page - 1, &sort)),
        next: (page < pages).then(|| link(page + 1, &sort)),
    })
}

/// `GET /check/findings.csv`: every finding of every file, as `sipas
/// report` writes them, streamed from the findings kept beside the files.
pub async fn findings_csv(reader: Reader) -> Response {
    let Reader { state, lang } = reader;
    let check = state.checked();
    let workspace = state.workspace.clone();
    let result = operations::blocking(move || -> std::io::Result<std::fs::File> {
        use std::io::{Seek, Write};
        let spool = tempfile::tempfile()?;
        let out = crate::report::csv_export::write_findings_to(spool, lang, |visit| {
            for file in &check.files {
                let saved = super::check::findings_path(&workspace, &file.file);
                if file.counts.is_empty() {
                    continue;
                }
                for_each_saved(&saved, &mut *visit)?;
            }
            Ok(())
        })?;
        let mut spool = out;
        spool.flush()?;
        spool.seek(std::io::SeekFrom::Start(0))?;
        Ok(spool)
    })
    .await;
    match result {
        Ok(Ok(file)) => download::download_file("findings.csv", file),
        Ok(Err(e)) => error::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &crate::messages::Said::new(
                "Không ghi được danh sách lỗi dữ liệu: hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại.",
                format!("the findings could not be written: {e}"),
            ),
        ),
        Err(e) => e.into_response(),
    }
}
