//! The sheet "Phương pháp": how every number of the workbook was computed —
//! the definitions, the period rule, the working-day calendar of the
//! period, the targets, the configuration in force, and each input file
//! with its size, SHA-256 and row counts — so that the report can be
//! audited without the tool.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::input::{NextRow, SheetInput};
use super::quality_sheet::inputs_table;
use super::style::{open_sheet, print_setup, write_headers, write_rate, Formats};
use crate::calendar::PeriodMode;
use crate::report::labels::{self, Lang, Sheet};

const LAST_COLUMN: u16 = 8;

/// Definitions: (indicator, Vietnamese definition, English definition).
const DEFINITIONS: [(&str, &str, &str); 21] = [
    ("TC1–TC4", "Chỉ số tiêu chí = 100 × số ý kiến trả lời 4 (Hài lòng) hoặc 5 (Rất hài lòng) ÷ số ý kiến trả lời 1–5 của tiêu chí; có trọng số khi phiếu có trọng số. TC2–TC4 chỉ tính người đã từng góp ý, phản ánh, kiến nghị. Khoảng tin cậy 95% theo Wilson (z = 1,96), với cỡ mẫu hiệu dụng Kish khi có trọng số.", "Criterion index = 100 × answers 4 (satisfied) or 5 (very satisfied) ÷ answers 1–5 to the criterion, weighted when questionnaires carry weights. TC2–TC4 count only respondents who gave feedback. 95% Wilson interval (z = 1.96), with Kish's effective sample size when weighted."),
    ("Chỉ số thành phần", "Trung bình cộng của 4 chỉ số tiêu chí; để trống khi một tiêu chí không có ý kiến trả lời.", "Element index: the mean of the four criterion indices; empty when a criterion has no answers."),
    ("Mẫu nhỏ", "Tiêu chí có ít hơn số ý kiến tối thiểu (xem phần Cấu hình) được đánh dấu mẫu nhỏ, không xếp hạng và không đánh giá mục tiêu.", "Small sample: a criterion with fewer answers than the minimum (see Configuration) is flagged, not ranked and not judged against its target."),
    ("Hạn xử lý", "Hạn ghi trên PAKN; nếu không có: ngày làm việc thứ N sau ngày chuyển xử lý (hoặc ngày tiếp nhận), không tính ngày bắt đầu (Bộ luật Dân sự, Điều 147).", "Deadline: the one on the record; otherwise the N-th working day after forwarding (or receipt), the start day not counted (Civil Code Art. 147)."),
    ("Tiếp nhận", "PAKN có ngày tiếp nhận trong kỳ (kể cả PAKN không được tiếp nhận xử lý); trực tuyến: qua thư điện tử, tin nhắn, trang thông tin điện tử, Zalo, Facebook, Cổng DVCQG, ứng dụng.", "Received: PAKN received in the period (including those not accepted); online: email, SMS, website, Zalo, Facebook, the National Portal, app."),
    ("Kỳ trước chuyển sang", "PAKN tiếp nhận trước kỳ và chưa xử lý xong trước ngày đầu kỳ.", "Carried over: received before the period and not handled before its first day."),
    ("Đã xử lý", "PAKN xử lý xong trong kỳ và không sau ngày chốt số liệu; trước hạn / đúng hạn / quá hạn so với hạn xử lý. Tỷ lệ đúng hạn = 100 × (trước hạn + đúng hạn) ÷ đã xử lý.", "Handled: handled in the period, not after the as-of date; early / on the due date / late. On-time rate = 100 × (early + on due date) ÷ handled."),
    ("Đang xử lý", "PAKN tiếp nhận đến ngày chốt số liệu và chưa xử lý xong; quá hạn khi ngày chốt số liệu sau hạn xử lý. Số ngày quá hạn = số ngày làm việc sau hạn đến ngày chốt (hoặc ngày xử lý xong).", "Pending: received by the as-of date and not handled by it; overdue when the as-of date is after the deadline. Working days late = working days after the deadline up to the as-of (or handling) date."),
    ("Sắp đến hạn", "PAKN được tiếp nhận xử lý, đang xử lý tại ngày chốt số liệu, chưa quá hạn và có hạn xử lý không quá N ngày làm việc sau ngày chốt số liệu: WD(ngày chốt, hạn] ≤ N (N = due_soon_working_days, mặc định 5). Số ngày làm việc còn lại = WD(ngày chốt, hạn]; PAKN hạn đúng ngày chốt còn 0 ngày. PAKN không được tiếp nhận không bao giờ sắp đến hạn.", "Due soon: accepted PAKN pending on the as-of date, not yet overdue, whose deadline is at most N working days after it: WD(as-of, due] ≤ N (N = due_soon_working_days, 5 by default). Working days left = WD(as-of, due]; a PAKN due on the as-of date has 0 left. A PAKN not accepted is never due soon."),
    ("Kế hoạch khảo sát", "Với mỗi cơ quan và mỗi tiêu chí c của TC1–TC4: p = tỷ lệ hài lòng của cơ quan trong bốn quý kết thúc bằng quý cuối của kỳ (p = 0,5 khi cơ quan có ít hơn số ý kiến tối thiểu); số ý kiến cần n_c = số n nhỏ nhất để nửa độ rộng khoảng Wilson 95%, z·√(p(1−p)/n + z²/4n²) ÷ (1 + z²/n) với z = 1,96, không quá sai số cho phép (survey_margin_points, mặc định ±5 điểm %). a_c = tỷ lệ người trả lời của cả Thành phố trong bốn quý đó có ý kiến 1–5 được tính cho c (với TC2–TC4, sau quy tắc đã gửi PAKN). Số phiếu cần = lớn nhất theo c của ⌈n_c ÷ a_c⌉; còn thiếu = số phiếu cần − số phiếu kỳ này (không âm).", "Survey plan: for each agency and each criterion c of TC1–TC4, p = the agency's share satisfied over the four quarters ending with the period's last (0.5 with fewer than the minimum answers); the answers needed n_c = the smallest n whose 95% Wilson half-width, z·√(p(1−p)/n + z²/4n²) ÷ (1 + z²/n) with z = 1.96, is at most the margin (survey_margin_points, ±5 points by default). a_c = the share of the city's respondents over those quarters whose answer 1–5 to c counts (for TC2–TC4, after the gave-feedback rule). Respondents needed = the largest over c of ⌈n_c ÷ a_c⌉; shortfall = respondents needed − this period's respondents (not below 0)."),
    ("Chuyển xử lý đúng hạn", "PAKN tiếp nhận trong kỳ có ngày chuyển xử lý, chuyển trong số ngày làm việc cho phép (Nghị định 20/2008/NĐ-CP, Điều 9).", "Forwarded on time: PAKN of the period forwarded within the allowed working days (Decree 20/2008/NĐ-CP, Art. 9)."),
    ("Thông báo, công khai kịp thời", "PAKN đã xử lý có ngày thông báo (công khai) kết quả trong số ngày làm việc cho phép sau ngày xử lý xong; thiếu ngày coi là không kịp thời.", "Notified / published in time: handled PAKN whose result was notified (published) within the allowed working days; a missing date is not in time."),
    ("Chỉ số 766, nhóm 5", "5.1 tỷ lệ PAKN được phân loại; 5.2 tỷ lệ xử lý đúng hạn; 5.3 tỷ lệ PAKN được tiếp nhận không bị đánh giá không hài lòng, không quá hạn, không bị phản ánh lại (có trong summary.json).", "Index 766, group 5: 5.1 share classified; 5.2 on-time rate; 5.3 share of accepted PAKN not rated unsatisfied, not late and not raised again (in summary.json)."),
    ("Các yếu tố, chỉ số chung", "Mỗi yếu tố của bảng hỏi (cấu hình [[questionnaire]]) = trung bình các chỉ số tiêu chí của yếu tố, tính như TC1–TC4 (quy tắc đã góp ý chỉ áp dụng cho TC2–TC4); để trống khi một tiêu chí không có ý kiến. Chỉ số hài lòng chung = trung bình các yếu tố (có trọng số nếu cấu hình cho); để trống khi một yếu tố để trống.", "Each element of the questionnaire ([[questionnaire]] in the configuration) = the mean of its criteria's indices, computed like TC1–TC4 (the gave-feedback rule applies to TC2–TC4 only); empty when a criterion has no answers. Overall index = the mean of the elements (weighted where configured); empty when an element is."),
    ("Phân loại", "PAKN theo 4 nhóm phân loại (quy định hành chính, hành vi hành chính, thủ tục hành chính, khác) và chưa phân loại, với các số liệu tiếp nhận, xử lý như trên.", "Classification: PAKN by the four classes (administrative regulations, conduct of officials, procedures, other) and not classified, with the counts above."),
    ("Lĩnh vực", "Lĩnh vực ghi trên PAKN, gộp các cách viết sau khi chuẩn hóa Unicode (NFC), bỏ khoảng trắng thừa và không phân biệt chữ hoa, giữ dấu (\"Thuế\" khác \"Thuê\"); tên hiển thị là cách viết gặp nhiều nhất trong toàn bộ dữ liệu. Quá hạn theo lĩnh vực = đã xử lý quá hạn + đang xử lý quá hạn.", "Subject field: the field on the record, spellings grouped after Unicode NFC, trimming spaces and ignoring case, diacritics kept (\"Thuế\" is not \"Thuê\"); shown under the spelling most frequent in all the data. Late by field = handled late + pending past the deadline."),
    ("Khoảng tin cậy của chỉ số thành phần", "Các tiêu chí do cùng người trả lời nên tương quan với nhau: sai số chuẩn của chỉ số yếu tố (và chỉ số chung) tính theo phương pháp tuyến tính hóa (Taylor) trên từng phiếu, gồm hiệp phương sai giữa các tiêu chí của những người trả lời cả hai, có trọng số nếu có; khoảng 95% = chỉ số ± 1,96 × sai số chuẩn. Giả định: phiếu là mẫu ngẫu nhiên đơn giản có hoàn lại (không tính hiệu ứng thiết kế của chọn mẫu theo cụm, tầng).", "Element interval: the criteria are answered by the same respondents and correlated; the standard error of an element (and of the overall index) is by Taylor linearisation over questionnaires, with the covariance of the criteria over respondents who answered both, weighted where given; 95% interval = index ± 1.96 × SE. Assumes a simple random sample with replacement (no design effect of clustered or stratified sampling)."),
    ("Tăng/giảm có ý nghĩa", "Khoảng tin cậy 95% của mức tăng/giảm: với tiêu chí và tỷ lệ, khoảng Newcombe (phương pháp điểm lai) dựng từ hai khoảng Wilson, cỡ mẫu hiệu dụng Kish khi có trọng số; với chỉ số thành phần và chỉ số chung, xấp xỉ chuẩn từ hai sai số chuẩn (hai kỳ là hai mẫu độc lập). Đánh dấu (*) khi khoảng không chứa 0 — tương đương kiểm định 5%, không khắt khe như yêu cầu hai khoảng Wilson không giao nhau.", "Significant change: the 95% interval of the change — for criteria and rates Newcombe's hybrid score interval from the two Wilson intervals (Kish n when weighted); for the element and overall indices the normal approximation from the two standard errors (the periods are independent samples). (*) when it excludes 0: a 5% test, less strict than asking the two Wilson intervals not to overlap."),
    ("Biểu đồ phễu", "So sánh từng cơ quan với toàn Thành phố theo cỡ mẫu của cơ quan: giới hạn 95% và 99,8% = giá trị Thành phố ± z × độ lệch chuẩn ÷ √n (z = 1,96 và 3,09). Tỷ lệ đúng hạn: độ lệch chuẩn √(p₀(1 − p₀)), n = số PAKN đã xử lý. Chỉ số thành phần: độ lệch chuẩn của Thành phố trên mỗi phiếu (sai số chuẩn × √số phiếu), n = số phiếu. Cơ quan ngoài giới hạn 99,8% được nêu tên.", "Funnel plot: each agency against the city at its own sample size; 95% and 99.8% limits = city value ± z × sd ÷ √n (z = 1.96 and 3.09). On-time rate: sd = √(p₀(1 − p₀)), n = PAKN handled. Element index: the city's sd per questionnaire (SE × √questionnaires), n = questionnaires. Agencies beyond the 99.8% limits are named."),
    ("Các lần xuất liên tiếp", "Khi chạy với --snapshots (hoặc snapshots = true), các tệp PAKN là các lần xuất liên tiếp của cùng hệ thống, cũ trước mới sau (tệp trong thư mục theo thứ tự tên): bản ghi cùng mã ở tệp sau thay toàn bộ bản ghi ở tệp trước, dòng cũ tính là \"thay bằng lần xuất sau\" (số dòng đọc = sử dụng + loại + thay); dòng của tệp sau bị loại không xóa bản ghi cũ; trong cùng một tệp, mã trùng vẫn bị loại; bản ghi chỉ có ở tệp cũ được giữ nguyên.", "Successive exports: with --snapshots (or snapshots = true) the feedback files are successive exports of the same system, oldest first (a folder's files in name order): a later file's record replaces the whole record of the same id in an earlier file, whose row counts as superseded (rows read = used + rejected + superseded); a rejected row of a later file does not erase the earlier record; within one file a repeated id is still rejected; records only in an older file stay as they were."),
    ("Làm tròn, so sánh", "Tỷ lệ làm tròn 2 chữ số thập phân (làm tròn nửa lên); so sánh với mục tiêu và giữa các kỳ dùng giá trị đã làm tròn.", "Rounding: rates at 2 decimals, half away from zero; targets and periods are compared on the published values."),
];

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let mut row = open_sheet(sheet, Sheet::Method, LAST_COLUMN, input)?;
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 14)?;
    for col in 2..=5 {
        sheet.set_column_width(col, 12)?;
    }
    sheet.set_column_width(6, 12)?;
    sheet.set_column_width(7, 12)?;
    sheet.set_column_width(8, 60)?;

    row = definitions_section(sheet, input, row)?;
    row = period_rule_section(sheet, input, row)?;
    row = calendar_section(sheet, input, row)?;
    row = targets_section(sheet, input, row)?;
    row = settings_section(sheet, input, row)?;
    row = input.heading(sheet, row, "6. Tệp đầu vào", "6. Input files")?;
    let row = inputs_table(sheet, row, summary, lang, formats, true)?;
    mergers_table(sheet, row + 1, input)?;
    print_setup(sheet, None)
}

/// Section 1. The definitions of the indicators.
fn definitions_section(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (lang, formats) = (input.lang, input.formats);
    row = input.heading(sheet, row, "1. Định nghĩa các chỉ số", "1. Definitions")?;
    for (name, vi, en) in DEFINITIONS {
        let name = if lang == Lang::En {
            english_name(name)
        } else {
            name
        };
        sheet.write_string_with_format(row, 0, name, &formats.text)?;
        sheet.merge_range(row, 1, row, LAST_COLUMN, lang.pick(vi, en), &formats.text)?;
        sheet.set_row_height(row, 46)?;
        row += 1;
    }
    row += 1;
    Ok(row)
}

/// Section 2. The reporting period and its cut-off rule.
fn period_rule_section(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.heading(sheet, row, "2. Kỳ báo cáo", "2. Reporting period")?;
    let rule = match (summary.period.mode, lang) {
        (PeriodMode::Decree09, Lang::Vi) => "Thời gian chốt số liệu theo Nghị định 09/2019/NĐ-CP, Điều 12: quý tính từ ngày 15 tháng trước quý đến ngày 14 tháng cuối quý; 6 tháng và năm theo cùng quy tắc.",
        (PeriodMode::Decree09, Lang::En) => "Cut-off of Decree 09/2019/NĐ-CP, Art. 12: a quarter runs from the 15th of the month before it to the 14th of its last month; half-years and years follow the same rule.",
        (PeriodMode::Calendar, Lang::Vi) => "Kỳ theo lịch: quý, 6 tháng và năm theo tháng dương lịch.",
        (PeriodMode::Calendar, Lang::En) => "Calendar periods: quarters, half-years and years of calendar months.",
    };
    let period_text = match lang {
        Lang::Vi => format!(
            "{rule} Kỳ này: {} – từ ngày {} đến ngày {}; số liệu đang xử lý tính đến ngày {}.",
            summary.period.name_vi,
            lang.date(&summary.period.start),
            lang.date(&summary.period.end),
            lang.date(&summary.as_of)
        ),
        Lang::En => format!(
            "{rule} This period: {} – from {} to {}; pending PAKN counted as of {}.",
            lang.period_name(&summary.period),
            lang.date(&summary.period.start),
            lang.date(&summary.period.end),
            lang.date(&summary.as_of)
        ),
    };
    row = paragraph(sheet, row, &period_text, formats)?;
    Ok(row)
}

/// Section 3. The working-day calendar and the weekdays off in the period.
fn calendar_section(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.heading(sheet, row, "3. Lịch làm việc", "3. Working-day calendar")?;
    let schedule = summary
        .config
        .holiday_schedule
        .as_ref()
        .map(|p| p.display().to_string());
    let calendar_text = match (lang, schedule) {
        (Lang::Vi, Some(path)) => format!("Thứ Hai – thứ Sáu, trừ ngày nghỉ lễ, Tết theo Bộ luật Lao động 2019 (Điều 111, 112), lịch nghỉ chính thức 2024–2026 kèm theo công cụ và lịch nghỉ bổ sung {path}."),
        (Lang::Vi, None) => "Thứ Hai – thứ Sáu, trừ ngày nghỉ lễ, Tết theo Bộ luật Lao động 2019 (Điều 111, 112) và lịch nghỉ chính thức 2024–2026 kèm theo công cụ; năm khác tính theo quy định (Tết theo âm lịch Việt Nam, múi giờ UTC+7).".to_string(),
        (Lang::En, Some(path)) => format!("Monday to Friday, except the holidays of the Labour Code 2019 (Art. 111, 112), the official 2024–2026 schedules shipped with the tool and the extra schedule {path}."),
        (Lang::En, None) => "Monday to Friday, except the holidays of the Labour Code 2019 (Art. 111, 112) and the official 2024–2026 schedules shipped with the tool; other years by the rules (Tết by the Vietnamese lunar calendar, UTC+7).".to_string(),
    };
    row = paragraph(sheet, row, &calendar_text, formats)?;
    write_headers(
        sheet,
        row,
        0,
        &[
            lang.pick(
                "Ngày nghỉ trong kỳ (ngày làm việc)",
                "Weekdays off in the period",
            ),
            lang.pick("Ngày lễ", "Holiday"),
        ],
        formats,
    )?;
    row += 1;
    if summary.days_off.is_empty() {
        sheet.write_string_with_format(row, 0, lang.pick("không có", "none"), &formats.text)?;
        sheet.write_string_with_format(row, 1, "", &formats.text)?;
        row += 1;
    }
    for day in &summary.days_off {
        sheet.write_string_with_format(row, 0, lang.date(&day.date), &formats.text)?;
        sheet.write_string_with_format(
            row,
            1,
            labels::holiday(lang, day.holiday),
            &formats.plain,
        )?;
        row += 1;
    }
    row += 1;
    Ok(row)
}

/// Section 4. The targets with this period's values.
fn targets_section(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.table_opening(
        sheet,
        row,
        0,
        [
            "4. Mục tiêu (Kế hoạch 181/KH-UBND hoặc tệp mục tiêu trong cấu hình)",
            "4. Targets (Plan 181/KH-UBND or the configured targets file)",
        ],
        [
            "Chỉ số | Giá trị gốc | Mục tiêu tối thiểu | Mục tiêu tối đa | Giá trị kỳ này | Đánh giá",
            "Indicator | Baseline | Target, minimum | Target, maximum | This period | Status",
        ],
    )?;
    for target in &summary.city.targets {
        sheet.write_string_with_format(
            row,
            0,
            labels::indicator(lang, &target.indicator),
            &formats.text,
        )?;
        write_rate(sheet, row, 1, target.baseline, &formats.rate, formats)?;
        write_rate(sheet, row, 2, target.target_min, &formats.rate, formats)?;
        write_rate(sheet, row, 3, target.target_max, &formats.rate, formats)?;
        write_rate(sheet, row, 4, target.value, &formats.rate, formats)?;
        sheet.write_string_with_format(
            row,
            5,
            labels::status(lang, target.status),
            formats.status(target.status),
        )?;
        row += 1;
    }
    row += 1;
    Ok(row)
}

/// Section 5. The settings of the run.
fn settings_section(sheet: &mut Worksheet, input: &SheetInput<'_>, mut row: u32) -> NextRow {
    let (summary, lang, formats) = input.parts();
    row = input.heading(sheet, row, "5. Cấu hình", "5. Configuration")?;
    let config = &summary.config;
    let path_or = |p: &Option<std::path::PathBuf>, default: &str| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| default.to_string())
    };
    let baseline = &summary.baseline;
    let yes_no = |yes: bool| {
        lang.pick(
            if yes { "Có" } else { "Không" },
            if yes { "Yes" } else { "No" },
        )
    };
    let shipped_targets = lang.pick(
        "Kế hoạch 181/KH-UBND (kèm theo công cụ)",
        "Plan 181/KH-UBND (shipped)",
    );
    let settings: [(&str, &str, String); 12] = [
        (
            "Thời hạn xử lý khi PAKN không ghi hạn (ngày làm việc)",
            "Deadline when a PAKN has none (working days)",
            config.deadline_working_days.to_string(),
        ),
        (
            "Thời hạn chuyển xử lý (ngày làm việc)",
            "Forwarding limit (working days)",
            config.forward_limit_working_days.to_string(),
        ),
        (
            "Thời hạn thông báo kết quả (ngày làm việc)",
            "Notification limit (working days)",
            config.notify_limit_working_days.to_string(),
        ),
        (
            "Thời hạn công khai kết quả (ngày làm việc)",
            "Publication limit (working days)",
            config.publish_limit_working_days.to_string(),
        ),
        (
            "Sắp đến hạn: hạn xử lý trong số ngày làm việc",
            "Due soon: deadline within (working days)",
            config.due_soon_working_days.to_string(),
        ),
        (
            "Số ý kiến tối thiểu của một tiêu chí",
            "Minimum answers per criterion",
            summary.min_sample.to_string(),
        ),
        (
            "Kế hoạch khảo sát: sai số tối đa (điểm %)",
            "Survey plan: margin (points)",
            lang.number(config.survey_margin_points, 2),
        ),
        (
            "Số PAKN đã xử lý tối thiểu để đánh giá tỷ lệ",
            "Minimum handled PAKN to judge a rate",
            summary.min_handled.to_string(),
        ),
        (
            "Giá trị gốc (năm, TC1–TC4, chỉ số thành phần)",
            "Baseline (year, TC1–TC4, element)",
            format!(
                "{}: {}",
                baseline.year,
                [
                    baseline.tc1,
                    baseline.tc2,
                    baseline.tc3,
                    baseline.tc4,
                    baseline.element
                ]
                .map(|v| lang.number(v, 2))
                .join("; ")
            ),
        ),
        (
            "Tệp mục tiêu",
            "Targets file",
            path_or(&config.targets, shipped_targets),
        ),
        (
            "Giá trị gốc riêng của cơ quan",
            "Per-agency baselines",
            path_or(&config.agency_baselines, lang.pick("không dùng", "none")),
        ),
        (
            "Xếp hạng theo nhóm quy mô",
            "Ranking within volume groups",
            yes_no(config.rank_by_volume).to_string(),
        ),
    ];
    for (vi, en, value) in settings {
        let label = lang.pick(vi, en);
        sheet.write_string_with_format(row, 0, label, &formats.text)?;
        sheet.merge_range(row, 1, row, LAST_COLUMN, &value, &formats.text)?;
        sheet.set_row_height(row, 30)?;
        row += 1;
    }
    row += 1;
    Ok(row)
}

/// Section 7 when agencies merged: the sentence of the document, then
/// every agency that counts under another, with its last day.
fn mergers_table(
    sheet: &mut Worksheet,
    row: u32,
    input: &SheetInput<'_>,
) -> Result<u32, XlsxError> {
    let (summary, lang, formats) = input.parts();
    let Some(sentence) = crate::report::narrative::mergers_sentence(summary, lang) else {
        return Ok(row);
    };
    let mut row = input.heading(
        sheet,
        row,
        "7. Cơ quan, đơn vị hợp nhất, kết thúc hoạt động",
        "7. Agencies merged or ended",
    )?;
    row = paragraph(sheet, row, &sentence, formats)?;
    let headers = labels::pick_row(
        lang,
        "Cơ quan, đơn vị (mã) | Đến ngày | Số liệu tính vào (mã)",
        "Agency (code) | Until | Counted under (code)",
    );
    sheet.merge_range(row, 0, row, 1, headers[0], &formats.header)?;
    sheet.write_string_with_format(row, 2, headers[1], &formats.header)?;
    sheet.merge_range(row, 3, row, LAST_COLUMN, headers[2], &formats.header)?;
    row += 1;
    for merger in &summary.mergers {
        let agency = format!("{} ({})", merger.name, merger.code);
        let into = format!("{} ({})", merger.into_name, merger.into_code);
        sheet.merge_range(row, 0, row, 1, &agency, &formats.plain)?;
        sheet.write_string_with_format(row, 2, lang.date(&merger.until), &formats.plain)?;
        sheet.merge_range(row, 3, row, LAST_COLUMN, &into, &formats.plain)?;
        row += 1;
    }
    Ok(row)
}

fn paragraph(
    sheet: &mut Worksheet,
    row: u32,
    text: &str,
    formats: &Formats,
) -> Result<u32, XlsxError> {
    sheet.merge_range(row, 0, row, LAST_COLUMN, text, &formats.paragraph)?;
    sheet.set_row_height(row, 46)?;
    Ok(row + 2)
}

fn english_name(vi: &str) -> &str {
    match vi {
        "Chỉ số thành phần" => "Element index",
        "Mẫu nhỏ" => "Small sample",
        "Hạn xử lý" => "Deadline",
        "Tiếp nhận" => "Received",
        "Kỳ trước chuyển sang" => "Carried over",
        "Đã xử lý" => "Handled",
        "Đang xử lý" => "Pending",
        "Sắp đến hạn" => "Due soon",
        "Kế hoạch khảo sát" => "Survey plan",
        "Chuyển xử lý đúng hạn" => "Forwarded on time",
        "Thông báo, công khai kịp thời" => "Notified, published in time",
        "Chỉ số 766, nhóm 5" => "Index 766, group 5",
        "Làm tròn, so sánh" => "Rounding",
        "Các yếu tố, chỉ số chung" => "Elements, overall index",
        "Phân loại" => "Classification",
        "Lĩnh vực" => "Subject field",
        "Các lần xuất liên tiếp" => "Successive exports",
        "Khoảng tin cậy của chỉ số thành phần" => "Element interval",
        "Tăng/giảm có ý nghĩa" => "Significant change",
        "Biểu đồ phễu" => "Funnel plot",
        other => other,
    }
}
