//! Vietnamese labels of the workbook, in one place.

use crate::calendar::HolidayKind;
use crate::model::{AgencyLevel, Effect, InputKind, Reason};

/// Title of the report.
pub const REPORT_TITLE: &str =
    "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ VÀ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN";

/// Sheet names.
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
pub const CRITERION_NAMES: [&str; 4] = [
    "TC1. Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
    "TC2. Dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
    "TC3. Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị",
    "TC4. Cơ quan có thông báo kịp thời kết quả xử lý",
];

/// The element the four criteria make up.
pub const ELEMENT_NAME: &str = "Chỉ số thành phần: Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị";

/// Group heading of an agency level, with its Roman numeral.
pub fn level_heading(level: AgencyLevel) -> &'static str {
    match level {
        AgencyLevel::SoNganh => "I. Sở, ban, ngành",
        AgencyLevel::QuanHuyen => "II. Quận, huyện, thị xã",
        AgencyLevel::XaPhuong => "III. Xã, phường, thị trấn",
    }
}

/// Short name of an agency level.
pub fn level_name(level: AgencyLevel) -> &'static str {
    match level {
        AgencyLevel::SoNganh => "Sở, ban, ngành",
        AgencyLevel::QuanHuyen => "Quận, huyện, thị xã",
        AgencyLevel::XaPhuong => "Xã, phường, thị trấn",
    }
}

/// Name of an input kind.
pub fn input_kind(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Feedback => "PAKN",
        InputKind::Survey => "Khảo sát SIPAS",
    }
}

/// What a finding did.
pub fn effect(effect: Effect) -> &'static str {
    match effect {
        Effect::RowRejected => "Loại dòng",
        Effect::CellIgnored => "Bỏ qua ô",
        Effect::Warning => "Lưu ý",
    }
}

/// Name of a holiday.
pub fn holiday(kind: HolidayKind) -> &'static str {
    kind.name_vi()
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
