//! The written report: the workbook read back with calamine, and summary.json.

use calamine::{open_workbook, Data, Reader, Xlsx};
use sipas::report::labels::Lang;

use crate::common::{cell_text, find_row, registry, report_into, settings, temp, write};

const FEEDBACK: &str = "\
Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Hạn xử lý,Ngày xử lý xong
R1,02/01/2025,Email,A,10/01/2025,09/01/2025
R2,02/01/2025,Email,C,10/01/2025,15/01/2025
R3,xx,Email,C,,
";
const SURVEY: &str = "\
Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2,TC3,TC4
1,05/01/2025,A,5,4,4,2
2,05/01/2025,C,4,2,4,5
";

#[test]
fn workbook_and_summary_json_say_the_same_thing() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", FEEDBACK);
    let survey = write(dir.path(), "survey.csv", SURVEY);
    let s = settings(
        vec![feedback],
        vec![survey],
        registry(dir.path()),
        "2025-Q1",
    );
    let out = dir.path().join("out");
    let (_, files) = report_into(&s, &out, Lang::Vi);
    assert_eq!(
        files.workbook.file_name().and_then(|n| n.to_str()),
        Some("bao-cao-2025-Q1.xlsx")
    );

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files.summary).expect("summary.json"))
            .expect("json");
    assert_eq!(json["period"]["label"], "2025-Q1");
    assert_eq!(json["period"]["start"], "2024-12-15");
    assert_eq!(json["period"]["end"], "2025-03-14");
    assert_eq!(json["period"]["mode"], "decree-09-2019");
    assert_eq!(json["as_of"], "2025-03-14");
    assert_eq!(json["inputs"][0]["rows"], 3);
    assert_eq!(json["inputs"][0]["accepted"], 2);
    assert_eq!(json["inputs"][0]["rejected"], 1);
    assert_eq!(json["inputs"][0]["kind"], "feedback");
    // TC1: answers 5 and 4, both satisfied.
    assert_eq!(json["city"]["survey"]["TC1"]["n"], 2);
    assert_eq!(json["city"]["survey"]["TC1"]["index"], 100.0);
    // TC2: 4 and 2 = 50%; TC3 100%; TC4 50%; element = (100 + 50 + 100 + 50) / 4 = 75.
    assert_eq!(json["city"]["survey"]["element"], 75.0);
    for key in ["n", "satisfied", "index", "ci_low", "ci_high"] {
        assert!(json["city"]["survey"]["TC4"].get(key).is_some(), "{key}");
    }
    for key in [
        "received",
        "received_online",
        "carried_over",
        "handled",
        "early",
        "on_due",
        "overdue",
        "pending",
        "pending_in_time",
        "pending_overdue",
        "on_time_rate",
        "forwarded",
        "forwarded_on_time",
        "notified_on_time",
        "published_on_time",
    ] {
        assert!(json["city"]["handling"].get(key).is_some(), "{key}");
    }
    // R1 early, R2 overdue: on-time rate 50%.
    assert_eq!(json["city"]["handling"]["on_time_rate"], 50.0);
    assert_eq!(json["agencies"][2]["code"], "C");
    assert_eq!(json["agencies"][2]["level"], "quan_huyen");
    assert_eq!(json["agencies"][2]["handling"]["overdue"], 1);

    let mut workbook: Xlsx<_> = open_workbook(&files.workbook).expect("open workbook");
    assert_eq!(
        workbook.sheet_names(),
        vec![
            "Tổng hợp",
            "Hài lòng theo cơ quan",
            "Xử lý PAKN",
            "Theo kênh",
            "Theo lĩnh vực",
            "Xu hướng",
            "Quá hạn",
            "Sắp đến hạn",
            "Kế hoạch khảo sát",
            "Chất lượng dữ liệu",
            "Phương pháp"
        ]
    );
    let summary_sheet = workbook.worksheet_range("Tổng hợp").expect("summary sheet");
    assert!(cell_text(&summary_sheet, 0, 0).contains("Sở Nội vụ"));
    assert_eq!(
        cell_text(&summary_sheet, 4, 0),
        "Kỳ báo cáo: Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/03/2025)"
    );
    // The criteria table: TC1 then TC2–TC4, then the element index.
    let tc1 = find_row(&summary_sheet, 0, |t| t.starts_with("TC1.")).expect("TC1 row");
    assert_eq!(summary_sheet.get_value((tc1, 3)), Some(&Data::Float(100.0)));
    assert!(cell_text(&summary_sheet, tc1 + 4, 0).starts_with("Chỉ số thành phần"));
    assert_eq!(
        summary_sheet.get_value((tc1 + 4, 3)),
        Some(&Data::Float(75.0))
    );
    assert_eq!(
        summary_sheet.get_value((tc1 + 4, 6)),
        Some(&Data::Float(79.73))
    );

    let handling = workbook
        .worksheet_range("Xử lý PAKN")
        .expect("handling sheet");
    // Two-row merged header: groups on row 8, columns on row 9, column numbers on row 10.
    assert_eq!(cell_text(&handling, 7, 2), "Tiếp nhận");
    assert_eq!(cell_text(&handling, 7, 6), "Đã xử lý");
    assert_eq!(cell_text(&handling, 7, 10), "Đang xử lý");
    assert_eq!(cell_text(&handling, 8, 5), "Kỳ trước chuyển sang");
    // Level I heading with its subtotal, agencies A and B, level II with C, the city.
    assert_eq!(cell_text(&handling, 10, 1), "I. Sở, ban, ngành");
    assert_eq!(handling.get_value((10, 2)), Some(&Data::Float(1.0)));
    assert_eq!(cell_text(&handling, 11, 1), "Sở Tư pháp");
    assert_eq!(cell_text(&handling, 13, 1), "II. Quận, huyện, thị xã");
    assert_eq!(handling.get_value((14, 9)), Some(&Data::Float(1.0)));
    assert_eq!(cell_text(&handling, 15, 1), "Tổng cộng toàn Thành phố");
    assert_eq!(handling.get_value((15, 2)), Some(&Data::Float(2.0)));
    assert_eq!(handling.get_value((15, 13)), Some(&Data::Float(50.0)));

    let quality = workbook
        .worksheet_range("Chất lượng dữ liệu")
        .expect("quality sheet");
    let texts: Vec<String> = quality
        .rows()
        .flat_map(|r| r.iter().map(std::string::ToString::to_string))
        .collect();
    assert!(texts.iter().any(|t| t.starts_with("Không đọc được ngày")));
    assert!(texts.iter().any(|t| t == "xx"));
}

#[test]
fn findings_csv_escapes_what_a_spreadsheet_would_evaluate() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n=HYPERLINK(\"http://x\"),02/01/2025,Email,@evil\n",
    );
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let out = dir.path().join("out");
    let (_, files) = report_into(&s, &out, Lang::Vi);
    let bytes = std::fs::read(&files.findings).expect("findings.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("'@evil"), "{text}");
    assert!(
        !text.lines().any(|l| l
            .split(',')
            .any(|c| c.starts_with('@') || c.starts_with('='))),
        "{text}"
    );
    // In the workbook the same value is a text cell, not a formula.
    let mut workbook: Xlsx<_> = open_workbook(&files.workbook).expect("open workbook");
    let quality = workbook
        .worksheet_range("Chất lượng dữ liệu")
        .expect("quality sheet");
    assert!(quality
        .rows()
        .any(|r| r.iter().any(|c| c == &Data::String("@evil".to_string()))));
    let formulas = workbook
        .worksheet_formula("Chất lượng dữ liệu")
        .expect("formulas");
    assert!(formulas
        .rows()
        .all(|r| r.iter().all(std::string::String::is_empty)));
}
