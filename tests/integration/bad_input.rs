//! Bad input never disappears: a stray quote costs its own row only, and a
//! file of bad rows keeps exact counts, the first findings of each reason
//! in memory and every one of them in `findings.csv`.

use sipas::ingest::{InputRules, Inputs};
use sipas::model::{Effect, Reason, KEPT_PER_REASON};

use crate::common::{registry, temp, write};

/// A feedback CSV of `rows` rows under a header of 5 fields: row k has id
/// `P{k:06}`, agency A, received 02/01/2025, handled 03/01/2025; `edit`
/// rewrites a row's whole line.
fn feedback(rows: usize, edit: impl Fn(usize, String) -> String) -> String {
    let mut text = String::from("Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Ghi chú\n");
    for k in 1..=rows {
        let line = format!("P{k:06},02/01/2025,Email,A,ghi chú của dòng {k} cho dài thêm\n");
        text.push_str(&edit(k, line));
    }
    text
}

/// Reads one feedback file against the registry of `common::registry`,
/// large CSV files in blocks of `block_bytes`.
fn read(path: &std::path::Path, block_bytes: Option<usize>) -> Inputs {
    let folder = path.parent().expect("a folder");
    let mut registry = sipas::ingest::read_registry(&registry(folder)).expect("registry");
    let rules = InputRules {
        csv_block_bytes: block_bytes,
        names: Default::default(),
        ..Default::default()
    };
    Inputs::read_observed(
        &[path.to_path_buf()],
        &[],
        &mut registry,
        &Default::default(),
        &rules,
        &sipas::observe::Silent,
    )
    .expect("inputs")
}

#[test]
fn a_stray_quote_costs_its_own_row_and_reading_goes_on() {
    // 30,000 rows (3 MB, read in parallel spans); row 11's channel starts
    // with a quote that nothing closes: read as a quoted field it would run
    // to the end of the file. Whole, and in blocks of 100 kB and 4 kB.
    for block_bytes in [None, Some(100_000), Some(4_096)] {
        let dir = temp();
        let text = feedback(30_000, |k, line| match k {
            11 => line.replace(",Email,", ",\"Email,"),
            _ => line,
        });
        let path = write(dir.path(), "stray.csv", &text);
        let inputs = read(&path, block_bytes);
        let account = &inputs.accounts[0];
        // Every row is read; only row 11 is left out.
        assert_eq!(
            (account.rows, account.accepted, account.rejected),
            (30_000, 29_999, 1),
            "{block_bytes:?}"
        );
        let findings: Vec<_> = inputs.findings.kept().collect();
        assert_eq!(findings.len(), 1);
        // Data row 11 is Excel row 12.
        assert_eq!(findings[0].row, 12);
        assert_eq!(findings[0].column, "Kênh tiếp nhận");
        assert!(findings[0].value.starts_with("P000011,02/01/2025,\"Email"));
        assert_eq!(findings[0].reason, Reason::StrayQuote);
        assert_eq!(findings[0].effect, Effect::RowRejected);
        assert!(inputs.feedback.id.iter().any(|id| id == "P000012"));
        assert_eq!(inputs.feedback.origin.last().map(|o| o.row), Some(30_001));
    }
}

#[test]
fn a_stray_quote_closed_by_a_later_quoted_field_costs_its_own_row_only() {
    // Row 5's quote runs to the quote that opens row 9's note, which holds
    // a real line break: rows 6–8 read as records of the header's width, so
    // row 5 is cut short there and row 9's note still reads whole.
    let dir = temp();
    let text = feedback(12, |k, line| match k {
        5 => line.replace(",Email,", ",\"Email,"),
        9 => "P000009,02/01/2025,Email,A,\"ghi chú, hai dòng\ndòng thứ hai\"\n".to_string(),
        _ => line,
    });
    let path = write(dir.path(), "stray.csv", &text);
    let inputs = read(&path, None);
    let account = &inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (12, 11, 1)
    );
    let findings: Vec<_> = inputs.findings.kept().collect();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].row, 6);
    assert_eq!(findings[0].reason, Reason::StrayQuote);
    // Row 9's note spans two lines of the file but is one Excel row; rows
    // below it are one line lower than their number.
    let position = |id: &str| inputs.feedback.id.iter().position(|i| i == id);
    let nine = position("P000009").expect("row 9 read");
    assert_eq!(inputs.feedback.origin.get(nine).map(|o| o.row), Some(10));
    let last = inputs.feedback.origin.last().map(|o| o.row);
    assert_eq!(last, Some(13));
}

#[test]
fn quoted_notes_over_several_lines_still_read_as_one_cell() {
    // NYC 311's resolution notes: a quoted cell of three lines whose middle
    // line holds commas, but not the header's five fields.
    let dir = temp();
    let text = feedback(4, |k, line| match k {
        2 => {
            "P000002,02/01/2025,Email,A,\"Kiểm tra, xử lý.\nĐã liên hệ, hẹn lại, sẽ báo.\nXong\"\n"
                .to_string()
        }
        _ => line,
    });
    let path = write(dir.path(), "notes.csv", &text);
    let inputs = read(&path, None);
    let account = &inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (4, 4, 0)
    );
    assert!(inputs.findings.is_empty(), "{:?}", inputs.findings);
    assert_eq!(inputs.feedback.origin.get(3).map(|o| o.row), Some(5));
}

#[test]
fn a_file_of_bad_rows_keeps_exact_counts_and_the_first_findings_of_each_reason() {
    // 2,500 rows of one field each (the required values past it are
    // missing: one finding a row), then 1,200 rows whose date is not a
    // date, then one good row.
    let dir = temp();
    let mut text = String::from("Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n");
    text.push_str(&"x\n".repeat(2_500));
    for k in 0..1_200 {
        text.push_str(&format!("D{k},31/02/2025,Email,A\n"));
    }
    text.push_str("OK,02/01/2025,Email,A\n");
    let path = write(dir.path(), "bad.csv", &text);
    let inputs = read(&path, None);
    let account = &inputs.accounts[0];
    // rows read = accepted + rejected: 3,701 = 1 + 3,700.
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (3_701, 1, 3_700)
    );
    let findings = &inputs.findings;
    assert_eq!(findings.len(), 3_700);
    assert_eq!(findings.count_of(Effect::RowRejected), 3_700);
    let counts: Vec<(String, u64, u64)> = findings
        .counts()
        .map(|c| (c.reason.code.to_string(), c.count, c.kept))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("short_row".to_string(), 2_500, KEPT_PER_REASON as u64),
            ("unreadable_date".to_string(), 1_200, KEPT_PER_REASON as u64),
        ]
    );
    // Kept: the first 1,000 of each, in row order.
    let kept: Vec<usize> = findings.kept().map(|f| f.row).collect();
    assert_eq!(kept.len(), 2 * KEPT_PER_REASON);
    assert_eq!(kept[0], 2);
    assert_eq!(kept[KEPT_PER_REASON - 1], 1_001);
    assert_eq!(kept[KEPT_PER_REASON], 2_502);
    assert_eq!(findings.not_kept(), 1_700);
    let first = findings.kept().next().expect("a finding");
    assert_eq!(
        first.reason,
        Reason::ShortRow {
            found: 1,
            expected: 4,
            missing: "received_at, channel, agency".to_string()
        }
    );
    // findings.csv lists every one: a header and 3,700 lines.
    let csv = dir.path().join("findings.csv");
    sipas::report::csv_export::write_findings(&csv, findings, sipas::report::labels::Lang::En)
        .expect("findings.csv");
    let written = std::fs::read_to_string(&csv).expect("findings.csv");
    assert_eq!(written.lines().count(), 3_701);
    assert!(written
        .lines()
        .nth(3_700)
        .is_some_and(|l| l.contains(",3701,")));
}
