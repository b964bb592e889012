//! Writes the generated sample as the files analysts receive, each shaped
//! like a different source system, plus a handful of deliberately bad rows.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::reform::Registered;
use super::{SampleData, SampleError, SampleRecord};
use crate::calendar::date_text::excel_serial;
use crate::calendar::days::{date_of, Day};
use crate::model::Channel;

fn write_error(path: &Path, message: impl ToString) -> SampleError {
    SampleError::Write {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

fn vn_datetime(day: Day, minute: u32) -> String {
    format!(
        "{} {:02}:{:02}",
        date_of(day).format("%d/%m/%Y"),
        minute / 60,
        minute % 60
    )
}

fn vn_date(day: Option<Day>) -> String {
    day.map(|d| date_of(d).format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn iso_date(day: Option<Day>) -> String {
    day.map(|d| date_of(d).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Writes every sample file into `folder`.
pub(super) fn write_all(data: &SampleData, folder: &Path) -> Result<Vec<PathBuf>, SampleError> {
    let feedback = folder.join("feedback");
    let survey = folder.join("survey");
    for dir in [folder, &feedback, &survey] {
        std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    }
    let mut records = data.records.clone();
    let (mut hotline, mut portal, mut desk) = (Vec::new(), Vec::new(), Vec::new());
    for record in &mut records {
        let (prefix, bucket) = match record.channel {
            Channel::Hotline | Channel::Sms | Channel::Email => ("DDN", &mut hotline),
            Channel::InPerson | Channel::Letter | Channel::Mailbox | Channel::Press => {
                ("MC", &mut desk)
            }
            _ => ("DVCQG", &mut portal),
        };
        record.id = format!(
            "{prefix}-{}-{:05}",
            date_of(record.received).format("%Y"),
            bucket.len() + 1
        );
        bucket.push(record.clone());
    }

    let files = vec![
        write_registry(&data.registry, &folder.join("agencies.csv"))?,
        write_config(&folder.join("sipas.toml"))?,
        write_hotline(
            &hotline,
            &data.registry,
            &feedback.join("pakn-duong-day-nong.csv"),
        )?,
        write_desk(&desk, &data.registry, &feedback.join("pakn-mot-cua.csv"))?,
        write_portal(
            &portal,
            &data.registry,
            &feedback.join("pakn-cong-dvcqg.xlsx"),
        )?,
        write_survey(data, &survey.join("khao-sat-sipas.xlsx"))?,
    ];
    Ok(files)
}

fn write_registry(registry: &[Registered], path: &Path) -> Result<PathBuf, SampleError> {
    let mut writer = csv::Writer::from_path(path).map_err(|e| write_error(path, e))?;
    let mut rows = vec![vec![
        "code".to_string(),
        "name".into(),
        "level".into(),
        "aliases".into(),
        "valid_from".into(),
        "valid_until".into(),
        "successor".into(),
    ]];
    for entry in registry {
        let (code, name, level, aliases, ..) = entry.agency;
        rows.push(vec![
            code.to_string(),
            name.to_string(),
            level.code().to_string(),
            aliases.to_string(),
            vn_date(entry.from),
            vn_date(entry.until),
            entry.successor.unwrap_or_default().to_string(),
        ]);
    }
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| write_error(path, e))?;
    }
    writer.flush().map_err(|e| write_error(path, e))?;
    Ok(path.to_path_buf())
}

fn write_config(path: &Path) -> Result<PathBuf, SampleError> {
    let text = "# Configuration of the sample run; every key is optional (see README).\n\
reporting_unit = \"Sở Nội vụ thành phố Hà Nội\"\n\
receiving_unit = \"Ủy ban nhân dân thành phố Hà Nội\"\n\
deadline_working_days = 15\n\
forward_limit_working_days = 5\n\
notify_limit_working_days = 2\n\
publish_limit_working_days = 2\n\
min_sample = 30\n\
\n\
[baseline]\n\
year = 2021\n\
TC1 = 82.12\n\
TC2 = 78.92\n\
TC3 = 78.92\n\
TC4 = 78.92\n\
element = 79.73\n";
    let mut text = text.to_string();
    text.push_str(
        "\n# The survey's other elements: the questions this sample survey asks\n\
         # (labels are the agency's own wording, not the official one).\n",
    );
    for (code, label, criteria) in super::OTHER_ELEMENTS {
        text.push_str(&format!(
            "\n[[questionnaire]]\ncode = \"{code}\"\nlabel = \"{label}\"\ncriteria = [\n"
        ));
        for (code, label, _) in criteria {
            text.push_str(&format!(
                "  {{ code = \"{code}\", label = \"{label}\" }},\n"
            ));
        }
        text.push_str("]\n");
    }
    std::fs::write(path, text).map_err(|e| write_error(path, e))?;
    Ok(path.to_path_buf())
}

fn agency_name(registry: &[Registered], record: &SampleRecord) -> &'static str {
    registry
        .get(record.agency)
        .map(|r| r.agency.1)
        .unwrap_or_default()
}

/// The hotline log: semicolon CSV with a byte-order mark, Vietnamese headers,
/// `dd/mm/yyyy HH:MM` times, deadlines given.
fn write_hotline(
    records: &[SampleRecord],
    registry: &[Registered],
    path: &Path,
) -> Result<PathBuf, SampleError> {
    // The canonical headers, but for the hotline's own word for the day a
    // PAKN was handled.
    let mut header = super::scale::FEEDBACK_HEADER;
    header[8] = "Ngày trả lời";
    let mut rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                vn_datetime(r.received, r.received_minute),
                r.channel.label_vi().to_string(),
                agency_name(registry, r).to_string(),
                r.category.to_string(),
                r.field.to_string(),
                vn_date(r.forwarded),
                vn_date(Some(r.due)),
                vn_date(r.resolved),
                vn_date(r.notified),
                vn_date(r.published),
                r.status.to_string(),
                r.rating.unwrap_or_default().to_string(),
            ]
        })
        .collect();
    // Deliberately bad rows, one per reason a row is rejected.
    let bad = |id: &str, received: &str, agency: &str, resolved: &str| {
        vec![
            id.to_string(),
            received.to_string(),
            "Đường dây nóng".into(),
            agency.to_string(),
            "Khác".into(),
            "Đất đai".into(),
            String::new(),
            String::new(),
            resolved.to_string(),
            String::new(),
            String::new(),
            "Đã xử lý".into(),
            String::new(),
        ]
    };
    let duplicate = rows.first().map(|r| r[0].clone()).unwrap_or_default();
    rows.insert(
        rows.len() / 3,
        bad("", "12/03/2024 09:15", "Sở Tư pháp", "20/03/2024"),
    );
    rows.insert(
        rows.len() / 2,
        bad("DDN-LOI-01", "31/02/2025 10:00", "Sở Xây dựng", ""),
    );
    rows.insert(
        rows.len() / 2,
        bad(
            "DDN-LOI-02",
            "05/11/2024 08:30",
            "Sở Ngoại vụ Hà Nội",
            "12/11/2024",
        ),
    );
    rows.insert(
        rows.len() * 2 / 3,
        bad("DDN-LOI-03", "20/01/2025 14:00", "Sở Y tế", "10/01/2025"),
    );
    rows.push(bad(&duplicate, "02/06/2025 10:00", "Sở Y tế", ""));
    rows.push({
        let mut row = bad("DDN-LOI-04", "03/06/2025 09:00", "UBND quận Hoàng Mai", "");
        row[2] = "Bồ câu đưa thư".into();
        row
    });
    write_csv(path, &header, &rows, b';', true)
}

/// The one-stop desk log: comma CSV, unaccented lower-case headers, ISO dates.
fn write_desk(
    records: &[SampleRecord],
    registry: &[Registered],
    path: &Path,
) -> Result<PathBuf, SampleError> {
    let header = [
        "ma pakn",
        "ngay tiep nhan",
        "kenh tiep nhan",
        "don vi xu ly",
        "phan loai",
        "linh vuc",
        "han xu ly",
        "ngay xu ly xong",
        "ngay thong bao ket qua",
        "ngay cong khai",
        "trang thai",
    ];
    let mut rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                iso_date(Some(r.received)),
                r.channel.code().to_string(),
                registry
                    .get(r.agency)
                    .map(|a| a.agency.0)
                    .unwrap_or_default()
                    .to_string(),
                r.category.to_string(),
                r.field.to_string(),
                iso_date(Some(r.due)),
                iso_date(r.resolved),
                iso_date(r.notified),
                iso_date(r.published),
                r.status.to_string(),
            ]
        })
        .collect();
    rows.insert(
        rows.len() / 2,
        vec![
            "MC-LOI-01".into(),
            String::new(),
            "in_person".into(),
            "SXD".into(),
            "Khác".into(),
            "Xây dựng".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "Đang xử lý".into(),
        ],
    );
    write_csv(path, &header, &rows, b',', false)
}

fn write_csv(
    path: &Path,
    header: &[&str],
    rows: &[Vec<String>],
    delimiter: u8,
    bom: bool,
) -> Result<PathBuf, SampleError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    writer
        .write_record(header)
        .map_err(|e| write_error(path, e))?;
    for row in rows {
        writer.write_record(row).map_err(|e| write_error(path, e))?;
    }
    let body = writer.into_inner().map_err(|e| write_error(path, e))?;
    let mut bytes = if bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend(body);
    std::fs::write(path, bytes).map_err(|e| write_error(path, e))?;
    Ok(path.to_path_buf())
}

/// The National Public Service Portal export: a workbook with upper-case
/// headers and date cells, no deadline column (the tool computes it).
fn write_portal(
    records: &[SampleRecord],
    registry: &[Registered],
    path: &Path,
) -> Result<PathBuf, SampleError> {
    build_portal(records, registry, path).map_err(|e| write_error(path, e))?;
    Ok(path.to_path_buf())
}

fn build_portal(
    records: &[SampleRecord],
    registry: &[Registered],
    path: &Path,
) -> Result<(), XlsxError> {
    let mut workbook = fixed_date_workbook()?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("PAKN")?;
    let bold = Format::new().set_bold();
    let date_time = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let header = [
        "MÃ PAKN",
        "NGÀY TIẾP NHẬN",
        "KÊNH TIẾP NHẬN",
        "CƠ QUAN XỬ LÝ",
        "PHÂN LOẠI",
        "LĨNH VỰC",
        "NGÀY CHUYỂN XỬ LÝ",
        "NGÀY XỬ LÝ XONG",
        "NGÀY THÔNG BÁO KẾT QUẢ",
        "TRẠNG THÁI",
        "ĐÁNH GIÁ",
    ];
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    let serial = excel_serial;
    let mut row = 1u32;
    for record in records {
        sheet.write_string(row, 0, &record.id)?;
        sheet.write_number_with_format(
            row,
            1,
            serial(record.received) + f64::from(record.received_minute) / 1440.0,
            &date_time,
        )?;
        sheet.write_string(row, 2, record.channel.label_vi())?;
        sheet.write_string(row, 3, agency_name(registry, record))?;
        sheet.write_string(row, 4, record.category)?;
        sheet.write_string(row, 5, record.field)?;
        for (col, day) in [
            (6u16, record.forwarded),
            (7, record.resolved),
            (8, record.notified),
        ] {
            if let Some(day) = day {
                sheet.write_number_with_format(row, col, serial(day), &date)?;
            }
        }
        sheet.write_string(row, 9, record.status)?;
        if let Some(rating) = record.rating {
            sheet.write_string(row, 10, rating)?;
        }
        row += 1;
    }
    // A record exported twice, and one whose agency is written with a typo.
    if let Some(first) = records.first() {
        sheet.write_string(row, 0, &first.id)?;
        sheet.write_number_with_format(row, 1, serial(first.received), &date_time)?;
        sheet.write_string(row, 2, first.channel.label_vi())?;
        sheet.write_string(row, 3, agency_name(registry, first))?;
        row += 1;
    }
    sheet.write_string(row, 0, "DVCQG-LOI-01")?;
    sheet.write_string(row, 1, "15/05/2025")?;
    sheet.write_string(row, 2, "Zalo")?;
    sheet.write_string(row, 3, "Sở Giao thông vận tả")?;
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 18)?;
    sheet.set_column_width(3, 40)?;
    workbook.save(path)
}

fn write_survey(data: &SampleData, path: &Path) -> Result<PathBuf, SampleError> {
    build_survey(data, path).map_err(|e| write_error(path, e))?;
    Ok(path.to_path_buf())
}

fn build_survey(data: &SampleData, path: &Path) -> Result<(), XlsxError> {
    let mut workbook = fixed_date_workbook()?;
    let sheet = workbook.add_worksheet();
    sheet.set_name("Phiếu khảo sát")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut header = vec![
        "Mã phiếu",
        "Ngày khảo sát",
        "Cơ quan / Đơn vị",
        "Ông/Bà có góp ý, phản ánh, kiến nghị không?",
        "TC1",
        "TC2",
        "TC3",
        "TC4",
    ];
    header.extend(
        super::OTHER_ELEMENTS
            .iter()
            .flat_map(|(_, _, criteria)| criteria.iter().map(|c| c.0)),
    );
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &bold)?;
    }
    let mut row = 1u32;
    let mut write = |sheet: &mut rust_xlsxwriter::Worksheet,
                     id: &str,
                     day: Option<Day>,
                     agency: &str,
                     gave: &str,
                     answers: &[String]|
     -> Result<(), XlsxError> {
        sheet.write_string(row, 0, id)?;
        if let Some(day) = day {
            sheet.write_number_with_format(row, 1, excel_serial(day), &date)?;
        }
        sheet.write_string(row, 2, agency)?;
        if !gave.is_empty() {
            sheet.write_string(row, 3, gave)?;
        }
        for (k, answer) in answers.iter().enumerate() {
            let col = 4 + k as u16;
            match answer.parse::<f64>() {
                Ok(number) => sheet.write_number(row, col, number)?,
                Err(_) if answer.is_empty() => continue,
                Err(_) => sheet.write_string(row, col, answer)?,
            };
        }
        row += 1;
        Ok(())
    };
    for response in &data.responses {
        write(
            sheet,
            &response.id,
            Some(response.surveyed),
            &response.agency_label,
            response.gave_feedback,
            &[response.answers.to_vec(), response.other_answers.clone()].concat(),
        )?;
    }
    // Deliberately bad rows: an out-of-range answer (the row is kept, the
    // answer dropped), an unknown agency, a missing date, a duplicate id.
    let last_day = data.responses.last().map(|r| r.surveyed);
    let answers = |values: [&str; 4]| values.map(str::to_string).to_vec();
    write(
        sheet,
        "SIPAS-LOI-01",
        last_day,
        "Sở Tư pháp",
        "Có",
        &answers(["7", "4", "5", "6"]),
    )?;
    write(
        sheet,
        "SIPAS-LOI-02",
        last_day,
        "Sở Ngoại vụ",
        "Có",
        &answers(["4", "4", "4", "4"]),
    )?;
    write(
        sheet,
        "SIPAS-LOI-03",
        None,
        "Sở Y tế",
        "Không",
        &answers(["5", "", "", ""]),
    )?;
    if let Some(first) = data.responses.first() {
        write(
            sheet,
            &first.id,
            last_day,
            &first.agency_label,
            "Có",
            &answers(["4", "4", "4", "4"]),
        )?;
    }
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 40)?;
    sheet.set_column_width(3, 24)?;
    workbook.save(path)
}

/// A workbook with a fixed creation date, so that the same seed gives the same bytes.
pub(super) fn fixed_date_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 6, 14)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}
