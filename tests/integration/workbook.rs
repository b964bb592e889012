//! The full report on the shipped sample data, read back: every sheet
//! against `summary.json`, the merged header of the handling form, the
//! charts, the CSV exports, reproducible bytes, English labels, and the
//! report folder replaced whole.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;
use sipas::report::labels::Lang;

use crate::common::{cell_text, find_row, report_into, sample_settings, temp};

const PERIOD: &str = "2026-Q3";

fn json_of(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("summary.json")).expect("json")
}

fn number(value: &Data) -> Option<f64> {
    match value {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// A JSON number, or None for null.
fn json_number(value: &Value) -> Option<f64> {
    value.as_f64()
}

#[test]
fn every_sheet_agrees_with_summary_json() {
    let dir = temp();
    let (computed, files) = report_into(&sample_settings(PERIOD), &dir.path().join("r"), Lang::Vi);
    let json = json_of(&files.summary);
    let mut workbook: Xlsx<_> = open_workbook(&files.workbook).expect("open workbook");
    let names = [
        "Tổng hợp",
        "Hài lòng theo cơ quan",
        "Các yếu tố SIPAS",
        "Xử lý PAKN",
        "Theo kênh",
        "Theo lĩnh vực",
        "Xu hướng",
        "Quá hạn",
        "Sắp đến hạn",
        "Kế hoạch khảo sát",
        "Chất lượng dữ liệu",
        "Phương pháp",
    ];
    assert_eq!(workbook.sheet_names(), names.to_vec());

    // The title block of every sheet.
    for name in names {
        let sheet = workbook.worksheet_range(name).expect("sheet");
        assert_eq!(
            cell_text(&sheet, 0, 0),
            "Đơn vị báo cáo: Sở Nội vụ thành phố Hà Nội",
            "{name}"
        );
        assert!(
            cell_text(&sheet, 1, 0).starts_with("Đơn vị nhận báo cáo: "),
            "{name}"
        );
        assert_eq!(
            cell_text(&sheet, 4, 0),
            "Kỳ báo cáo: Quý III năm 2026 (từ ngày 15/06/2026 đến ngày 14/09/2026)",
            "{name}"
        );
        assert!(
            cell_text(&sheet, 5, 0).starts_with("Số liệu tính đến ngày 14/09/2026. Đơn vị tính: "),
            "{name}"
        );
    }

    // Tổng hợp: the four criteria and the element index, and the narrative.
    let sheet = workbook.worksheet_range("Tổng hợp").expect("sheet");
    let tc1 = find_row(&sheet, 0, |t| t.starts_with("TC1.")).expect("TC1 row");
    for k in 0..4u32 {
        let expected = json_number(&json["city"]["survey"][format!("TC{}", k + 1)]["index"]);
        assert_eq!(
            sheet.get_value((tc1 + k, 3)).and_then(number),
            expected,
            "TC{}",
            k + 1
        );
    }
    let element = json_number(&json["city"]["survey"]["element"]).expect("element");
    assert_eq!(
        sheet.get_value((tc1 + 4, 3)).and_then(number),
        Some(element)
    );
    let narrative_row =
        find_row(&sheet, 0, |t| t.starts_with("Chỉ số tiêu chí 1 đạt ")).expect("narrative");
    let tc1_index = json_number(&json["city"]["survey"]["TC1"]["index"]).expect("TC1");
    let tc1_text = format!("{tc1_index:.2}").replace('.', ",");
    assert!(
        cell_text(&sheet, narrative_row, 0)
            .starts_with(&format!("Chỉ số tiêu chí 1 đạt {tc1_text}%")),
        "{}",
        cell_text(&sheet, narrative_row, 0)
    );
    let received_row =
        find_row(&sheet, 0, |t| t == "Tổng số PAKN tiếp nhận trong kỳ").expect("received");
    assert_eq!(
        sheet.get_value((received_row, 1)).and_then(number),
        json_number(&json["city"]["handling"]["received"])
    );

    // Hài lòng theo cơ quan: questionnaires and element index of every agency.
    let sheet = workbook
        .worksheet_range("Hài lòng theo cơ quan")
        .expect("sheet");
    for agency in json["agencies"].as_array().expect("agencies") {
        let code = agency["code"].as_str().expect("code");
        let row = find_row(&sheet, 1, |t| t == code).expect(code);
        assert_eq!(
            sheet.get_value((row, 3)).and_then(number),
            json_number(&agency["survey"]["respondents"]),
            "{code}"
        );
        assert_eq!(
            sheet.get_value((row, 20)).and_then(number),
            json_number(&agency["survey"]["element"]),
            "{code}"
        );
    }

    // Xử lý PAKN: the merged two-row header and the city total.
    let sheet = workbook.worksheet_range("Xử lý PAKN").expect("sheet");
    assert_eq!(cell_text(&sheet, 7, 2), "Tiếp nhận");
    assert_eq!(cell_text(&sheet, 7, 6), "Đã xử lý");
    assert_eq!(cell_text(&sheet, 7, 10), "Đang xử lý");
    assert_eq!(cell_text(&sheet, 8, 2), "Tổng số");
    assert_eq!(cell_text(&sheet, 9, 0), "(1)");
    let total = find_row(&sheet, 1, |t| t == "Tổng cộng toàn Thành phố").expect("total");
    let handling = &json["city"]["handling"];
    for (col, key) in [
        (2, "received"),
        (6, "handled"),
        (10, "pending"),
        (12, "pending_overdue"),
    ] {
        assert_eq!(
            sheet.get_value((total, col)).and_then(number),
            json_number(&handling[key]),
            "{key}"
        );
    }
    assert_eq!(
        sheet.get_value((total, 13)).and_then(number),
        json_number(&handling["on_time_rate"])
    );
    let merged: Vec<(u32, u32, u32, u32)> = workbook
        .merge_cells_by_sheet_name("Xử lý PAKN")
        .expect("merged cells")
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    for region in [
        (7, 0, 8, 0),
        (7, 1, 8, 1),
        (7, 2, 7, 5),
        (7, 6, 7, 9),
        (7, 10, 7, 12),
        (7, 13, 7, 16),
    ] {
        assert!(merged.contains(&region), "{region:?} in {merged:?}");
    }

    // Theo kênh: every channel's received count, and the city's.
    let sheet = workbook.worksheet_range("Theo kênh").expect("sheet");
    let channels = json["channels"].as_array().expect("channels");
    assert!(!channels.is_empty());
    for (i, channel) in channels.iter().enumerate() {
        assert_eq!(
            sheet.get_value((8 + i as u32, 2)).and_then(number),
            json_number(&channel["handling"]["received"])
        );
    }
    let city = find_row(&sheet, 0, |t| t == "Toàn Thành phố").expect("city row");
    assert_eq!(
        sheet.get_value((city, 2)).and_then(number),
        json_number(&handling["received"])
    );

    // Xu hướng: the element index of every quarter.
    let sheet = workbook.worksheet_range("Xu hướng").expect("sheet");
    for entry in json["trend"].as_array().expect("trend") {
        let label = entry["label"].as_str().expect("label");
        let row = find_row(&sheet, 0, |t| t == label).expect(label);
        assert_eq!(
            sheet.get_value((row, 10)).and_then(number),
            json_number(&entry["indicators"]["element"]["value"]),
            "{label}"
        );
    }

    // Quá hạn: one row per PAKN handled late or pending past its deadline.
    let sheet = workbook.worksheet_range("Quá hạn").expect("sheet");
    let header = find_row(&sheet, 0, |t| t == "Mã PAKN").expect("header");
    let listed = (header + 1..)
        .take_while(|&r| !cell_text(&sheet, r, 0).is_empty())
        .count();
    let expected = handling["overdue"].as_u64().unwrap_or(0)
        + handling["pending_overdue"].as_u64().unwrap_or(0);
    assert_eq!(listed as u64, expected);
    assert_eq!(computed.overdue.len() as u64, expected);
    assert!(expected > 0, "the sample quarter has overdue PAKN");

    // Chất lượng dữ liệu: rows read per file.
    let sheet = workbook
        .worksheet_range("Chất lượng dữ liệu")
        .expect("sheet");
    for input in json["inputs"].as_array().expect("inputs") {
        let path = input["path"].as_str().expect("path");
        let row = find_row(&sheet, 0, |t| t == path).expect(path);
        assert_eq!(
            sheet.get_value((row, 4)).and_then(number),
            json_number(&input["rows"]),
            "{path}"
        );
    }

    // Phương pháp: each input's SHA-256, computed here independently.
    let sheet = workbook.worksheet_range("Phương pháp").expect("sheet");
    for input in json["inputs"].as_array().expect("inputs") {
        let path = input["path"].as_str().expect("path");
        let row = find_row(&sheet, 0, |t| t == path).expect(path);
        let bytes = std::fs::read(path).expect("input file");
        let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(cell_text(&sheet, row, 8), digest, "{path}");
        assert_eq!(
            sheet.get_value((row, 3)).and_then(number),
            Some(bytes.len() as f64)
        );
    }
}

#[test]
fn charts_and_csv_exports_are_written() {
    let dir = temp();
    let (computed, files) = report_into(&sample_settings(PERIOD), &dir.path().join("r"), Lang::Vi);
    // Four native charts: criteria and on-time by level on "Tổng hợp", the
    // subject fields on "Theo lĩnh vực", the trend.
    let zip = std::fs::File::open(&files.workbook).expect("workbook");
    let mut archive = zip::ZipArchive::new(zip).expect("zip");
    let charts: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(std::borrow::Cow::into_owned))
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 4, "{charts:?}");
    let mut chart = String::new();
    archive
        .by_name("xl/charts/chart1.xml")
        .expect("chart1")
        .read_to_string(&mut chart)
        .expect("chart xml");
    assert!(
        chart.contains("<c:barChart>") && chart.contains("<c:lineChart>"),
        "columns with target markers"
    );
    // Five picture charts, each as PNG and SVG.
    let names: Vec<String> = files
        .charts
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for stem in [
        "chi-so-tieu-chi",
        "dung-han-theo-cap",
        "xu-huong",
        "xep-hang-co-quan",
        "linh-vuc",
    ] {
        assert!(names.contains(&format!("{stem}.png")), "{stem}");
        assert!(names.contains(&format!("{stem}.svg")), "{stem}");
    }
    for path in &files.charts {
        let bytes = std::fs::read(path).expect("chart");
        if path.extension().is_some_and(|e| e == "png") {
            assert!(
                bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                "{}",
                path.display()
            );
        } else {
            assert!(
                String::from_utf8_lossy(&bytes).contains("<svg"),
                "{}",
                path.display()
            );
        }
    }
    // CSV exports: UTF-8 with a byte-order mark, Vietnamese headers.
    let overdue = std::fs::read(&files.overdue).expect("overdue.csv");
    assert!(overdue.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(overdue[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("Mã PAKN,Mã cơ quan,Cơ quan xử lý,"));
    assert_eq!(text.lines().count(), computed.overdue.len() + 1);
    let agencies = std::fs::read(&files.agencies).expect("agencies.csv");
    assert!(agencies.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(agencies[3..].to_vec()).expect("utf-8");
    assert!(
        text.starts_with("Mã cơ quan,Cơ quan, đơn vị,")
            || text.starts_with("Mã cơ quan,\"Cơ quan, đơn vị\",")
    );
    assert_eq!(text.lines().count(), computed.summary.agencies.len() + 1);
}

/// Every file under `folder`, by relative path, with its bytes.
fn files_under(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(folder).expect("inside").to_path_buf();
                out.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

#[test]
fn two_runs_give_byte_identical_files() {
    let dir = temp();
    let settings = sample_settings(PERIOD);
    report_into(&settings, &dir.path().join("a"), Lang::Vi);
    report_into(&settings, &dir.path().join("b"), Lang::Vi);
    let (a, b) = (
        files_under(&dir.path().join("a")),
        files_under(&dir.path().join("b")),
    );
    let kinds: Vec<String> = a
        .keys()
        .filter_map(|p| p.extension().map(|e| e.to_string_lossy().into_owned()))
        .collect();
    for kind in ["xlsx", "png", "svg", "csv", "json"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} written");
    }
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs between runs", path.display());
    }
}

#[test]
fn english_labels_with_the_same_numbers() {
    let dir = temp();
    let settings = sample_settings(PERIOD);
    let (_, vi) = report_into(&settings, &dir.path().join("vi"), Lang::Vi);
    let (_, en) = report_into(&settings, &dir.path().join("en"), Lang::En);
    let mut workbook: Xlsx<_> = open_workbook(&en.workbook).expect("open workbook");
    assert_eq!(
        workbook.sheet_names(),
        vec![
            "Summary",
            "Satisfaction by agency",
            "SIPAS elements",
            "PAKN handling",
            "By channel",
            "By field",
            "Trend",
            "Overdue",
            "Due soon",
            "Survey plan",
            "Data quality",
            "Method"
        ]
    );
    let sheet = workbook.worksheet_range("Summary").expect("sheet");
    assert_eq!(
        cell_text(&sheet, 0, 0),
        "Reporting unit: Sở Nội vụ thành phố Hà Nội"
    );
    assert_eq!(
        cell_text(&sheet, 4, 0),
        "Reporting period: Q3 2026 (from 15/06/2026 to 14/09/2026)"
    );
    assert!(find_row(&sheet, 0, |t| t.starts_with("Criterion 1 is ")).is_some());
    // summary.json does not depend on the language.
    assert_eq!(
        std::fs::read(&vi.summary).expect("vi json"),
        std::fs::read(&en.summary).expect("en json")
    );
}

#[test]
fn a_vietnamese_chart_title_is_drawn_with_the_embedded_font() {
    use sipas::report::charts::picture::{render_png, Kind};
    let dir = temp();
    let (computed, _) = report_into(&sample_settings(PERIOD), &dir.path().join("r"), Lang::Vi);
    let mut data = sipas::report::charts::ChartData::of(&computed.summary, Lang::Vi);
    data.criteria_title = "Chỉ số hài lòng – Quý II năm 2025: Đạt, Chưa đạt, Ủy ban".to_string();
    let titled = decode(&render_png(Kind::Criteria, &data).expect("png"));
    // A blank title keeps the caption's space, so the rest of the chart stays put.
    data.criteria_title = " ".to_string();
    let untitled = decode(&render_png(Kind::Criteria, &data).expect("png"));
    // The caption takes the top 36 pixels (the plot starts at row 38): with a
    // title some of them are ink, with a blank one they are all background.
    let (width, title_rows) = (titled.0 as usize, 36usize);
    let band = |img: &(u32, u32, Vec<u8>)| img.2[..width * title_rows * 3].to_vec();
    let inked = band(&titled)
        .chunks(3)
        .filter(|p| p.iter().any(|&c| c < 128))
        .count();
    assert!(inked > 500, "{inked} dark pixels where the title is");
    assert!(
        band(&untitled).iter().all(|&c| c == 255),
        "no title, no ink"
    );
}

/// Width, height and RGB pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("png frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    (
        info.width,
        info.height,
        pixels[..info.buffer_size()].to_vec(),
    )
}

#[test]
fn the_report_folder_is_replaced_whole_and_never_over_foreign_files() {
    let dir = temp();
    let settings = sample_settings(PERIOD);
    let out = dir.path().join("2026-Q3");
    report_into(&settings, &out, Lang::Vi);
    // A stale file of an older report is gone after a re-run, and no staging
    // folder is left beside the report.
    std::fs::write(out.join("summary.json"), "old").expect("write");
    report_into(&settings, &out, Lang::Vi);
    assert_ne!(
        std::fs::read_to_string(out.join("summary.json")).expect("json"),
        "old"
    );
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, vec!["2026-Q3".to_string()]);

    // A folder holding the user's own files is refused and left as it was.
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).expect("mkdir");
    std::fs::write(mine.join("ghi-chu.docx"), "notes").expect("write");
    let loaded = sipas::pipeline::load(&settings).expect("load");
    let period = sipas::pipeline::resolve_period(&settings, &loaded.inputs).expect("period");
    let computed =
        sipas::pipeline::compute(&loaded, &period, None, &settings.config).expect("computed");
    let input = sipas::report::ReportInput {
        summary: &computed.summary,
        overdue: &computed.overdue,
        due_soon: &computed.due_soon,
        agency_fields: &computed.agency_fields,
        findings: &loaded.inputs.findings,
        lang: Lang::Vi,
    };
    let error = sipas::report::write_report(&input, &mine).expect_err("refused");
    assert!(error.to_string().contains("ghi-chu.docx"), "{error}");
    let left: Vec<String> = std::fs::read_dir(&mine)
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["ghi-chu.docx".to_string()]);
}
