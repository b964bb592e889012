//! What citizens raise: handling by classification and by subject field —
//! period 2025-Q1 (15/12/2024 – 14/03/2025), as of 14/03/2025; the previous
//! period is 2024-Q4 (15/09/2024 – 14/12/2024).

use unicode_normalization::UnicodeNormalization;

use crate::common::{registry, report_into, settings, temp, write};
use sipas::report::labels::Lang;

/// Nine records. "Đất đai" comes spelled five ways (S1, S8, S9 as typed,
/// S2 with extra spaces, S3 in capitals, S4 decomposed); "Thuế" (tax) and
/// "Thuê" (renting) are different fields; S4 and S7 have no category, S7 no
/// field; S8 is of the previous period; S9 was refused.
fn records() -> String {
    let nfd: String = "Đất đai".nfd().collect();
    format!(
        "\
Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Phân loại;Lĩnh vực;Hạn xử lý;Ngày xử lý xong;Trạng thái
S1;02/01/2025;Đường dây nóng;A;Quy định hành chính;Đất đai;10/01/2025;09/01/2025;Đã xử lý
S2;03/01/2025;Đường dây nóng;A;Thủ tục hành chính; đất  đai ;10/01/2025;13/01/2025;Đã xử lý
S3;06/01/2025;Đường dây nóng;B;Thủ tục hành chính;ĐẤT ĐAI;20/01/2025;;Đang xử lý
S4;07/01/2025;Đường dây nóng;A;;{nfd};30/03/2025;;Đang xử lý
S5;08/01/2025;Đường dây nóng;B;Khác;Thuế;10/01/2025;10/01/2025;Đã xử lý
S6;09/01/2025;Đường dây nóng;B;Khác;Thuê;10/01/2025;09/01/2025;Đã xử lý
S7;10/01/2025;Đường dây nóng;A;;;20/01/2025;15/01/2025;Đã xử lý
S8;01/11/2024;Đường dây nóng;A;Quy định hành chính;Đất đai;20/11/2024;15/11/2024;Đã xử lý
S9;12/03/2025;Đường dây nóng;A;Quy định hành chính;Đất đai;;;Từ chối
"
    )
}

#[test]
fn classifications_and_fields_worked_by_hand() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", &records());
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (computed, files) = report_into(&s, &dir.path().join("out"), Lang::Vi);
    let summary = &computed.summary;

    // Classifications: the four codes in order, then the unclassified.
    let codes: Vec<&str> = summary.categories.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        vec![
            "quy_dinh_hanh_chinh",
            "hanh_vi_hanh_chinh",
            "thu_tuc_hanh_chinh",
            "khac",
            "chua_phan_loai"
        ]
    );
    let [qd, hv, tt, khac, none] = [0, 1, 2, 3, 4].map(|k| &summary.categories[k]);
    // Quy định: S1 (early) and S9 (refused: received, nothing else); S8 a
    // quarter before: change +1.
    assert_eq!((qd.handling.received, qd.handling.handled), (2, 1));
    assert_eq!(qd.handling.on_time_rate, Some(100.0));
    assert_eq!(
        (qd.received_previous, qd.change_received),
        (Some(1), Some(1))
    );
    // Hành vi: nothing in either period.
    assert_eq!((hv.handling.received, hv.change_received), (0, Some(0)));
    // Thủ tục: S2 handled late, S3 pending past its deadline of 20/01.
    let h = &tt.handling;
    assert_eq!((h.received, h.handled, h.overdue), (2, 1, 1));
    assert_eq!((h.pending, h.pending_overdue), (1, 1));
    assert_eq!(h.on_time_rate, Some(0.0));
    // Khác: S5 on the due date, S6 early.
    assert_eq!((khac.handling.early, khac.handling.on_due), (1, 1));
    // Not classified: S4 (pending, due 30/03: in time) and S7 (early).
    let h = &none.handling;
    assert_eq!((h.received, h.handled, h.early), (2, 1, 1));
    assert_eq!((h.pending, h.pending_in_time), (1, 1));
    assert_eq!(none.label, "Chưa phân loại");

    // Fields: the five spellings are one field, named by the most frequent
    // tidied spelling ("Đất đai": S1, S4, S8, S9); Thuế and Thuê apart, tied
    // at one and ordered by name; the records without a field last.
    let names: Vec<Option<&str>> = summary.fields.iter().map(|f| f.name.as_deref()).collect();
    assert_eq!(
        names,
        vec![Some("Đất đai"), Some("Thuê"), Some("Thuế"), None]
    );
    let land = &summary.fields[0];
    // S1, S2, S3, S4 and the refused S9 received; S1 early, S2 late; S3
    // pending past its deadline, S4 within it.
    let h = &land.handling;
    assert_eq!((h.received, h.handled, h.early, h.overdue), (5, 2, 1, 1));
    assert_eq!((h.pending, h.pending_in_time, h.pending_overdue), (2, 1, 1));
    assert_eq!(h.on_time_rate, Some(50.0));
    assert_eq!(
        (land.received_previous, land.change_received),
        (Some(1), Some(4))
    );
    assert_eq!(summary.fields[2].handling.on_due, 1);
    assert_eq!(summary.fields[3].handling.received, 1);

    // Per agency, registry order, then the order of the fields.
    let rows: Vec<(u32, Option<&str>, u64)> = computed
        .agency_fields
        .iter()
        .map(|r| (r.agency, r.field.as_deref(), r.handling.received))
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, Some("Đất đai"), 4),
            (0, None, 1),
            (1, Some("Đất đai"), 1),
            (1, Some("Thuê"), 1),
            (1, Some("Thuế"), 1),
        ]
    );
    let csv = std::fs::read_to_string(&files.fields).expect("fields.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(
        lines[1].starts_with("A,Sở Tư pháp,\"Sở, ban, ngành\",Đất đai,4,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("(Chưa xác định lĩnh vực)"),
        "{}",
        lines[2]
    );

    // summary.json carries them as the writers show them.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files.summary).expect("json"))
            .expect("json");
    assert_eq!(json["categories"][4]["code"], "chua_phan_loai");
    assert_eq!(json["fields"][0]["name"], "Đất đai");
    assert_eq!(json["fields"][3]["name"], serde_json::Value::Null);
    assert_eq!(json["fields"][0]["handling"]["pending_overdue"], 1);

    // The summary paragraph names the three fields with most PAKN and the
    // field with most late (1 handled late + 1 pending past its deadline).
    let paragraph = sipas::report::narrative::paragraph(summary, Lang::Vi);
    assert!(
        paragraph.contains(
            "Các lĩnh vực có nhiều PAKN nhất trong kỳ: Đất đai (5), Thuê (1), Thuế (1); \
             lĩnh vực có nhiều PAKN quá hạn nhất: Đất đai (2 PAKN xử lý quá hạn hoặc đang quá hạn)."
        ),
        "{paragraph}"
    );
}

#[test]
fn the_field_sheet_lays_out_both_tables() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", &records());
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (_, files) = report_into(&s, &dir.path().join("out"), Lang::Vi);
    let mut workbook: Xlsx<_> = open_workbook(&files.workbook).expect("workbook");
    let sheet = workbook.worksheet_range("Theo lĩnh vực").expect("sheet");
    let row_of = |label: &str| {
        crate::common::find_row(&sheet, 1, |t| t == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let number = |row: u32, col: u32| -> f64 {
        match sheet.get_value((row, col)) {
            Some(calamine::Data::Float(v)) => *v,
            other => panic!("({row}, {col}) = {other:?}"),
        }
    };
    // Columns: received (2), online, direct, carried over, handled (6), early,
    // on due, overdue (9), pending (10), in time, overdue (12); rates from 13;
    // the change in received at 17.
    let land = row_of("Đất đai");
    assert_eq!(number(land, 2), 5.0);
    assert_eq!(number(land, 9), 1.0);
    assert_eq!(number(land, 12), 1.0);
    assert_eq!(number(land, 13), 50.0);
    assert_eq!(number(land, 17), 4.0);
    let regulations = row_of("Quy định hành chính");
    assert_eq!(number(regulations, 2), 2.0);
    assert_eq!(number(regulations, 17), 1.0);
    assert_eq!(number(row_of("(Chưa xác định lĩnh vực)"), 2), 1.0);
}
