//! `.xlsx` sheets read as their cells stream: merged data cells filled
//! across the chunks rows are handed over in, rows written out of order
//! read in row order, merged cells found behind a namespace prefix or a
//! comment. Numbers worked out by hand from how each file is made.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use crate::common::{registry, run, settings, temp};

const AGENCIES: [&str; 3] = ["Sở Tư pháp", "Sở Xây dựng", "UBND quận Ba Đình"];

#[test]
fn a_long_sheet_with_merged_agency_cells_is_read_as_it_streams() {
    // 5,000 PAKN on rows 2–5001; the agency cell merged over groups of five
    // rows (group g on rows 2+5g … 6+5g names AGENCIES[g % 3]), so group 409
    // (rows 2047–2051) spans the 2,048-row chunks the rows stream in.
    let dir = temp();
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet_with_constant_memory()
        .expect("sheet");
    let plain = Format::new();
    for (col, header) in [
        "Mã PAKN",
        "Ngày tiếp nhận",
        "Kênh tiếp nhận",
        "Cơ quan xử lý",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).expect("header");
    }
    for group in 0..1000u32 {
        let top = 1 + 5 * group;
        for row in top..top + 5 {
            // Row 3000 (0-based 2999) has a date that does not exist.
            let date = if row == 2999 {
                "32/01/2025"
            } else {
                "06/01/2025"
            };
            sheet
                .write_string(row, 0, format!("P{row}"))
                .and_then(|s| s.write_string(row, 1, date))
                .and_then(|s| s.write_string(row, 2, "Email"))
                .expect("row");
            if row == top {
                sheet
                    .merge_range(top, 3, top + 4, 3, AGENCIES[group as usize % 3], &plain)
                    .expect("merge");
            }
        }
    }
    let path = dir.path().join("so-theo-doi.xlsx");
    workbook.save(&path).expect("save");
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (5000, 4999, 1)
    );
    let finding = loaded.inputs.findings.kept().next().unwrap();
    assert_eq!(
        (finding.row, finding.column.as_str(), finding.value.as_str()),
        (3000, "Ngày tiếp nhận", "32/01/2025")
    );
    // Groups 0, 3, …, 999 (334 × 5 = 1,670 rows) to Sở Tư pháp; 333 × 5 =
    // 1,665 each to the other two, less the rejected row 3000 of group 599
    // (599 % 3 = 2: Ba Đình).
    let received: Vec<u64> = summary.agencies[..3]
        .iter()
        .map(|a| a.handling.received)
        .collect();
    assert_eq!(received, vec![1670, 1665, 1664]);
}

/// A minimal `.xlsx` package holding one sheet of the given XML.
fn package(folder: &Path, name: &str, sheet_xml: &str) -> PathBuf {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{relationships}\"><sheets><sheet name=\"Sổ\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId7\" Type=\"{relationships}/worksheet\" Target=\"/xl/worksheets/data.xml\"/></Relationships>"),
        ),
        ("xl/worksheets/data.xml", sheet_xml.to_string()),
    ];
    for (part, text) in parts {
        archive.start_file(part, options).expect("part");
        archive.write_all(text.as_bytes()).expect("write");
    }
    let bytes = archive.finish().expect("zip").into_inner();
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("write package");
    path
}

/// A row of inline strings, `prefix` before every element name.
fn row(prefix: &str, number: usize, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(col, text)| {
            format!("<{prefix}c r=\"{col}{number}\" t=\"inlineStr\"><{prefix}is><{prefix}t>{text}</{prefix}t></{prefix}is></{prefix}c>")
        })
        .collect();
    format!("<{prefix}row r=\"{number}\">{cells}</{prefix}row>")
}

fn worksheet(prefix: &str, before_data: &str, rows: &[String], merges: &[&str]) -> String {
    let namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let declaration = match prefix.strip_suffix(':') {
        Some(name) => format!("xmlns:{name}=\"{namespace}\""),
        None => format!("xmlns=\"{namespace}\""),
    };
    let merges = if merges.is_empty() {
        String::new()
    } else {
        let list: String = merges
            .iter()
            .map(|m| format!("<{prefix}mergeCell ref=\"{m}\"/>"))
            .collect();
        format!(
            "<{prefix}mergeCells count=\"{}\">{list}</{prefix}mergeCells>",
            merges.len()
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><{prefix}worksheet {declaration}>{before_data}<{prefix}sheetData>{}</{prefix}sheetData>{merges}</{prefix}worksheet>",
        rows.concat()
    )
}

fn header(prefix: &str) -> String {
    row(
        prefix,
        1,
        &[
            ("A", "Mã PAKN"),
            ("B", "Ngày tiếp nhận"),
            ("C", "Kênh tiếp nhận"),
            ("D", "Cơ quan xử lý"),
        ],
    )
}

/// Row `number` of PAKN "P{number}" received on 06/01/2025 by e-mail, Sở Xây dựng's.
fn pakn_row(number: usize) -> String {
    let id = format!("P{number}");
    row(
        "",
        number,
        &[
            ("A", id.as_str()),
            ("B", "06/01/2025"),
            ("C", "Email"),
            ("D", "B"),
        ],
    )
}

#[test]
fn rows_written_out_of_order_are_read_in_row_order() {
    // Rows given 1, 2, 4, 3, then 4 again with its agency: read as rows
    // 2, 3, 4, row 4 being X3 of Sở Tư pháp; row 3's date does not exist.
    let dir = temp();
    let rows = [
        header(""),
        row(
            "",
            2,
            &[("A", "X1"), ("B", "06/01/2025"), ("C", "Email"), ("D", "A")],
        ),
        row("", 4, &[("A", "X3"), ("B", "08/01/2025"), ("C", "Email")]),
        row(
            "",
            3,
            &[("A", "X2"), ("B", "31/02/2025"), ("C", "Email"), ("D", "B")],
        ),
        row("", 4, &[("D", "A")]),
    ];
    let path = package(dir.path(), "lon-xon.xlsx", &worksheet("", "", &rows, &[]));
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (3, 2, 1)
    );
    assert_eq!(loaded.inputs.findings.len(), 1);
    assert_eq!(
        (
            loaded.inputs.findings.kept().next().unwrap().row,
            loaded.inputs.findings.kept().next().unwrap().value.as_str()
        ),
        (3, "31/02/2025")
    );
    // X1 and X3, both Sở Tư pháp.
    assert_eq!(summary.agencies[0].handling.received, 2);
    assert_eq!(summary.city.handling.received, 2);
}

#[test]
fn merged_cells_are_found_behind_a_prefix_and_behind_a_comment() {
    // D2:D4 merged, holding "B" (Sở Xây dựng): the three PAKN are its.
    // With a comment in the sheet the merged cells are asked of calamine.
    for (prefix, before_data, name) in [
        ("x:", "", "tien-to.xlsx"),
        ("", "<!-- <mergeCell ref=\"A1:D9\"/> -->", "chu-thich.xlsx"),
    ] {
        let dir = temp();
        let mut rows = vec![header(prefix)];
        for (number, id) in [(2, "M1"), (3, "M2"), (4, "M3")] {
            let mut cells = vec![("A", id), ("B", "06/01/2025"), ("C", "Email")];
            if number == 2 {
                cells.push(("D", "B"));
            }
            rows.push(row(prefix, number, &cells));
        }
        let xml = worksheet(prefix, before_data, &rows, &["D2:D4"]);
        let path = package(dir.path(), name, &xml);
        let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
        let (loaded, summary) = run(&s);
        let account = &loaded.inputs.accounts[0];
        assert_eq!((account.rows, account.accepted), (3, 3), "{name}");
        assert_eq!(summary.agencies[1].handling.received, 3, "{name}");
    }
}

#[test]
fn a_row_out_of_order_far_below_the_header_has_the_sheet_read_again_sorted() {
    // Rows 2–5001 hold P2…P5001 of Sở Xây dựng, row 4000 written last: the
    // rows that streamed before it are read again from the sorted sheet,
    // so each row counts once.
    let dir = temp();
    let mut rows = vec![header("")];
    rows.extend((2..=5001).filter(|n| *n != 4000).map(pakn_row));
    rows.push(pakn_row(4000));
    let path = package(dir.path(), "cuoi.xlsx", &worksheet("", "", &rows, &[]));
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (5000, 5000, 0)
    );
    assert!(loaded.inputs.findings.is_empty());
    assert_eq!(summary.agencies[1].handling.received, 5000);
}

#[test]
fn a_header_row_written_after_the_data_is_refused_with_a_sentence() {
    // A fifth header cell ("Ghi chú", E1) comes after 5,000 data rows: the
    // header was found without it, so the file is refused rather than read
    // with a header it does not have.
    let dir = temp();
    let mut rows = vec![header("")];
    rows.extend((2..=5001).map(pakn_row));
    rows.push(row("", 1, &[("E", "Ghi chú")]));
    let path = package(
        dir.path(),
        "tieu-de-sau.xlsx",
        &worksheet("", "", &rows, &[]),
    );
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let Err(error) = sipas::pipeline::load(&s) else {
        panic!("the file was read");
    };
    let error = error.to_string();
    assert!(
        error.contains("tieu-de-sau.xlsx") && error.contains("has row 1,") && !error.contains('\n'),
        "{error}"
    );
}
