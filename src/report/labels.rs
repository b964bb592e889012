//! The labels of the report files, in Vietnamese (the default) and English
//! (`--lang en`, for partners who do not read Vietnamese), in one place.

use crate::calendar::HolidayKind;
use crate::metrics::summary::PeriodInfo;
use crate::metrics::targets::TargetStatus;
use crate::model::{AgencyLevel, Channel, Effect, InputKind, Reason};

pub use crate::lang::{fill, Lang};

impl Lang {
    /// The period's name: "Quý I năm 2024" / "Q1 2024".
    pub fn period_name(self, period: &PeriodInfo) -> String {
        match self {
            Lang::Vi => period.name_vi.clone(),
            Lang::En => match period.label.split_once('-') {
                Some((year, part)) => format!("{part} {year}"),
                None => format!("Year {}", period.label),
            },
        }
    }
}

/// A row of headers in `lang`: `vi` and `en` each list the same headers,
/// separated by " | ".
pub fn pick_row(lang: Lang, vi: &'static str, en: &'static str) -> Vec<&'static str> {
    debug_assert_eq!(vi.split(" | ").count(), en.split(" | ").count());
    lang.pick(vi, en).split(" | ").collect()
}

/// Title of the report.
pub fn report_title(lang: Lang) -> &'static str {
    lang.pick(
        "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ VÀ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN",
        "REPORT ON THE RECEIPT AND HANDLING OF CITIZENS' FEEDBACK (PAKN) AND CITIZENS' SATISFACTION",
    )
}

/// The sheets of the workbook, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// City indicators against targets ("Tổng hợp").
    Summary,
    /// Satisfaction per agency ("Hài lòng theo cơ quan").
    Satisfaction,
    /// Every element of the questionnaire per agency ("Các yếu tố SIPAS"),
    /// written when the questionnaire has more than the PAKN element.
    Elements,
    /// Handling per agency, Circular 01/2020 layout ("Xử lý PAKN").
    Handling,
    /// Handling per channel ("Theo kênh").
    Channels,
    /// Handling by classification and subject field ("Theo lĩnh vực").
    Fields,
    /// The city's indicators per period ("Xu hướng").
    Trend,
    /// Overdue PAKN ("Quá hạn").
    Overdue,
    /// PAKN due soon ("Sắp đến hạn").
    DueSoon,
    /// How many citizens to survey next period ("Kế hoạch khảo sát").
    SurveyPlan,
    /// Findings and accounting ("Chất lượng dữ liệu").
    Quality,
    /// Definitions, calendar, targets, inputs ("Phương pháp").
    Method,
}

impl Sheet {
    /// Every sheet in workbook order.
    pub const ALL: [Sheet; 12] = [
        Sheet::Summary,
        Sheet::Satisfaction,
        Sheet::Elements,
        Sheet::Handling,
        Sheet::Channels,
        Sheet::Fields,
        Sheet::Trend,
        Sheet::Overdue,
        Sheet::DueSoon,
        Sheet::SurveyPlan,
        Sheet::Quality,
        Sheet::Method,
    ];

    /// The sheet's tab name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Summary => lang.pick("Tổng hợp", "Summary"),
            Sheet::Satisfaction => lang.pick("Hài lòng theo cơ quan", "Satisfaction by agency"),
            Sheet::Elements => lang.pick("Các yếu tố SIPAS", "SIPAS elements"),
            Sheet::Handling => lang.pick("Xử lý PAKN", "PAKN handling"),
            Sheet::Channels => lang.pick("Theo kênh", "By channel"),
            Sheet::Fields => lang.pick("Theo lĩnh vực", "By field"),
            Sheet::Trend => lang.pick("Xu hướng", "Trend"),
            Sheet::Overdue => lang.pick("Quá hạn", "Overdue"),
            Sheet::DueSoon => lang.pick("Sắp đến hạn", "Due soon"),
            Sheet::SurveyPlan => lang.pick("Kế hoạch khảo sát", "Survey plan"),
            Sheet::Quality => lang.pick("Chất lượng dữ liệu", "Data quality"),
            Sheet::Method => lang.pick("Phương pháp", "Method"),
        }
    }

    /// The heading in capitals under the units, as on the forms of
    /// Circular 01/2020.
    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Summary => report_title(lang),
            Sheet::Satisfaction => lang.pick(
                "MỨC ĐỘ HÀI LÒNG VỀ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ THEO CƠ QUAN, ĐƠN VỊ",
                "SATISFACTION WITH THE RECEIPT AND HANDLING OF PAKN BY AGENCY",
            ),
            Sheet::Elements => lang.pick(
                "MỨC ĐỘ HÀI LÒNG THEO CÁC YẾU TỐ CỦA BẢNG HỎI SIPAS",
                "SATISFACTION BY ELEMENT OF THE SIPAS QUESTIONNAIRE",
            ),
            Sheet::Handling => lang.pick(
                "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ CỦA CÁ NHÂN, TỔ CHỨC",
                "RECEIPT AND HANDLING OF FEEDBACK FROM INDIVIDUALS AND ORGANISATIONS",
            ),
            Sheet::Channels => lang.pick(
                "TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ THEO KÊNH TIẾP NHẬN",
                "PAKN BY CHANNEL OF RECEIPT",
            ),
            Sheet::Fields => lang.pick(
                "KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ THEO PHÂN LOẠI VÀ LĨNH VỰC",
                "PAKN BY CLASSIFICATION AND SUBJECT FIELD",
            ),
            Sheet::Trend => lang.pick(
                "XU HƯỚNG CÁC CHỈ SỐ CỦA THÀNH PHỐ QUA CÁC KỲ",
                "THE CITY'S INDICATORS OVER TIME",
            ),
            Sheet::Overdue => lang.pick("DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ QUÁ HẠN", "OVERDUE PAKN"),
            Sheet::DueSoon => lang.pick(
                "DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ SẮP ĐẾN HẠN XỬ LÝ",
                "PAKN DUE SOON",
            ),
            Sheet::SurveyPlan => lang.pick(
                "KẾ HOẠCH SỐ PHIẾU KHẢO SÁT KỲ TỚI THEO CƠ QUAN, ĐƠN VỊ",
                "RESPONDENTS TO SURVEY NEXT PERIOD BY AGENCY",
            ),
            Sheet::Quality => lang.pick("CHẤT LƯỢNG DỮ LIỆU ĐẦU VÀO", "QUALITY OF THE INPUT DATA"),
            Sheet::Method => lang.pick("PHƯƠNG PHÁP TÍNH VÀ NGUỒN SỐ LIỆU", "METHOD AND SOURCES"),
        }
    }

    /// The unit of measure ("Đơn vị tính") printed under the heading.
    pub fn unit_of_measure(self, lang: Lang) -> &'static str {
        match self {
            Sheet::Summary => lang.pick("%, ý kiến, PAKN", "%, answers, PAKN"),
            Sheet::Satisfaction => lang.pick("%, ý kiến", "%, answers"),
            Sheet::Elements => lang.pick("%, phiếu", "%, questionnaires"),
            Sheet::Handling => lang.pick("PAKN, %", "PAKN, %"),
            Sheet::Channels => lang.pick("PAKN, %", "PAKN, %"),
            Sheet::Fields => lang.pick("PAKN, %", "PAKN, %"),
            Sheet::Trend => lang.pick("%, PAKN", "%, PAKN"),
            Sheet::Overdue => lang.pick("PAKN, ngày làm việc", "PAKN, working days"),
            Sheet::DueSoon => lang.pick("PAKN, ngày làm việc", "PAKN, working days"),
            Sheet::SurveyPlan => lang.pick("phiếu, ý kiến", "respondents, answers"),
            Sheet::Quality => lang.pick("dòng", "rows"),
            Sheet::Method => lang.pick("như ghi ở từng mục", "as stated per item"),
        }
    }
}

/// Vietnamese sheet names, as in the default workbook.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
/// Per-agency satisfaction sheet.
pub const SHEET_SATISFACTION: &str = "Hài lòng theo cơ quan";
/// Per-agency handling sheet (Circular 01/2020 layout).
pub const SHEET_HANDLING: &str = "Xử lý PAKN";
/// Data-quality sheet.
pub const SHEET_QUALITY: &str = "Chất lượng dữ liệu";

/// Column headers of the list of findings (workbook and `findings.csv`).
pub const FINDING_HEADERS: [&str; 7] = [
    "Tệp",
    "Trang tính",
    "Dòng",
    "Cột",
    "Giá trị",
    "Lý do",
    "Xử lý",
];

/// The four PAKN criteria of SIPAS (Plan 181/KH-UBND, section II.3–6).
pub fn criterion_name(lang: Lang, k: usize) -> &'static str {
    match lang {
        Lang::Vi => CRITERION_NAMES[k.min(3)],
        Lang::En => [
            "TC1. The agency provides ways to give feedback",
            "TC2. Giving feedback is easy",
            "TC3. The agency receives and handles feedback actively",
            "TC4. The agency reports the result in time",
        ][k.min(3)],
    }
}

/// The element the four criteria make up.
pub fn element_name(lang: Lang) -> &'static str {
    lang.pick(
        ELEMENT_NAME,
        "Element index: receiving and handling feedback",
    )
}

/// The four criteria in Vietnamese.
pub const CRITERION_NAMES: [&str; 4] = [
    "TC1. Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
    "TC2. Dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
    "TC3. Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị",
    "TC4. Cơ quan có thông báo kịp thời kết quả xử lý",
];

/// The element the four criteria make up.
pub const ELEMENT_NAME: &str = "Chỉ số thành phần: Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị";

/// Group heading of an agency level, with its Roman numeral.
pub fn level_heading(lang: Lang, level: AgencyLevel) -> &'static str {
    match level {
        AgencyLevel::SoNganh => lang.pick("I. Sở, ban, ngành", "I. Departments"),
        AgencyLevel::QuanHuyen => lang.pick("II. Quận, huyện, thị xã", "II. Districts"),
        AgencyLevel::XaPhuong => lang.pick("III. Xã, phường, thị trấn", "III. Communes and wards"),
    }
}

/// Short name of an agency level.
pub fn level_name(lang: Lang, level: AgencyLevel) -> &'static str {
    match level {
        AgencyLevel::SoNganh => lang.pick("Sở, ban, ngành", "Departments"),
        AgencyLevel::QuanHuyen => lang.pick("Quận, huyện, thị xã", "Districts"),
        AgencyLevel::XaPhuong => lang.pick("Xã, phường, thị trấn", "Communes and wards"),
    }
}

/// Where an agency falls on a funnel plot.
pub fn band(lang: Lang, band: Option<crate::metrics::funnel::Band>) -> &'static str {
    use crate::metrics::funnel::Band;
    match band {
        Some(Band::Above998) => {
            lang.pick("Cao hơn rõ rệt (ngoài 99,8%)", "Well above (beyond 99.8%)")
        }
        Some(Band::Above95) => lang.pick("Cao hơn (ngoài 95%)", "Above (beyond 95%)"),
        Some(Band::Within) => lang.pick("Trong giới hạn", "Within the limits"),
        Some(Band::Below95) => lang.pick("Thấp hơn (ngoài 95%)", "Below (beyond 95%)"),
        Some(Band::Below998) => {
            lang.pick("Thấp hơn rõ rệt (ngoài 99,8%)", "Well below (beyond 99.8%)")
        }
        None => "–",
    }
}

/// The overall index of the questionnaire.
pub fn overall_name(lang: Lang) -> &'static str {
    lang.pick("Chỉ số hài lòng chung", "Overall satisfaction index")
}

/// Label of a classification code of the summary (`chua_phan_loai` for
/// PAKN without one).
pub fn category(lang: Lang, code: &str) -> &'static str {
    match code {
        "quy_dinh_hanh_chinh" => lang.pick("Quy định hành chính", "Administrative regulations"),
        "hanh_vi_hanh_chinh" => lang.pick("Hành vi hành chính", "Conduct of officials"),
        "thu_tuc_hanh_chinh" => lang.pick("Thủ tục hành chính", "Administrative procedures"),
        "khac" => lang.pick("Khác", "Other"),
        _ => lang.pick("Chưa phân loại", "Not classified"),
    }
}

/// A subject field's name, or what stands for PAKN without one.
pub fn field_or_unknown(lang: Lang, field: Option<&str>) -> String {
    match field {
        Some(name) => name.to_string(),
        None => lang
            .pick("(Chưa xác định lĩnh vực)", "(No subject field)")
            .to_string(),
    }
}

/// Name of an input kind.
pub fn input_kind(lang: Lang, kind: InputKind) -> &'static str {
    match kind {
        InputKind::Feedback => "PAKN",
        InputKind::Survey => lang.pick("Khảo sát SIPAS", "SIPAS survey"),
    }
}

/// What a finding did.
pub fn effect(lang: Lang, effect: Effect) -> &'static str {
    match effect {
        Effect::RowRejected => lang.pick("Loại dòng", "Row rejected"),
        Effect::CellIgnored => lang.pick("Bỏ qua ô", "Cell ignored"),
        Effect::Warning => lang.pick("Lưu ý", "Warning"),
    }
}

/// Name of a holiday.
pub fn holiday(lang: Lang, kind: HolidayKind) -> &'static str {
    match lang {
        Lang::Vi => kind.name_vi(),
        Lang::En => match kind {
            HolidayKind::NewYear => "New Year's Day",
            HolidayKind::Tet => "Lunar New Year (Tết)",
            HolidayKind::HungKings => "Hùng Kings' Commemoration Day",
            HolidayKind::ReunificationLabour => "Reunification Day and Labour Day",
            HolidayKind::NationalDay => "National Day",
        },
    }
}

/// A target status: "Đạt" / "Met"…
pub fn status(lang: Lang, status: TargetStatus) -> &'static str {
    match lang {
        Lang::Vi => status.label_vi(),
        Lang::En => match status {
            TargetStatus::Met => "Met",
            TargetStatus::MetMinimum => "Minimum met",
            TargetStatus::NotMet => "Not met",
            TargetStatus::InsufficientData => "Not enough data",
        },
    }
}

/// A channel's name.
pub fn channel(lang: Lang, channel: Channel) -> &'static str {
    match lang {
        Lang::Vi => channel.label_vi(),
        Lang::En => match channel {
            Channel::Hotline => "Hotline",
            Channel::Mailbox => "Suggestion box",
            Channel::Email => "Email",
            Channel::Sms => "SMS",
            Channel::Website => "Website",
            Channel::Zalo => "Zalo",
            Channel::Facebook => "Facebook",
            Channel::NationalPortal => "National Public Service Portal",
            Channel::Press => "Press",
            Channel::InPerson => "In person",
            Channel::Letter => "Letter",
            Channel::App => "Mobile app",
            Channel::Other => "Other",
        },
    }
}

/// The name of a target indicator (`TC1`, `element`, `on_time_rate`…).
pub fn indicator(lang: Lang, code: &str) -> String {
    match code {
        "element" => lang.pick("Chỉ số thành phần", "Element index").to_string(),
        "on_time_rate" => lang
            .pick("Tỷ lệ xử lý đúng hạn", "On-time rate")
            .to_string(),
        "forwarded_on_time_rate" => lang
            .pick("Tỷ lệ chuyển xử lý đúng hạn", "Forwarded on time")
            .to_string(),
        "notified_on_time_rate" => lang
            .pick(
                "Tỷ lệ thông báo kết quả kịp thời",
                "Result notified in time",
            )
            .to_string(),
        "published_on_time_rate" => lang
            .pick(
                "Tỷ lệ công khai kết quả kịp thời",
                "Result published in time",
            )
            .to_string(),
        tc => match lang {
            Lang::Vi => format!("Chỉ số tiêu chí {}", tc.trim_start_matches("TC")),
            Lang::En => format!("Criterion {}", tc.trim_start_matches("TC")),
        },
    }
}

/// A finding's reason in the report's language.
pub fn reason_in(lang: Lang, finding: &Reason) -> String {
    match lang {
        Lang::Vi => reason(finding),
        Lang::En => finding.to_string(),
    }
}

/// A finding's reason, its first clause only (the title a filter shows).
pub fn reason_title(lang: Lang, finding: &Reason) -> String {
    let sentence = reason_in(lang, finding);
    sentence
        .split([':', ';'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Column headers of the list of findings in the report's language.
pub fn finding_headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Vi => FINDING_HEADERS,
        Lang::En => [
            "File", "Sheet", "Row", "Column", "Value", "Reason", "Effect",
        ],
    }
}

/// A finding's reason, in Vietnamese.
pub fn reason(reason: &Reason) -> String {
    match reason {
        Reason::Missing { field } => format!("Thiếu thông tin bắt buộc ({})", field_name(field)),
        Reason::UnreadableDate => {
            "Không đọc được ngày: ghi theo dạng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd".into()
        }
        Reason::DateOutOfRange => "Ngày nằm ngoài khoảng 1900–2100".into(),
        Reason::UnknownAgency {
            suggestion: Some(name),
        } => {
            format!("Cơ quan không có trong danh mục; có phải là \"{name}\"?")
        }
        Reason::UnknownAgency { suggestion: None } => {
            "Cơ quan không có trong danh mục: bổ sung vào danh mục hoặc sửa tên".into()
        }
        Reason::UnknownChannel => "Kênh tiếp nhận không thuộc danh mục kênh".into(),
        Reason::ResolvedBeforeReceived => "Ngày xử lý xong trước ngày tiếp nhận".into(),
        Reason::DuplicateId => "Trùng mã với một dòng đã được sử dụng trước đó".into(),
        Reason::DuplicateIdInEarlierFile => "Trùng mã với một bản ghi của tệp trước; nếu các tệp là các lần xuất liên tiếp của cùng một hệ thống, chạy với --snapshots để bản ghi của lần xuất sau thay bản ghi cũ".into(),
        Reason::SharedColumn { fields } => format!(
            "Hồ sơ ánh xạ gán {fields} cho cùng một cột; mỗi trường cần một cột riêng"
        ),
        Reason::EarlierSnapshotKept { file, row } => format!(
            "Dòng của lần xuất sau bị loại, nên giữ bản ghi của {file} dòng {row}"
        ),
        Reason::InvalidAnswer => {
            "Câu trả lời không thuộc thang 1–5, nhãn trả lời hoặc mã không trả lời: bỏ qua câu này"
                .into()
        }
        Reason::UnknownStatus => "Trạng thái không thuộc danh mục: bỏ qua".into(),
        Reason::UnknownCategory => "Phân loại không thuộc danh mục: bỏ qua".into(),
        Reason::UnknownRating => "Đánh giá không phải Hài lòng / Không hài lòng: bỏ qua".into(),
        Reason::UnknownYesNo => "Không phải câu trả lời Có/Không: coi như để trống".into(),
        Reason::InvalidWeight => "Trọng số phải là số dương".into(),
        Reason::RaggedRow { found, expected } => format!(
            "Dòng có {found} trường, tiêu đề có {expected}: trường thiếu coi như trống, trường thừa bỏ qua"
        ),
        Reason::HandledWithoutDate => {
            "Trạng thái đã xử lý nhưng không có ngày xử lý xong: tính là đang xử lý".into()
        }
        Reason::ShortRow {
            found,
            expected,
            missing,
        } => {
            let missing: Vec<&str> = missing.split(", ").map(field_name).collect();
            format!(
                "Dòng chỉ có {found} trường, tiêu đề có {expected}, nên thiếu {}: bỏ qua dòng",
                missing.join(", ")
            )
        }
        Reason::StrayQuote => "Dấu ngoặc kép mở ô này không được đóng ở chỗ kết thúc ô, nên các dòng sau nó sẽ bị đọc thành một ô: bỏ qua dòng này và đọc tiếp từ dòng sau; hãy xóa hoặc đóng dấu ngoặc kép".into(),
        Reason::AgencyAfterEnd {
            until,
            successor: Some(successor),
        } => format!(
            "Tệp vẫn ghi cơ quan này sau ngày {until}, ngày cơ quan kết thúc hoạt động: tính vào {successor}"
        ),
        Reason::AgencyAfterEnd {
            until,
            successor: None,
        } => format!(
            "Tệp vẫn ghi cơ quan này sau ngày {until}, ngày cơ quan kết thúc hoạt động: vẫn tính cho cơ quan này"
        ),
    }
}

/// Vietnamese name of a canonical field.
pub fn field_name(field: &str) -> &str {
    match field {
        "id" => "mã",
        "received_at" => "ngày tiếp nhận",
        "channel" => "kênh tiếp nhận",
        "agency" => "cơ quan",
        "surveyed_at" => "ngày khảo sát",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{fill, pick_row, Lang};

    #[test]
    fn fill_puts_the_values_in_order() {
        assert_eq!(
            fill("{} PAKN, {} quá hạn.", &[&12, &"3"]),
            "12 PAKN, 3 quá hạn."
        );
        assert_eq!(fill("{}{}", &[&"a", &'b']), "ab");
        assert_eq!(fill("không có giá trị", &[]), "không có giá trị");
    }

    #[test]
    fn a_header_row_is_read_in_its_language() {
        let (vi, en) = ("Mã | Tên cơ quan", "Code | Agency");
        assert_eq!(pick_row(Lang::Vi, vi, en), ["Mã", "Tên cơ quan"]);
        assert_eq!(pick_row(Lang::En, vi, en), ["Code", "Agency"]);
    }
}
