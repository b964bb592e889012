//! A district's own Excel log, saved as .xlsx, .xls and .ods (made by
//! `tests/fixtures/make_fixtures.py` and LibreOffice): a notes sheet before the
//! data sheet, a title block, a two-row merged header, a hidden column and a
//! hidden row, an empty column, a date stored as a serial number in text, NFD
//! text, a formula and an error cell. All three formats must give the same
//! numbers, worked out here by hand for 2025-Q1 (15/12/2024 – 14/03/2025).

use std::path::Path;

use crate::common::{registry, run, settings, temp};

fn check(file: &str) {
    let dir = temp();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file);
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    // The notes sheet has no header; the data sheet is found.
    assert_eq!(account.sheet.as_deref(), Some("Dữ liệu"), "{file}");
    // Five records (rows 6–10, row 8 hidden but read); QBD-4's resolution date is #N/A.
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (5, 4, 1),
        "{file}"
    );
    let finding = loaded.inputs.findings.kept().next().unwrap();
    assert_eq!(
        (finding.row, finding.column.as_str(), finding.value.as_str()),
        (9, "Kết quả / Ngày xử lý xong", "#N/A"),
        "{file}"
    );
    // UBND quận Ba Đình: QBD-1 (6/1, resolved 10/1, due 27/1: early), QBD-2 (NFD "Quận
    // Ba Đình", by e-mail, resolved on its due date 27/1), QBD-3 (received 45665 =
    // 8/1/2025 written as text, by Zalo, unresolved, due 22/1: pending overdue on 14/3).
    let c = summary.agencies[2].handling;
    assert_eq!(
        (c.received, c.received_online, c.handled, c.early, c.on_due),
        (3, 2, 2, 1, 1),
        "{file}"
    );
    assert_eq!((c.pending, c.pending_overdue), (1, 1), "{file}");
    // Sở Tư pháp: QBD-5 resolved 5/2 after its due date 24/1.
    let a = summary.agencies[0].handling;
    assert_eq!((a.received, a.handled, a.overdue), (1, 1, 1), "{file}");
    // City: 4 received, 3 handled, 2 on time = 66.67%.
    let city = summary.city.handling;
    assert_eq!((city.received, city.handled), (4, 3), "{file}");
    assert!(
        (city.on_time_rate.unwrap_or_default() - 200.0 / 3.0).abs() < 1e-9,
        "{file}"
    );
}

#[test]
fn xlsx_log() {
    check("so-theo-doi.xlsx");
}

#[test]
fn xls_log() {
    check("so-theo-doi.xls");
}

#[test]
fn ods_log() {
    check("so-theo-doi.ods");
}
