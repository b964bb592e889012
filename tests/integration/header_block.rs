//! A header block three rows deep with a group row on top (tests/fixtures/
//! make_header_block.py): "Thông tin tiếp nhận" over "Ngày | Kênh | Đơn vị
//! xử lý", which are merged down over the third row; "Mã PAKN" merged down
//! over all three. Read from .xlsx (merges), .ods (no merges reach the
//! reader) and CSV (none at all).

use std::path::{Path, PathBuf};

use sipas::config::profile::Profile;

use crate::common::{registry, run, settings, temp, write};

/// The header as the three formats join it.
const HEADERS: [&str; 7] = [
    "Mã PAKN",
    "Thông tin tiếp nhận / Ngày",
    "Thông tin tiếp nhận / Kênh",
    "Thông tin tiếp nhận / Đơn vị xử lý",
    "Kết quả xử lý / Đã xử lý / Ngày",
    "Kết quả xử lý / Đã xử lý / Đánh giá",
    "Kết quả xử lý / Trạng thái",
];

/// The same log as CSV: the merged cells hold their text in the first cell.
const CSV: &str = "\
SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ,,,,,,
,,,,,,
Mã PAKN,Thông tin tiếp nhận,,,Kết quả xử lý,,
,Ngày,Kênh,Đơn vị xử lý,Đã xử lý,,Trạng thái
,,,,Ngày,Đánh giá,
NT-1,02/01/2025,Đường dây nóng,Sở Tư pháp,09/01/2025,Hài lòng,Đã xử lý
NT-2,03/01/2025,Zalo,Sở Xây dựng,,,Đang xử lý
NT-3,03/02/2025,Thư điện tử,UBND quận Ba Đình,03/03/2025,Không hài lòng,Đã xử lý
";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn headers_of(path: &Path) -> Vec<String> {
    use sipas::ingest::columns::{header_keys, FEEDBACK_FIELDS};
    let options = sipas::ingest::table::ReadOptions {
        header_keys: header_keys(&FEEDBACK_FIELDS, None),
        ..Default::default()
    };
    let table = sipas::ingest::table::Table::open(path, &options).expect("table");
    table.headers
}

#[test]
fn the_group_row_on_top_belongs_to_the_header() {
    let dir = temp();
    let csv = write(dir.path(), "nhom-tieu-de.csv", CSV);
    let xlsx_headers = headers_of(&fixture("nhom-tieu-de.xlsx"));
    assert_eq!(xlsx_headers, HEADERS.to_vec());
    // Without merges the lower label of "Đã xử lý" is not spread over
    // "Đánh giá": that column reads "Kết quả xử lý / Đánh giá".
    let mut plain = HEADERS.map(str::to_string).to_vec();
    plain[5] = "Kết quả xử lý / Đánh giá".to_string();
    assert_eq!(headers_of(&fixture("nhom-tieu-de.ods")), plain);
    assert_eq!(headers_of(&csv), plain);
    // Excel on Windows ends CSV lines with CRLF: the rows are still adjacent.
    let crlf = write(dir.path(), "crlf.csv", &CSV.replace('\n', "\r\n"));
    assert_eq!(headers_of(&crlf), plain);
    // A blank line between the group row and the header ends the block.
    let gap = CSV.replacen("Kết quả xử lý,,\n", "Kết quả xử lý,,\n\n", 1);
    let gap = write(dir.path(), "gap.csv", &gap);
    assert_eq!(headers_of(&gap)[1], "Ngày");
}

#[test]
fn a_profile_naming_the_joined_headers_reads_every_row() {
    let dir = temp();
    let csv = write(dir.path(), "nhom-tieu-de.csv", CSV);
    let profile = Profile::parse(
        "[feedback]\n\
         [feedback.columns]\n\
         received_at = \"Thông tin tiếp nhận / Ngày\"\n\
         resolved_at = \"Kết quả xử lý / Đã xử lý / Ngày\"\n",
        "nhom.toml",
    )
    .expect("profile");
    for file in [
        fixture("nhom-tieu-de.xlsx"),
        fixture("nhom-tieu-de.ods"),
        csv,
    ] {
        let mut s = settings(vec![file.clone()], vec![], registry(dir.path()), "2025-Q1");
        s.profile = profile.clone();
        let (loaded, summary) = run(&s);
        let account = &loaded.inputs.accounts[0];
        assert_eq!(
            (account.rows, account.accepted, account.rejected),
            (3, 3, 0),
            "{}: {:?}",
            file.display(),
            loaded.inputs.findings
        );
        // In 2025-Q1 (15/12/2024 – 14/03/2025): all three received; NT-1
        // handled 09/01 and NT-3 03/03 (both within 15 working days), NT-2
        // pending; the ratings are read from the third header row.
        let h = &summary.city.handling;
        assert_eq!(
            (h.received, h.handled, h.pending),
            (3, 2, 1),
            "{}",
            file.display()
        );
        assert_eq!(h.rated, 2, "{}", file.display());
    }
}

#[test]
fn the_suggested_profile_proposes_the_received_date() {
    let dir = temp();
    let csv = write(dir.path(), "nhom-tieu-de.csv", CSV);
    for file in [
        fixture("nhom-tieu-de.xlsx"),
        fixture("nhom-tieu-de.ods"),
        csv,
    ] {
        let text = sipas::ingest::suggest::suggest_profile(&file).expect("suggestion");
        let profile =
            Profile::parse(&text, "suggested.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        let feedback = profile.feedback.expect("feedback");
        let mapped = |field: &str| feedback.columns.get(field).map(|c| c.value[0].clone());
        assert_eq!(
            mapped("received_at").as_deref(),
            Some("Thông tin tiếp nhận / Ngày"),
            "{text}"
        );
        assert_eq!(
            mapped("channel").as_deref(),
            Some("Thông tin tiếp nhận / Kênh")
        );
        assert_eq!(mapped("id").as_deref(), Some("Mã PAKN"));
        // The block starts on row 3 and is three rows deep.
        assert!(text.contains("header_row = 3\nheader_rows = 3\n"), "{text}");
    }
}
