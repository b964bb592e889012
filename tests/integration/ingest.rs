//! Reading the canonical formats: header matching, date forms, workbooks,
//! and a finding for every rejected row and ignored cell.

use rust_xlsxwriter::{Format, Workbook};
use sipas::model::Effect;

use crate::common::{registry, run, settings, temp, write};

#[test]
fn headers_match_whatever_their_case_accents_or_delimiter() {
    let dir = temp();
    // Upper case, semicolons, a byte-order mark, dd/mm/yyyy HH:MM:SS.
    let upper = write(
        dir.path(),
        "upper.csv",
        "\u{feff}MÃ PAKN;NGÀY TIẾP NHẬN;KÊNH TIẾP NHẬN;CƠ QUAN XỬ LÝ\nU1;02/01/2025 08:15:00;ĐƯỜNG DÂY NÓNG;SỞ TƯ PHÁP\n",
    );
    // Unaccented lower case, commas, ISO dates, channel codes.
    let plain = write(
        dir.path(),
        "plain.csv",
        "ma pakn,ngay tiep nhan,kenh tiep nhan,co quan xu ly\nL1,2025-01-03,hotline,quận ba đình\nL2,2025-01-03T09:00:00+07:00,zalo,C\n",
    );
    // Canonical field names.
    let canonical = write(
        dir.path(),
        "canonical.csv",
        "id,received_at,channel,agency\nK1,3/1/2025,Hỏi - Đáp,Sở Xây dựng\n",
    );
    let s = settings(
        vec![upper, plain, canonical],
        vec![],
        registry(dir.path()),
        "2025-Q1",
    );
    let (loaded, summary) = run(&s);
    assert!(
        loaded.inputs.findings.is_empty(),
        "{:?}",
        loaded.inputs.findings
    );
    assert_eq!(loaded.inputs.feedback.len(), 4);
    assert_eq!(summary.city.handling.received, 4);
    // L2 via Zalo and K1 via the website Q&A are online.
    assert_eq!(summary.city.handling.received_online, 2);
}

#[test]
fn every_rejection_reason_is_a_finding_and_rows_add_up() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Ngày xử lý xong,Trạng thái\n\
         G1,02/01/2025,Email,A,03/01/2025,Đã xử lý\n\
         ,02/01/2025,Email,A,,\n\
         G3,32/01/2025,Email,A,,\n\
         G4,02/01/2025,Email,Sở Xây dựg,,\n\
         G5,10/01/2025,Email,A,09/01/2025,\n\
         G1,05/01/2025,Email,A,,\n\
         G7,05/01/2025,Chim bồ câu,A,,\n\
         G8,05/01/2025,Email,A,,Đã xử lý\n\
         G9,05/01/2025,Email,A,,Lạ\n\
         \n\
         G10,05/01/2025,Email,,,\n",
    );
    let survey = write(
        dir.path(),
        "survey.csv",
        "Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\n\
         S1,05/01/2025,A,4,7\n\
         S1,05/01/2025,A,4,4\n\
         S3,hôm qua,A,4,4\n",
    );
    let s = settings(
        vec![feedback.clone()],
        vec![survey],
        registry(dir.path()),
        "2025-Q1",
    );
    let (loaded, _) = run(&s);
    let inputs = &loaded.inputs;

    let file = feedback.display().to_string();
    let rejected = |row: usize, column: &str, value: &str, reason: &str| {
        inputs.findings.kept().any(|f| {
            f.file == file
                && f.row == row
                && f.column == column
                && f.value == value
                && f.reason.to_string().contains(reason)
                && f.effect == Effect::RowRejected
        })
    };
    // Rows as the user sees them in Excel: the header is row 1.
    assert!(rejected(3, "Mã PAKN", "", "id is missing"));
    assert!(rejected(4, "Ngày tiếp nhận", "32/01/2025", "not a date"));
    assert!(rejected(
        5,
        "Cơ quan xử lý",
        "Sở Xây dựg",
        "did you mean 'Sở Xây dựng'"
    ));
    assert!(rejected(
        6,
        "Ngày xử lý xong",
        "09/01/2025",
        "resolved before it was received"
    ));
    assert!(rejected(7, "Mã PAKN", "G1", "duplicate id"));
    assert!(rejected(
        8,
        "Kênh tiếp nhận",
        "Chim bồ câu",
        "unknown channel"
    ));
    // The blank line 11 is skipped; row 12 lacks its agency.
    assert!(
        rejected(12, "Cơ quan xử lý", "", "agency is missing"),
        "{:#?}",
        inputs.findings
    );
    // Kept rows with findings: a handled status without a date, an unknown status.
    let kept = |row: usize, effect: Effect| {
        inputs
            .findings
            .kept()
            .any(|f| f.file == file && f.row == row && f.effect == effect)
    };
    assert!(kept(9, Effect::Warning));
    assert!(kept(10, Effect::CellIgnored));

    let feedback_account = &inputs.accounts[0];
    assert_eq!(
        (
            feedback_account.rows,
            feedback_account.accepted,
            feedback_account.rejected
        ),
        (10, 3, 7)
    );
    let survey_account = &inputs.accounts[1];
    // S1 again is a duplicate; S3 has no readable date. The first S1 is kept, without
    // its out-of-range TC2 answer.
    assert_eq!(
        (
            survey_account.rows,
            survey_account.accepted,
            survey_account.rejected
        ),
        (3, 1, 2)
    );
    assert!(inputs
        .findings
        .kept()
        .any(|f| f.column == "TC2" && f.value == "7" && f.effect == Effect::CellIgnored));
    assert_eq!(inputs.survey.answers[0], vec![Some(4)]);
    assert_eq!(inputs.survey.answers[1], vec![None]);
    for account in &inputs.accounts {
        assert_eq!(
            account.rows,
            account.accepted + account.rejected,
            "{}",
            account.path
        );
    }
}

#[test]
fn csv_row_numbers_are_excel_rows_despite_quoted_line_breaks_and_blank_lines() {
    let dir = temp();
    // Row 2 holds a quoted field over two lines; row 3 is blank; row 4 is bad.
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Lĩnh vực\r\n\
         Q1,02/01/2025,Email,A,\"Đất đai\r\nXây dựng\"\r\n\
         \r\n\
         Q2,02/01/2025,Email,Z,Đất đai\r\n",
    );
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, _) = run(&s);
    assert_eq!(loaded.inputs.findings.len(), 1);
    assert_eq!(loaded.inputs.findings.kept().next().unwrap().row, 4);
    assert_eq!(
        loaded.inputs.feedback.field.get(0),
        Some("Đất đai\r\nXây dựng")
    );
}

#[test]
fn workbooks_with_date_cells_labels_and_numbers() {
    let dir = temp();
    let path = dir.path().join("survey.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, header) in ["Mã phiếu", "Ngày khảo sát", "Cơ quan / Đơn vị", "TC1"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    // 45665 is 08/01/2025 as an Excel serial; a text date; an ISO date.
    sheet.write_number(1, 0, 101).expect("id");
    sheet
        .write_number_with_format(1, 1, 45665.0, &date)
        .expect("date");
    sheet.write_string(1, 2, "Sở Tư pháp").expect("agency");
    sheet.write_string(1, 3, "Rất hài lòng").expect("answer");
    sheet.write_string(2, 0, "102").expect("id");
    sheet.write_string(2, 1, "09/01/2025").expect("date");
    sheet.write_string(2, 2, "A").expect("agency");
    sheet.write_number(2, 3, 2).expect("answer");
    sheet.write_string(3, 0, "103").expect("id");
    sheet.write_string(3, 1, "2025-01-10").expect("date");
    sheet.write_string(3, 2, "a").expect("agency");
    sheet.write_string(3, 3, "Không biết").expect("answer");
    workbook.save(&path).expect("save");

    let s = settings(vec![], vec![path], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    assert!(
        loaded.inputs.findings.is_empty(),
        "{:?}",
        loaded.inputs.findings
    );
    assert_eq!(loaded.inputs.accounts[0].sheet.as_deref(), Some("Sheet1"));
    let tc1 = summary.agencies[0].survey.tc1;
    // Answers 5 and 2, "Không biết" is no answer: n = 2, satisfied = 1, index 50.
    assert_eq!((tc1.n, tc1.satisfied, tc1.index), (2, 1, Some(50.0)));
    assert_eq!(summary.agencies[0].survey.respondents, 3);
}

#[test]
fn a_file_without_a_required_column_is_one_clear_error() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Kênh tiếp nhận,Cơ quan xử lý\nX,Email,A\n",
    );
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let error = sipas::pipeline::load(&s).expect_err("missing column");
    let message = error.to_string();
    assert!(message.contains("pakn.csv"), "{message}");
    assert!(
        message.contains("received_at (\"Ngày tiếp nhận\")"),
        "{message}"
    );
}

#[test]
fn an_unknown_file_format_and_binary_data_named_csv_are_refused() {
    let dir = temp();
    let pdf = write(dir.path(), "pakn.pdf", "%PDF");
    let s = settings(vec![pdf], vec![], registry(dir.path()), "2025-Q1");
    assert!(sipas::pipeline::load(&s)
        .expect_err("format")
        .to_string()
        .contains("is not a .csv"));
    let binary = dir.path().join("binary.csv");
    std::fs::write(&binary, b"\x00\x01\x02PK\x03\x04\x00\xff\xfe").expect("write");
    let s = settings(vec![binary], vec![], registry(dir.path()), "2025-Q1");
    let message = sipas::pipeline::load(&s).expect_err("binary").to_string();
    assert!(
        message.contains("binary.csv holds binary data"),
        "{message}"
    );
}

/// A feedback CSV of `rows` data rows (about 100 bytes each, so that a large
/// one is read in parallel spans): row k (1-based) has id `P{k:06}`, agency
/// A, received 02/01/2025 and handled the next day; `edit` changes the
/// cells of chosen rows; a blank line follows the rows in `blank_after`.
fn large_feedback(
    rows: usize,
    blank_after: &[usize],
    edit: impl Fn(usize, &mut [String; 6]),
) -> String {
    let mut text = String::from(
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Ngày xử lý xong,Trạng thái,Lĩnh vực\n",
    );
    for k in 1..=rows {
        let mut cells = [
            format!("P{k:06}"),
            "02/01/2025".to_string(),
            "Email".to_string(),
            "A".to_string(),
            "03/01/2025".to_string(),
            "Đã xử lý".to_string(),
        ];
        edit(k, &mut cells);
        text.push_str(&cells.join(","));
        text.push_str(",Đất đai – một lĩnh vực để dòng dài hơn\n");
        if blank_after.contains(&k) {
            text.push('\n');
        }
    }
    text
}

/// Reads one feedback file with the registry of `common::registry`, large
/// CSV files in blocks of `block_bytes` (None: the default).
fn read_feedback(path: &std::path::Path, block_bytes: Option<usize>) -> sipas::ingest::Inputs {
    let folder = path.parent().expect("a folder");
    let mut registry = sipas::ingest::read_registry(&registry(folder)).expect("registry");
    let rules = sipas::ingest::InputRules {
        csv_block_bytes: block_bytes,
        names: Default::default(),
        ..Default::default()
    };
    sipas::ingest::Inputs::read_observed(
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
fn a_large_csv_read_in_parallel_gives_the_rows_and_findings_of_a_row_by_row_reading() {
    // Whole (4 MB is less than a block), then in blocks of 1 MB, 100 kB and
    // 4 kB: the quoted line break, the blank line and the repeated ids fall
    // across blocks in some of them.
    for block_bytes in [None, Some(1 << 20), Some(100_000), Some(4_096)] {
        large_csv_in_spans_or_blocks(block_bytes);
    }
}

fn large_csv_in_spans_or_blocks(block_bytes: Option<usize>) {
    let dir = temp();
    // 40,000 rows, 4 MB: read in spans on a machine with two cores or more.
    // A quoted line break in row 30,000 (one Excel row still), a blank line
    // after row 25,000 (one Excel row more for every row below it).
    let text = large_feedback(40_000, &[25_000], |k, cells| match k {
        20_000 => cells[4].clear(), // handled without a date: a warning
        30_000 => cells[0] = "\"P030000\nbis\"".to_string(),
        35_000 => cells[0] = "P000002".to_string(), // repeats row 2
        35_001 | 35_002 => cells[0] = "X-DUP".to_string(),
        36_000 => {
            // Repeats row 3 and has no date: rejected, so no warning.
            cells[0] = "P000003".to_string();
            cells[4].clear();
        }
        39_000 => cells[3] = "Z".to_string(),
        _ => {}
    });
    assert!(text.len() > 4 * sipas::ingest::table::MIN_SPAN_BYTES);
    let feedback = write(dir.path(), "large.csv", &text);
    let read = read_feedback(&feedback, block_bytes);
    let inputs = &read;
    let account = &inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (40_000, 39_996, 4)
    );
    // The checksum is the file's, however it is read.
    assert_eq!(account.sha256, sha256_of(&feedback));
    assert_eq!(inputs.feedback.len(), 39_996);
    // Excel rows: the header is row 1; rows below the blank line are one lower.
    let found: Vec<(usize, &str, &str, Effect)> = inputs
        .findings
        .kept()
        .map(|f| (f.row, f.column.as_str(), f.value.as_str(), f.effect))
        .collect();
    assert_eq!(
        found,
        vec![
            (20_001, "Trạng thái", "Đã xử lý", Effect::Warning),
            (35_002, "Mã PAKN", "P000002", Effect::RowRejected),
            (35_004, "Mã PAKN", "X-DUP", Effect::RowRejected),
            (36_002, "Mã PAKN", "P000003", Effect::RowRejected),
            (39_002, "Cơ quan xử lý", "Z", Effect::RowRejected),
        ]
    );
    // Records keep file order and their Excel rows.
    let position = |id: &str| inputs.feedback.id.iter().position(|i| i == id);
    assert_eq!(position("P000001"), Some(0));
    assert_eq!(position("P030000\nbis"), Some(29_999));
    assert_eq!(
        inputs.feedback.origin.get(29_999).map(|o| o.row),
        Some(30_002)
    );
    // Row 35,001 follows 35,000 rows, one of them rejected.
    assert_eq!(position("X-DUP"), Some(35_000 - 1));
    let last = inputs.feedback.origin.last().map(|o| o.row);
    assert_eq!(last, Some(40_002));
    let rows: Vec<u32> = inputs.feedback.origin.iter().map(|o| o.row).collect();
    assert!(rows.windows(2).all(|w| w[0] < w[1]));
}

/// SHA-256 of a file, lower-case hex.
fn sha256_of(path: &std::path::Path) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(std::fs::read(path).expect("file"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_quoted_field_across_the_middle_of_a_large_csv_is_read_whole() {
    // Whole, and in blocks of 64 kB: the 3 MB field is longer than a block,
    // which grows until the record fits.
    for block_bytes in [None, Some(65_536)] {
        quoted_field_across_blocks(block_bytes);
    }
}

fn quoted_field_across_blocks(block_bytes: Option<usize>) {
    let dir = temp();
    // Row 2's subject holds 3 MB of text over many lines: wherever the file
    // is cut, the cut falls inside it, and the file is read in one piece.
    let long_field = "một dòng ghi chú dài\n".repeat(120_000);
    let text = large_feedback(2_000, &[], |k, cells| match k {
        2 => cells[5] = format!("\"{long_field}\""),
        1_500 => cells[3] = "Z".to_string(),
        _ => {}
    });
    let feedback = write(dir.path(), "quoted.csv", &text);
    let read = read_feedback(&feedback, block_bytes);
    let inputs = &read;
    let account = &inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (2_000, 1_999, 1)
    );
    let rows: Vec<(usize, &str)> = inputs
        .findings
        .kept()
        .map(|f| (f.row, f.column.as_str()))
        .collect();
    // Row 3's status (not a status: ignored) and the unknown agency in row 1,501.
    assert_eq!(rows, vec![(3, "Trạng thái"), (1_501, "Cơ quan xử lý")]);
}

#[test]
fn a_large_sheet_read_in_parallel_gives_the_rows_and_findings_of_a_row_by_row_reading() {
    let dir = temp();
    let path = dir.path().join("large.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // A title row and a header merged over two rows: the data start in row 4.
    sheet
        .merge_range(0, 0, 0, 3, "BÁO CÁO PHIẾU KHẢO SÁT", &Format::new())
        .expect("title");
    for (col, header) in ["Mã phiếu", "Ngày khảo sát", "Cơ quan", "TC1"]
        .iter()
        .enumerate()
    {
        sheet
            .merge_range(1, col as u16, 2, col as u16, header, &Format::new())
            .expect("header");
    }
    // 30,000 responses (three spans or more); response k in Excel row k + 3.
    for k in 1..=30_000u32 {
        let row = k + 2;
        let id = match k {
            25_000 => "S2".to_string(), // repeats response 2
            _ => format!("S{k}"),
        };
        sheet.write_string(row, 0, &id).expect("id");
        sheet.write_string(row, 1, "05/01/2025").expect("date");
        let agency = if k == 29_999 { "Z" } else { "A" };
        sheet.write_string(row, 2, agency).expect("agency");
        let answer = if k == 12_345 { 7.0 } else { 4.0 };
        sheet.write_number(row, 3, answer).expect("answer");
    }
    workbook.save(&path).expect("save");

    let s = settings(vec![], vec![path], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    let inputs = &loaded.inputs;
    let account = &inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (30_000, 29_998, 2)
    );
    let found: Vec<(usize, &str, &str, Effect)> = inputs
        .findings
        .kept()
        .map(|f| (f.row, f.column.as_str(), f.value.as_str(), f.effect))
        .collect();
    assert_eq!(
        found,
        vec![
            (12_348, "TC1", "7", Effect::CellIgnored),
            (25_003, "Mã phiếu", "S2", Effect::RowRejected),
            (30_002, "Cơ quan", "Z", Effect::RowRejected),
        ]
    );
    assert_eq!(inputs.survey.origin.get(0).map(|o| o.row), Some(4));
    assert_eq!(inputs.survey.origin.last().map(|o| o.row), Some(30_003));
    // 29,998 responses, one without a valid TC1 answer; all satisfied.
    let tc1 = summary.agencies[0].survey.tc1;
    assert_eq!((tc1.n, tc1.satisfied), (29_997, 29_997));
}

/// A CSV file with CRLF line ends, quoted fields holding line breaks and
/// doubled quotes, blank lines, repeated ids and bad rows.
fn awkward_csv(rows: usize) -> String {
    let mut text = String::from("Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Lĩnh vực\r\n");
    for k in 1..=rows {
        let id = if k % 97 == 0 {
            "R1".to_string()
        } else {
            format!("R{k}")
        };
        let date = if k % 89 == 0 {
            "31/02/2025"
        } else {
            "02/01/2025"
        };
        let field = match k % 7 {
            0 => "\"Đất đai\r\n\"\"quy hoạch\"\"\r\nxây dựng\"".to_string(),
            3 => "\"một, hai\"".to_string(),
            _ => "Y tế".to_string(),
        };
        text.push_str(&format!("{id},{date},Email,A,{field}\r\n"));
        if k % 53 == 0 {
            text.push_str("\r\n");
        }
    }
    text
}

/// What two readings must agree on: every finding, the accounting and the
/// records' ids, rows and fields.
fn reading_of(inputs: &sipas::ingest::Inputs) -> (String, Vec<(String, u32, Option<String>)>) {
    let findings = format!("{:?}\n{:?}", inputs.findings, inputs.accounts);
    let records = (0..inputs.feedback.len())
        .map(|i| {
            (
                inputs.feedback.id[i].to_string(),
                inputs.feedback.origin.get(i).map_or(0, |o| o.row),
                inputs.feedback.field.get(i).map(str::to_string),
            )
        })
        .collect();
    (findings, records)
}

#[test]
fn blocks_of_any_size_read_what_the_whole_file_reads() {
    let dir = temp();
    let feedback = write(dir.path(), "awkward.csv", &awkward_csv(1_000));
    let whole = read_feedback(&feedback, Some(usize::MAX));
    let expected = reading_of(&whole);
    // 1,000 rows: ids of rows 97, 194 … 970 repeat R1 (10 rejected), the
    // dates of rows 89, 178 … 979 are not dates (11 rejected), no row both:
    // 1,000 − 21 accepted.
    assert_eq!(whole.accounts[0].accepted, 979);
    // Row 97 is Excel row 1 (the header) + 97 + the blank line after row 53;
    // the line breaks inside quoted fields do not make rows.
    let duplicate = whole
        .findings
        .kept()
        .find(|f| f.value == "R1")
        .expect("the repeated id");
    assert_eq!(duplicate.row, 99);
    let options = sipas::ingest::table::ReadOptions {
        block_bytes: Some(70),
        ..Default::default()
    };
    let table = sipas::ingest::table::Table::open(&feedback, &options).expect("opened");
    assert!(table.in_blocks(), "read in blocks");
    for block_bytes in [70, 128, 333, 1_024, 5_000] {
        let blocks = read_feedback(&feedback, Some(block_bytes));
        assert_eq!(
            reading_of(&blocks),
            expected,
            "blocks of {block_bytes} bytes"
        );
    }
}

#[test]
fn a_csv_that_stops_being_utf8_after_its_first_block_is_read_as_a_whole_file_is() {
    let dir = temp();
    // 2,000 ASCII rows (more than the 64 kB in which the header is looked
    // for), then a row in Windows-1258 ("Đường" as D0 FD F5 CC n g).
    let text = awkward_csv(2_000);
    let body = text
        .split_once("\r\n")
        .map(|(_, rows)| rows)
        .unwrap_or_default();
    let ascii: String = body
        .chars()
        .map(|c| if c.is_ascii() { c } else { 'a' })
        .collect();
    let mut bytes =
        format!("Ma PAKN,Ngay tiep nhan,Kenh tiep nhan,Co quan xu ly,Linh vuc\r\n{ascii}")
            .into_bytes();
    bytes.extend_from_slice(b"W1,02/01/2025,Email,A,");
    bytes.extend_from_slice(&[0xD0, 0xFD, 0xF5, 0xCC, b'n', b'g', b'\r', b'\n']);
    let path = dir.path().join("mixed.csv");
    std::fs::write(&path, &bytes).expect("written");
    let whole = read_feedback(&path, Some(usize::MAX));
    let blocks = read_feedback(&path, Some(256));
    assert_eq!(reading_of(&blocks), reading_of(&whole));
    let last = whole.feedback.len() - 1;
    assert_eq!(whole.feedback.field.get(last), Some("Đường"));
}

#[test]
fn a_header_longer_than_a_block_and_a_byte_order_mark_are_read_as_whole() {
    let dir = temp();
    // A byte-order mark, a title line above the header, and a header of 86
    // bytes: longer than the smallest blocks.
    let text = format!("\u{feff}BÁO CÁO PAKN\r\n{}", awkward_csv(300));
    let feedback = write(dir.path(), "titled.csv", &text);
    let whole = read_feedback(&feedback, Some(usize::MAX));
    assert_eq!(whole.accounts[0].rows, 300);
    let expected = reading_of(&whole);
    for block_bytes in [1, 16, 20, 70, 129] {
        let blocks = read_feedback(&feedback, Some(block_bytes));
        assert_eq!(
            reading_of(&blocks),
            expected,
            "blocks of {block_bytes} bytes"
        );
        assert_eq!(blocks.accounts[0].sha256, sha256_of(&feedback));
    }
}
