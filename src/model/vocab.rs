//! Controlled vocabularies of the canonical records (docs/inputs.md, “Feedback records (PAKN)”
//! and “SIPAS survey responses”): channels, statuses, categories and the five-point answer
//! scale. Labels are matched after folding (see [`crate::text_match::fold`]).

use serde::Serialize;

use crate::text_match::fold;

/// Where a PAKN was received ("kênh tiếp nhận").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Hotline ("đường dây nóng").
    Hotline,
    /// Suggestion box ("hòm thư góp ý").
    Mailbox,
    /// Email ("thư điện tử").
    Email,
    /// Text message ("tin nhắn").
    Sms,
    /// Agency website and its Q&A section ("trang thông tin điện tử", "Hỏi - Đáp").
    Website,
    /// Zalo.
    Zalo,
    /// Facebook.
    Facebook,
    /// PAKN system of the National Public Service Portal ("Cổng Dịch vụ công quốc gia").
    NationalPortal,
    /// Press ("báo chí").
    Press,
    /// In person at the one-stop desk ("trực tiếp", "Bộ phận Một cửa").
    InPerson,
    /// Letters ("văn bản", "đơn thư").
    Letter,
    /// Mobile application ("ứng dụng").
    App,
    /// Anything else ("khác").
    Other,
}

impl Channel {
    /// Every channel in report order.
    pub const ALL: [Channel; 13] = [
        Channel::Hotline,
        Channel::Mailbox,
        Channel::Email,
        Channel::Sms,
        Channel::Website,
        Channel::Zalo,
        Channel::Facebook,
        Channel::NationalPortal,
        Channel::Press,
        Channel::InPerson,
        Channel::Letter,
        Channel::App,
        Channel::Other,
    ];

    /// Canonical code.
    pub fn code(self) -> &'static str {
        self.labels()[0]
    }

    /// The channel whose canonical code is exactly `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Position in [`Channel::ALL`], used as a compact key in data frames.
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The code followed by the labels found in Vietnamese exports.
    fn labels(self) -> &'static [&'static str] {
        match self {
            Channel::Hotline => &["hotline", "Đường dây nóng", "Điện thoại"],
            Channel::Mailbox => &["mailbox", "Hòm thư góp ý", "Hòm thư"],
            Channel::Email => &["email", "Thư điện tử", "E-mail"],
            Channel::Sms => &["sms", "Tin nhắn", "Tin nhắn SMS"],
            Channel::Website => &[
                "website",
                "Trang thông tin điện tử",
                "Cổng thông tin điện tử",
                "Hỏi - Đáp",
                "Hỏi đáp",
            ],
            Channel::Zalo => &["zalo"],
            Channel::Facebook => &["facebook"],
            Channel::NationalPortal => &[
                "national_portal",
                "Cổng Dịch vụ công quốc gia",
                "Cổng DVCQG",
                "DVCQG",
            ],
            Channel::Press => &["press", "Báo chí"],
            Channel::InPerson => &["in_person", "Trực tiếp", "Bộ phận Một cửa", "Một cửa"],
            Channel::Letter => &["letter", "Văn bản", "Đơn thư", "Bưu chính"],
            Channel::App => &["app", "Ứng dụng"],
            Channel::Other => &["other", "Khác"],
        }
    }

    /// Vietnamese label for reports.
    pub fn label_vi(self) -> &'static str {
        match self {
            Channel::Zalo => "Zalo",
            Channel::Facebook => "Facebook",
            Channel::Sms => "Tin nhắn SMS",
            Channel::Email => "Thư điện tử",
            _ => self.labels().get(1).copied().unwrap_or("Khác"),
        }
    }

    /// Online channels count in the "trực tuyến" column of the form.
    pub fn is_online(self) -> bool {
        matches!(
            self,
            Channel::Email
                | Channel::Sms
                | Channel::Website
                | Channel::Zalo
                | Channel::Facebook
                | Channel::NationalPortal
                | Channel::App
        )
    }

    /// Reads a channel code or label.
    pub fn parse(text: &str) -> Option<Self> {
        let key = fold(text);
        Self::ALL
            .into_iter()
            .find(|c| c.labels().iter().any(|l| fold(l) == key))
    }
}

/// Processing status of a PAKN ("trạng thái").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being handled ("đang xử lý").
    DangXuLy,
    /// Handled ("đã xử lý", "hoàn thành").
    DaXuLy,
    /// Not accepted ("từ chối", "không tiếp nhận", "không thuộc phạm vi").
    TuChoi,
    /// Forwarded to another body ("chuyển xử lý").
    Chuyen,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::DangXuLy,
        Status::DaXuLy,
        Status::TuChoi,
        Status::Chuyen,
    ];

    /// Canonical code (as in summary.json and Parquet datasets).
    pub fn code(self) -> &'static str {
        match self {
            Status::DangXuLy => "dang_xu_ly",
            Status::DaXuLy => "da_xu_ly",
            Status::TuChoi => "tu_choi",
            Status::Chuyen => "chuyen",
        }
    }

    /// The status whose canonical code is exactly `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Reads a status code or label.
    pub fn parse(text: &str) -> Option<Self> {
        match fold(text).as_str() {
            "dang xu ly" | "dang giai quyet" => Some(Status::DangXuLy),
            "da xu ly" | "hoan thanh" | "da giai quyet" | "da tra loi" => Some(Status::DaXuLy),
            "tu choi" | "khong tiep nhan" | "khong thuoc pham vi" => Some(Status::TuChoi),
            "chuyen" | "chuyen xu ly" | "da chuyen" => Some(Status::Chuyen),
            _ => None,
        }
    }
}

/// Subject of a PAKN ("phân loại").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Administrative regulations ("quy định hành chính").
    QuyDinhHanhChinh,
    /// Conduct of officials ("hành vi hành chính").
    HanhViHanhChinh,
    /// Administrative procedures ("thủ tục hành chính").
    ThuTucHanhChinh,
    /// Other ("khác").
    Khac,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 4] = [
        Category::QuyDinhHanhChinh,
        Category::HanhViHanhChinh,
        Category::ThuTucHanhChinh,
        Category::Khac,
    ];

    /// The category whose canonical code is exactly `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The canonical code (`quy_dinh_hanh_chinh`…).
    pub fn code(self) -> &'static str {
        match self {
            Category::QuyDinhHanhChinh => "quy_dinh_hanh_chinh",
            Category::HanhViHanhChinh => "hanh_vi_hanh_chinh",
            Category::ThuTucHanhChinh => "thu_tuc_hanh_chinh",
            Category::Khac => "khac",
        }
    }

    /// The Vietnamese label ("Quy định hành chính"…).
    pub fn label_vi(self) -> &'static str {
        match self {
            Category::QuyDinhHanhChinh => "Quy định hành chính",
            Category::HanhViHanhChinh => "Hành vi hành chính",
            Category::ThuTucHanhChinh => "Thủ tục hành chính",
            Category::Khac => "Khác",
        }
    }

    /// Reads a category code or label.
    pub fn parse(text: &str) -> Option<Self> {
        match fold(text).as_str() {
            "quy dinh hanh chinh" => Some(Category::QuyDinhHanhChinh),
            "hanh vi hanh chinh" => Some(Category::HanhViHanhChinh),
            "thu tuc hanh chinh" => Some(Category::ThuTucHanhChinh),
            "khac" => Some(Category::Khac),
            _ => None,
        }
    }
}

/// One cell of a five-point satisfaction question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likert {
    /// An answer 1 (very dissatisfied) … 5 (very satisfied).
    Answer(u8),
    /// No answer: blank, 0, 9, 99, "Không ý kiến", "Không biết".
    NoAnswer,
    /// A value that is neither an answer nor a no-answer code.
    Invalid,
}

/// The five answer labels, index 0 = answer 1.
pub const LIKERT_LABELS: [&str; 5] = [
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
];

impl Likert {
    /// Reads a number or a label.
    pub fn parse_text(text: &str) -> Self {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Likert::NoAnswer;
        }
        if let Ok(number) = trimmed.replace(',', ".").parse::<f64>() {
            return Self::from_number(number);
        }
        let key = fold(trimmed);
        if let Some(i) = LIKERT_LABELS.iter().position(|l| fold(l) == key) {
            return Likert::Answer(i as u8 + 1);
        }
        match key.as_str() {
            "khong y kien" | "khong biet" | "khong tra loi" => Likert::NoAnswer,
            _ => Likert::Invalid,
        }
    }

    /// Reads a cell: numbers, labels and no-answer codes.
    pub fn of_cell(cell: &super::Cell<'_>) -> Self {
        match cell {
            super::Cell::Number(n) => Self::from_number(*n),
            super::Cell::Empty => Likert::NoAnswer,
            super::Cell::Text(t) => Self::parse_text(t),
            _ => Likert::Invalid,
        }
    }

    /// Reads a numeric cell.
    pub fn from_number(number: f64) -> Self {
        match number {
            n if n == 0.0 || n == 9.0 || n == 99.0 => Likert::NoAnswer,
            n if (1.0..=5.0).contains(&n) && n.fract() == 0.0 => Likert::Answer(n as u8),
            _ => Likert::Invalid,
        }
    }
}

/// Reads a yes/no cell (Có/Không, 1/0, yes/no, true/false); None if neither.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "co" | "1" | "yes" | "y" | "true" | "x" => Some(true),
        "khong" | "0" | "no" | "n" | "false" => Some(false),
        _ => None,
    }
}

/// Reads a satisfied/unsatisfied rating ("hài lòng" / "không hài lòng").
pub fn parse_rating(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "hai long" | "rat hai long" | "satisfied" | "1" => Some(true),
        "khong hai long" | "rat khong hai long" | "unsatisfied" | "0" => Some(false),
        _ => None,
    }
}
