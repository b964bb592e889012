//! CSV files the tool writes next to the workbook. They hold citizens' text,
//! so every cell that a spreadsheet would take for a formula (`=`, `+`, `-`,
//! `@`, tab, carriage return at the start) is escaped with a leading
//! apostrophe. Files are UTF-8 with a byte-order mark so that Excel opens
//! Vietnamese text correctly.

use std::borrow::Cow;
use std::path::Path;

use super::labels::{self, Lang};
use super::ReportError;
use crate::calendar::days::format_vn;
use crate::metrics::due_soon::DueSoonRecord;
use crate::metrics::interval::round2;
use crate::metrics::listed::ListedPakn;
use crate::metrics::overdue::OverdueRecord;
use crate::metrics::subjects::AgencyFieldResults;
use crate::metrics::summary::Summary;
use crate::model::{Finding, FindingList, Reason};

/// `text`, with a leading apostrophe when a spreadsheet would read it as a formula.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// One cell of a CSV export: text is escaped against formulas, numbers are
/// written as they are (with `.` as the decimal point, for other programs).
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// Free text, possibly a citizen's.
    Text(String),
    /// A number already formatted.
    Number(String),
}

impl Field {
    /// A text cell.
    pub fn text(value: impl Into<String>) -> Self {
        Field::Text(value.into())
    }

    /// A count.
    pub fn count(value: u64) -> Self {
        Field::Number(value.to_string())
    }

    /// A rate or points with 2 decimals; empty when absent.
    pub fn rate(value: Option<f64>) -> Self {
        Field::Number(
            value
                .map(|v| format!("{:.2}", round2(v)))
                .unwrap_or_default(),
        )
    }

    fn as_str(&self) -> Cow<'_, str> {
        match self {
            Field::Text(text) => escape_formula(text),
            Field::Number(number) => Cow::Borrowed(number),
        }
    }
}

/// Writes a header and rows as a UTF-8 CSV with a byte-order mark, each
/// row written as it comes: a list of a million rows is never held whole.
pub fn write_table(
    path: &Path,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Field>>,
) -> Result<(), ReportError> {
    let failed = |source: std::io::Error| ReportError::Write {
        path: path.display().to_string(),
        source,
    };
    let csv_failed = |e: csv::Error| failed(std::io::Error::other(e.to_string()));
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(failed)?);
    std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF").map_err(failed)?;
    let mut writer = csv::Writer::from_writer(file);
    let header: Vec<Cow<'_, str>> = header.iter().map(|h| escape_formula(h)).collect();
    writer
        .write_record(header.iter().map(std::convert::AsRef::as_ref))
        .map_err(csv_failed)?;
    for row in rows {
        let cells: Vec<Cow<'_, str>> = row.iter().map(Field::as_str).collect();
        writer
            .write_record(cells.iter().map(std::convert::AsRef::as_ref))
            .map_err(csv_failed)?;
    }
    let mut file = writer
        .into_inner()
        .map_err(|e| failed(std::io::Error::other(e.to_string())))?;
    std::io::Write::flush(&mut file).map_err(failed)
}

/// Writes `findings.csv`: every data-quality finding, streamed from the
/// list (read back from disk where it was spilled).
pub fn write_findings(path: &Path, findings: &FindingList, lang: Lang) -> Result<(), ReportError> {
    let failed = |source: std::io::Error| ReportError::Write {
        path: path.display().to_string(),
        source,
    };
    let file = std::fs::File::create(path).map_err(failed)?;
    let mut out =
        write_findings_to(file, lang, |visit| findings.for_each(visit)).map_err(failed)?;
    std::io::Write::flush(&mut out).map_err(failed)
}

/// Writes the CSV of the findings that `each` visits (byte-order mark,
/// header, one row a finding) to `out` (buffered here); returns `out`.
pub fn write_findings_to<W: std::io::Write>(
    mut out: W,
    lang: Lang,
    each: impl FnOnce(&mut dyn FnMut(&Finding)) -> std::io::Result<()>,
) -> std::io::Result<W> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(out);
    let to_io = |e: csv::Error| std::io::Error::other(e.to_string());
    let header = labels::finding_headers(lang);
    let escaped: Vec<Cow<'_, str>> = header.iter().map(|h| escape_formula(h)).collect();
    writer
        .write_record(escaped.iter().map(std::convert::AsRef::as_ref))
        .map_err(to_io)?;
    let mut failed: Option<csv::Error> = None;
    // A file's findings repeat a few reasons: each sentence is made once.
    let mut said: Vec<(Reason, String)> = Vec::new();
    let mut row_number = itoa::Buffer::new();
    each(&mut |f: &Finding| {
        if failed.is_some() {
            return;
        }
        let known = said.iter().position(|(reason, _)| *reason == f.reason);
        let index = known.unwrap_or_else(|| {
            if said.len() >= 64 {
                said.clear();
            }
            said.push((f.reason.clone(), labels::reason_in(lang, &f.reason)));
            said.len() - 1
        });
        let reason = said[index].1.as_str();
        let cells = [
            escape_formula(&f.file),
            escape_formula(f.sheet.as_deref().unwrap_or_default()),
            Cow::Borrowed(row_number.format(f.row)),
            escape_formula(&f.column),
            escape_formula(&f.value),
            escape_formula(reason),
            escape_formula(labels::effect(lang, f.effect)),
        ];
        if let Err(e) = writer.write_record(cells.iter().map(|c| c.as_bytes())) {
            failed = Some(e);
        }
    })?;
    if let Some(e) = failed {
        return Err(to_io(e));
    }
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Column headers of `overdue.csv` and of the sheet "Quá hạn".
pub fn overdue_headers(lang: Lang) -> [&'static str; 10] {
    match lang {
        Lang::Vi => [
            "Mã PAKN",
            "Mã cơ quan",
            "Cơ quan xử lý",
            "Kênh tiếp nhận",
            "Ngày tiếp nhận",
            "Hạn xử lý",
            "Ngày xử lý xong",
            "Số ngày làm việc quá hạn",
            "Tệp",
            "Dòng",
        ],
        Lang::En => [
            "PAKN id",
            "Agency code",
            "Handling agency",
            "Channel",
            "Received",
            "Due",
            "Handled",
            "Working days late",
            "File",
            "Row",
        ],
    }
}

/// The text of "handled" for a PAKN still pending.
pub fn pending_label(lang: Lang) -> &'static str {
    lang.pick("Đang xử lý", "Pending")
}

/// Writes `overdue.csv`: one row per overdue PAKN, dates as `dd/mm/yyyy`.
pub fn write_overdue(
    path: &Path,
    summary: &Summary,
    overdue: &[OverdueRecord],
    lang: Lang,
) -> Result<(), ReportError> {
    let rows = overdue.iter().map(|record| {
        let handled = record
            .resolved
            .map(format_vn)
            .unwrap_or_else(|| pending_label(lang).to_string());
        let days_late = u64::from(record.working_days_late);
        pakn_fields(
            summary,
            lang,
            &record.pakn,
            [Field::text(handled), Field::count(days_late)],
        )
    });
    write_table(path, &overdue_headers(lang), rows)
}

/// A listed PAKN's fields: its id, agency code and name, channel, days
/// received and due, then `own` (what the list adds), then its file and
/// row.
fn pakn_fields<const N: usize>(
    summary: &Summary,
    lang: Lang,
    pakn: &ListedPakn,
    own: [Field; N],
) -> Vec<Field> {
    let agency = summary.agencies.get(pakn.agency as usize);
    let mut fields = vec![
        Field::text(&pakn.id),
        Field::text(agency.map(|a| a.code.as_str()).unwrap_or_default()),
        Field::text(agency.map(|a| a.name.as_str()).unwrap_or_default()),
        Field::text(labels::channel(lang, pakn.channel)),
        Field::text(format_vn(pakn.received)),
        Field::text(format_vn(pakn.due)),
    ];
    fields.extend(own);
    fields.push(Field::text(&*pakn.file));
    fields.push(Field::count(u64::from(pakn.origin.row)));
    fields
}

/// Column headers of `due-soon.csv` and of the sheet "Sắp đến hạn".
pub fn due_soon_headers(lang: Lang) -> [&'static str; 9] {
    let headers = labels::pick_row(
        lang,
        "Mã PAKN | Mã cơ quan | Cơ quan xử lý | Kênh tiếp nhận | Ngày tiếp nhận | Hạn xử lý | Số ngày làm việc còn lại | Tệp | Dòng",
        "PAKN id | Agency code | Handling agency | Channel | Received | Due | Working days left | File | Row",
    );
    std::array::from_fn(|k| headers[k])
}

/// Writes `due-soon.csv`: one row per PAKN due soon, the earliest deadline
/// first, dates as `dd/mm/yyyy`.
pub fn write_due_soon(
    path: &Path,
    summary: &Summary,
    due_soon: &[DueSoonRecord],
    lang: Lang,
) -> Result<(), ReportError> {
    let rows = due_soon.iter().map(|record| {
        let left = Field::count(u64::from(record.working_days_left));
        pakn_fields(summary, lang, &record.pakn, [left])
    });
    write_table(path, &due_soon_headers(lang), rows)
}

/// Column headers of `agencies.csv`.
pub fn agency_headers(lang: Lang) -> [&'static str; 21] {
    match lang {
        Lang::Vi => [
            "Mã cơ quan",
            "Cơ quan, đơn vị",
            "Cấp",
            "Số phiếu",
            "TC1 (%)",
            "TC2 (%)",
            "TC3 (%)",
            "TC4 (%)",
            "Chỉ số thành phần (%)",
            "Tăng/giảm so với kỳ trước (điểm %)",
            "Mẫu nhỏ",
            "Đánh giá chỉ số thành phần",
            "Xếp hạng chỉ số thành phần",
            "Tiếp nhận",
            "Đã xử lý",
            "Đúng hạn (trước hạn + đúng hạn)",
            "Quá hạn",
            "Đang xử lý",
            "Đang xử lý quá hạn",
            "Tỷ lệ xử lý đúng hạn (%)",
            "Xếp hạng tỷ lệ đúng hạn",
        ],
        Lang::En => [
            "Agency code",
            "Agency",
            "Level",
            "Respondents",
            "TC1 (%)",
            "TC2 (%)",
            "TC3 (%)",
            "TC4 (%)",
            "Element index (%)",
            "Change vs previous period (points)",
            "Small sample",
            "Element index status",
            "Element index rank",
            "Received",
            "Handled",
            "On time (early + on due date)",
            "Overdue",
            "Pending",
            "Pending overdue",
            "On-time rate (%)",
            "On-time rank",
        ],
    }
}

/// Writes `agencies.csv`: every agency's indicators, in registry order.
pub fn write_agencies(path: &Path, summary: &Summary, lang: Lang) -> Result<(), ReportError> {
    let yes_no = |b: bool| Field::text(if b { lang.pick("Có", "Yes") } else { "" });
    let rank = |r: Option<u32>| Field::Number(r.map(|r| r.to_string()).unwrap_or_default());
    let rows: Vec<Vec<Field>> = summary
        .agencies
        .iter()
        .map(|a| {
            let survey = &a.survey;
            let h = &a.handling;
            let element_status = a
                .targets
                .iter()
                .find(|t| t.indicator == "element")
                .map(|t| labels::status(lang, t.status))
                .unwrap_or_default();
            let mut row = vec![
                Field::text(&a.code),
                Field::text(&a.name),
                Field::text(labels::level_name(lang, a.level)),
                Field::count(survey.respondents),
            ];
            row.extend(survey.criteria().iter().map(|c| Field::rate(c.index)));
            row.extend([
                Field::rate(survey.element),
                Field::rate(a.change_previous.element.map(|c| c.points)),
                yes_no(survey.criteria().iter().any(|c| c.small_sample)),
                Field::text(element_status),
                rank(a.rank.element),
                Field::count(h.received),
                Field::count(h.handled),
                Field::count(h.early + h.on_due),
                Field::count(h.overdue),
                Field::count(h.pending),
                Field::count(h.pending_overdue),
                Field::rate(h.on_time_rate),
                rank(a.rank.on_time),
            ]);
            // The questionnaire's other elements and the overall index.
            if survey.elements.len() > 1 {
                row.extend(survey.elements.iter().skip(1).map(|e| Field::rate(e.index)));
                row.push(Field::rate(survey.overall));
            }
            row
        })
        .collect();
    let mut headers: Vec<String> = agency_headers(lang)
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    let elements = &summary.city.survey.elements;
    if elements.len() > 1 {
        headers.extend(elements.iter().skip(1).map(|e| format!("{} (%)", e.code)));
        headers.push(format!("{} (%)", labels::overall_name(lang)));
    }
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    write_table(path, &headers, rows)
}

/// Column headers of `fields.csv`.
pub fn agency_field_headers(lang: Lang) -> [&'static str; 15] {
    match lang {
        Lang::Vi => [
            "Mã cơ quan",
            "Cơ quan, đơn vị",
            "Cấp",
            "Lĩnh vực",
            "Tiếp nhận",
            "Trực tuyến",
            "Kỳ trước chuyển sang",
            "Đã xử lý",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Đang xử lý",
            "Đang xử lý trong hạn",
            "Đang xử lý quá hạn",
            "Tỷ lệ đúng hạn (%)",
        ],
        Lang::En => [
            "Agency code",
            "Agency",
            "Level",
            "Subject field",
            "Received",
            "Online",
            "Carried over",
            "Handled",
            "Early",
            "On the due date",
            "Late",
            "Pending",
            "Pending within the deadline",
            "Pending past the deadline",
            "On-time rate (%)",
        ],
    }
}

/// Writes `fields.csv`: per agency (registry order) and subject field (in
/// the order of the summary's fields), the handling counts; a record
/// without a field is under "(Chưa xác định)".
pub fn write_agency_fields(
    path: &Path,
    summary: &Summary,
    rows: &[AgencyFieldResults],
    lang: Lang,
) -> Result<(), ReportError> {
    let rows: Vec<Vec<Field>> = rows
        .iter()
        .filter_map(|r| {
            let agency = summary.agencies.get(r.agency as usize)?;
            let h = &r.handling;
            let mut row = vec![
                Field::text(&agency.code),
                Field::text(&agency.name),
                Field::text(labels::level_name(lang, agency.level)),
                Field::text(labels::field_or_unknown(lang, r.field.as_deref())),
            ];
            row.extend(h.flow_counts().map(Field::count));
            row.push(Field::rate(h.on_time_rate));
            Some(row)
        })
        .collect();
    write_table(path, &agency_field_headers(lang), rows)
}

#[cfg(test)]
mod tests {
    use super::escape_formula;

    #[test]
    fn formulas_are_escaped() {
        // A cell that starts with =, +, - or @ gets a leading apostrophe.
        for cell in ["=cmd|'/c calc'!A1", "+84 912", "-1", "@SUM(A1)"] {
            assert_eq!(escape_formula(cell), format!("'{cell}"));
        }
        for cell in ["Sở Tư pháp", ""] {
            assert_eq!(escape_formula(cell), cell);
        }
    }
}
