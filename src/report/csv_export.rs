//! CSV files the tool writes next to the workbook. They hold citizens' text,
//! so every cell that a spreadsheet would take for a formula (`=`, `+`, `-`,
//! `@`, tab, carriage return at the start) is escaped with a leading
//! apostrophe. Files are UTF-8 with a byte-order mark so that Excel opens
//! Vietnamese text correctly.

use std::borrow::Cow;
use std::path::Path;

use super::labels;
use super::ReportError;
use crate::model::Finding;

/// `text`, with a leading apostrophe when a spreadsheet would read it as a formula.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// Writes rows (the first is the header) as a UTF-8 CSV with a byte-order mark.
pub fn write_rows(path: &Path, rows: &[Vec<String>]) -> Result<(), ReportError> {
    let error = |message: String| ReportError::Write {
        path: path.display().to_string(),
        source: std::io::Error::other(message),
    };
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        let escaped: Vec<Cow<'_, str>> = row.iter().map(|cell| escape_formula(cell)).collect();
        writer
            .write_record(escaped.iter().map(|c| c.as_ref()))
            .map_err(|e| error(e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| error(e.to_string()))?;
    std::fs::write(path, bytes).map_err(|source| ReportError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Writes `findings.csv`: every data-quality finding, in Vietnamese.
pub fn write_findings(path: &Path, findings: &[Finding]) -> Result<(), ReportError> {
    let mut rows = vec![labels::FINDING_HEADERS
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()];
    rows.extend(findings.iter().map(|f| {
        vec![
            f.file.clone(),
            f.sheet.clone().unwrap_or_default(),
            f.row.to_string(),
            f.column.clone(),
            f.value.clone(),
            labels::reason(&f.reason),
            labels::effect(f.effect).to_string(),
        ]
    }));
    write_rows(path, &rows)
}

#[cfg(test)]
mod tests {
    use super::escape_formula;

    #[test]
    fn formulas_are_escaped() {
        assert_eq!(escape_formula("=cmd|'/c calc'!A1"), "'=cmd|'/c calc'!A1");
        assert_eq!(escape_formula("+84 912"), "'+84 912");
        assert_eq!(escape_formula("-1"), "'-1");
        assert_eq!(escape_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape_formula("Sở Tư pháp"), "Sở Tư pháp");
        assert_eq!(escape_formula(""), "");
    }
}
