//! The agencies of the sample data: real departments and districts of Hanoi.

use crate::model::AgencyLevel;

/// (code, name, level, aliases separated by `|`, relative PAKN volume,
/// base satisfaction 0–1, share of PAKN handled on time 0–1).
pub type SampleAgency = (
    &'static str,
    &'static str,
    AgencyLevel,
    &'static str,
    f64,
    f64,
    f64,
);

use AgencyLevel::{QuanHuyen as Q, SoNganh as S};

/// The sample registry, a row an agency as [`SampleAgency`] reads.
#[rustfmt::skip]
pub const AGENCIES: [SampleAgency; 41] = [
    ("SNV", "Sở Nội vụ", S, "SNV Hà Nội", 0.6, 0.90, 0.99),
    ("STP", "Sở Tư pháp", S, "", 1.0, 0.86, 0.97),
    ("SXD", "Sở Xây dựng", S, "", 2.2, 0.74, 0.88),
    ("STNMT", "Sở Tài nguyên và Môi trường", S, "Sở TN&MT|Sở Tài nguyên Môi trường", 2.6, 0.70, 0.84),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", S, "Sở KH&ĐT", 1.2, 0.85, 0.96),
    ("STC", "Sở Tài chính", S, "", 0.7, 0.88, 0.98),
    ("SGTVT", "Sở Giao thông vận tải", S, "Sở GTVT", 1.8, 0.76, 0.90),
    ("SYT", "Sở Y tế", S, "", 1.4, 0.81, 0.94),
    ("SGDDT", "Sở Giáo dục và Đào tạo", S, "Sở GD&ĐT", 1.3, 0.84, 0.95),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", S, "Sở LĐTBXH", 1.1, 0.83, 0.95),
    ("SCT", "Sở Công Thương", S, "", 0.8, 0.85, 0.96),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", S, "Sở NN&PTNT", 0.6, 0.87, 0.97),
    ("SVHTT", "Sở Văn hóa và Thể thao", S, "", 0.5, 0.88, 0.98),
    ("SDL", "Sở Du lịch", S, "", 0.3, 0.89, 1.00),
    ("STTTT", "Sở Thông tin và Truyền thông", S, "Sở TT&TT", 0.4, 0.90, 0.99),
    ("SKHCN", "Sở Khoa học và Công nghệ", S, "Sở KH&CN", 0.2, 0.91, 1.00),
    ("SQHKT", "Sở Quy hoạch - Kiến trúc", S, "Sở QH-KT", 1.0, 0.73, 0.86),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội", S, "HIZA", 0.3, 0.87, 0.97),
    ("CATP", "Công an Thành phố", S, "Công an TP Hà Nội", 1.6, 0.80, 0.93),
    ("CTHUE", "Cục Thuế Thành phố", S, "Cục Thuế Hà Nội", 1.2, 0.79, 0.93),
    ("BDINH", "UBND quận Ba Đình", Q, "Quận Ba Đình|Ba Đình", 1.3, 0.88, 0.97),
    ("HKIEM", "UBND quận Hoàn Kiếm", Q, "Quận Hoàn Kiếm|Hoàn Kiếm", 1.2, 0.89, 0.98),
    ("THO", "UBND quận Tây Hồ", Q, "Quận Tây Hồ|Tây Hồ", 0.9, 0.86, 0.96),
    ("LBIEN", "UBND quận Long Biên", Q, "Quận Long Biên|Long Biên", 1.4, 0.84, 0.95),
    ("CGIAY", "UBND quận Cầu Giấy", Q, "Quận Cầu Giấy|Cầu Giấy", 1.4, 0.87, 0.96),
    ("DDA", "UBND quận Đống Đa", Q, "Quận Đống Đa|Đống Đa", 1.9, 0.80, 0.91),
    ("HBTRUNG", "UBND quận Hai Bà Trưng", Q, "Quận Hai Bà Trưng|Hai Bà Trưng", 1.7, 0.82, 0.93),
    ("HMAI", "UBND quận Hoàng Mai", Q, "Quận Hoàng Mai|Hoàng Mai", 2.0, 0.76, 0.89),
    ("TXUAN", "UBND quận Thanh Xuân", Q, "Quận Thanh Xuân|Thanh Xuân", 1.6, 0.81, 0.92),
    ("NTLIEM", "UBND quận Nam Từ Liêm", Q, "Quận Nam Từ Liêm|Nam Từ Liêm", 1.5, 0.83, 0.94),
    ("BTLIEM", "UBND quận Bắc Từ Liêm", Q, "Quận Bắc Từ Liêm|Bắc Từ Liêm", 1.4, 0.79, 0.92),
    ("HDONG", "UBND quận Hà Đông", Q, "Quận Hà Đông|Hà Đông", 1.8, 0.78, 0.90),
    ("STAY", "UBND thị xã Sơn Tây", Q, "Thị xã Sơn Tây|Sơn Tây", 0.6, 0.90, 0.98),
    ("DANH", "UBND huyện Đông Anh", Q, "Huyện Đông Anh|Đông Anh", 1.2, 0.82, 0.93),
    ("GLAM", "UBND huyện Gia Lâm", Q, "Huyện Gia Lâm|Gia Lâm", 1.1, 0.83, 0.94),
    ("SSON", "UBND huyện Sóc Sơn", Q, "Huyện Sóc Sơn|Sóc Sơn", 0.8, 0.85, 0.95),
    ("TTRI", "UBND huyện Thanh Trì", Q, "Huyện Thanh Trì|Thanh Trì", 0.9, 0.80, 0.92),
    ("MLINH", "UBND huyện Mê Linh", Q, "Huyện Mê Linh|Mê Linh", 0.6, 0.86, 0.96),
    ("BAVI", "UBND huyện Ba Vì", Q, "Huyện Ba Vì|Ba Vì", 0.5, 0.91, 0.99),
    ("CMY", "UBND huyện Chương Mỹ", Q, "Huyện Chương Mỹ|Chương Mỹ", 0.6, 0.88, 0.97),
    ("TTIN", "UBND huyện Thường Tín", Q, "Huyện Thường Tín|Thường Tín", 0.5, 0.87, 0.96),
];
