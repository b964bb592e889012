//! What a run says when its request, its settings or its outputs fail:
//! the request, the period, the configuration, the profile, the pipeline
//! and the writers, in Vietnamese.

use super::ingest::io_reason_vi;
use super::{FileNames, Message};
use crate::calendar::{PeriodError, ScheduleError};
use crate::config::profile::ProfileError;
use crate::config::ConfigError;
use crate::export::ExportError;
use crate::files::CappedReadError;
use crate::pipeline::Error;
use crate::report::ReportError;
use crate::request::RequestError;

/// The ways a period may be written, as the sentences about periods say.
pub const PERIOD_FORMS_VI: &str =
    "Q2/2025, Quý II/2025, 6 tháng đầu năm 2025, năm 2025 (hoặc 2025-Q2, 2025-H1, 2025)";

impl Message for PeriodError {
    fn vietnamese(&self, _: &dyn FileNames) -> String {
        format!(
            "“{}” không phải một kỳ báo cáo: hãy viết, ví dụ, {PERIOD_FORMS_VI}.",
            self.0
        )
    }

    fn paths(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl Message for RequestError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        match self {
            Self::NoSampleData(_) => "Chưa có tệp đầu vào nào và cũng không có dữ liệu mẫu: hãy chọn tệp phản ánh, kiến nghị, tệp khảo sát và danh mục cơ quan, hoặc tạo dữ liệu mẫu trước (lệnh sipas sample).".to_string(),
            Self::NoDataFile => "Hãy chọn ít nhất một tệp phản ánh, kiến nghị hoặc một tệp khảo sát.".to_string(),
            Self::TwoProfiles(_) => "Các tệp cùng loại được chọn cho một lượt chạy phải dùng cùng một hồ sơ ánh xạ: hãy chọn các tệp cùng định dạng, hoặc chạy từng định dạng riêng.".to_string(),
            Self::NoRegistry => "Dữ liệu ghi tên các cơ quan trong danh mục, nhưng chưa có danh mục cơ quan: hãy thêm danh mục cơ quan (mã, tên, cấp), hoặc ánh xạ tệp để lấy tên cơ quan như trong tệp.".to_string(),
            Self::Period(e) => e.vietnamese(names),
            Self::Date(text) => format!(
                "“{text}” không phải một ngày: hãy viết ngày/tháng/năm, ví dụ 30/06/2025."
            ),
            Self::Lang(text) => format!(
                "“{text}” không phải ngôn ngữ của báo cáo: hãy chọn vi (tiếng Việt) hoặc en (tiếng Anh)."
            ),
            Self::Config(e) => e.vietnamese(names),
            Self::Profile(e) => e.vietnamese(names),
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Config(e) => e.paths(),
            Self::Profile(e) => e.paths(),
            Self::NoSampleData(_)
            | Self::NoDataFile
            | Self::TwoProfiles(_)
            | Self::NoRegistry
            | Self::Period(_)
            | Self::Date(_)
            | Self::Lang(_) => Vec::new(),
        }
    }
}

impl Message for ConfigError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        match self {
            Self::Read { path, source } => format!(
                "Không đọc được tệp cấu hình “{}”: {}.",
                names.name(path),
                capped_reason_vi(source)
            ),
            Self::Toml { path, .. } | Self::Invalid { path, .. } => format!(
                "Tệp cấu hình “{}” có giá trị không dùng được: hãy tải lên lại tệp cấu hình đúng mẫu, hoặc xoá nó để dùng cấu hình mặc định.",
                names.name(path)
            ),
            Self::NamedFile { path, named, .. } => format!(
                "Tệp cấu hình “{}” dùng tệp “{named}”, nhưng sipas không có tệp đó: hãy đặt tệp “{named}” cạnh tệp cấu hình (ở trang làm việc: tải tệp lên ở trang Dữ liệu).",
                names.name(path)
            ),
            Self::Schedule(ScheduleError::Toml { origin, .. } | ScheduleError::Invalid { origin, .. }) => format!(
                "Lịch nghỉ, làm bù “{}” có năm, khoá hoặc ngày không dùng được: hãy sửa tệp lịch theo mẫu.",
                names.name(origin)
            ),
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Read { path, .. }
            | Self::Toml { path, .. }
            | Self::Invalid { path, .. }
            | Self::NamedFile { path, .. } => vec![path],
            Self::Schedule(
                ScheduleError::Toml { origin, .. } | ScheduleError::Invalid { origin, .. },
            ) => {
                vec![origin]
            }
        }
    }
}

impl Message for ProfileError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        let line = self
            .line
            .map(|line| format!(" (dòng {line})"))
            .unwrap_or_default();
        format!(
            "Hồ sơ ánh xạ “{}”{line} không dùng được: hãy mở lại hồ sơ ở trang Ánh xạ cột, sửa và lưu lại.",
            names.name(&self.path)
        )
    }

    fn paths(&self) -> Vec<&str> {
        vec![&self.path]
    }
}

impl Message for Error {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        match self {
            Self::Config(e) => e.vietnamese(names),
            Self::Ingest(e) => e.vietnamese(names),
            Self::Profile(e) => e.vietnamese(names),
            Self::Period(e) => e.vietnamese(names),
            Self::NoData(_) => "Các tệp đầu vào không có bản ghi nào dùng được, nên không có kỳ nào để báo cáo: hãy xem danh sách lỗi dữ liệu ở trang Kiểm tra.".to_string(),
            Self::Metrics(_) => "Việc tính các chỉ số gặp lỗi nội bộ; dữ liệu đầu vào không bị thay đổi: hãy chạy lại, và báo cho bộ phận kỹ thuật nếu lỗi lặp lại.".to_string(),
            Self::Report(e) => e.vietnamese(names),
            Self::Export(e) => e.vietnamese(names),
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Config(e) => e.paths(),
            Self::Ingest(e) => e.paths(),
            Self::Profile(e) => e.paths(),
            Self::Report(e) => e.paths(),
            Self::Export(e) => e.paths(),
            Self::Period(_) | Self::NoData(_) | Self::Metrics(_) => Vec::new(),
        }
    }
}

impl Message for ReportError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        match self {
            Self::Write { path, source } => not_written(names, path, source),
            Self::Chart { path, .. } => format!("Không vẽ được biểu đồ “{}”.", names.name(path)),
            Self::Document { path, .. } => {
                format!("Không ghi được tài liệu báo cáo “{}”.", names.name(path))
            }
            Self::Workbook { path, .. } => {
                format!("Không ghi được bảng tính “{}”.", names.name(path))
            }
            Self::FolderUnnamed { path } => format!(
                "“{}” không thể là thư mục báo cáo: hãy đặt một thư mục riêng, ví dụ reports/2025-Q2.",
                names.name(path)
            ),
            Self::FileOpen { path } => format!(
                "Tệp “{}” đang mở trong chương trình khác (Excel, Word…): hãy đóng tệp rồi chạy lại; báo cáo trước vẫn giữ nguyên.",
                names.name(path)
            ),
            Self::FolderInUse { path, example } => format!(
                "Thư mục “{}” đã có “{example}”, không do sipas ghi: hãy chọn một thư mục trống hoặc mới để không tệp nào của bạn bị ghi đè.",
                names.name(path)
            ),
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Write { path, .. }
            | Self::Chart { path, .. }
            | Self::Document { path, .. }
            | Self::Workbook { path, .. }
            | Self::FolderUnnamed { path }
            | Self::FileOpen { path }
            | Self::FolderInUse { path, .. } => vec![path],
        }
    }
}

impl Message for ExportError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        match self {
            Self::Write { path, source } => not_written(names, path, source),
            Self::Foreign { path } => format!(
                "Thư mục “{}” đã có những tệp không phải do sipas xuất ra: hãy chọn một thư mục trống hoặc mới.",
                names.name(path)
            ),
            Self::Parquet { path, .. } => {
                format!("Không ghi được bộ dữ liệu Parquet “{}”.", names.name(path))
            }
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Write { path, .. } | Self::Foreign { path } | Self::Parquet { path, .. } => {
                vec![path]
            }
        }
    }
}

/// Why a small file (a configuration, a schedule) could not be read.
fn capped_reason_vi(error: &CappedReadError) -> String {
    match error {
        CappedReadError::Io(e) => io_reason_vi(e.kind()).to_string(),
        CappedReadError::TooLarge(cap) => {
            format!("tệp lớn hơn {} kB mà loại tệp này được phép", cap >> 10)
        }
        CappedReadError::NotText => "tệp không phải văn bản UTF-8".to_string(),
    }
}

/// A file or folder that could not be written, in Vietnamese.
fn not_written(names: &dyn FileNames, path: &str, source: &std::io::Error) -> String {
    format!(
        "Không ghi được “{}”: {}.",
        names.name(path),
        write_reason_vi(source.kind())
    )
}

/// Why a file could not be written, in Vietnamese.
fn write_reason_vi(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::PermissionDenied => "không có quyền ghi vào thư mục này",
        ErrorKind::StorageFull => "ổ đĩa đã đầy",
        _ => "lỗi khi ghi tệp ra ổ đĩa",
    }
}
