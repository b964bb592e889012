//! What the readers of input files say: [`IngestError`] in Vietnamese.

use super::{joined_vi, quoted_vi, FileNames, Message};
use crate::ingest::error::{HeaderList, RegistryProblem};
use crate::ingest::IngestError;

/// Where a message sends the analyst to map a file's columns.
const MAP_ADVICE: &str = "hãy ánh xạ các cột của tệp ở trang Ánh xạ cột";

impl Message for IngestError {
    fn vietnamese(&self, names: &dyn FileNames) -> String {
        let name = |path: &str| format!("“{}”", names.name(path));
        match self {
            Self::Read { path, source } => format!(
                "Không đọc được tệp {}: {}.",
                name(path),
                io_reason_vi(source.kind())
            ),
            Self::Cancelled => "Lượt chạy đã được dừng theo yêu cầu.".to_string(),
            Self::FindingSpill(_) => "Không lưu tạm được danh sách lỗi dữ liệu vào ổ đĩa: hãy giải phóng dung lượng ổ đĩa rồi chạy lại.".to_string(),
            Self::UnsupportedFormat { path } => format!(
                "Tệp {} không phải tệp .csv, .xlsx, .xls, .ods hay .parquet: hãy lưu tệp ở một trong các định dạng này.",
                name(path)
            ),
            Self::Encoding { path, .. } => format!(
                "Không nhận ra bảng mã chữ của tệp {}: hãy lưu lại tệp dạng “CSV UTF-8”, hoặc chọn bảng mã khi ánh xạ tệp.",
                name(path)
            ),
            Self::TooLarge { path, bytes } => format!(
                "Tệp {} nặng {} MB, quá 8 GB mà sipas đọc được: hãy tách tệp theo kỳ.",
                name(path),
                bytes >> 20
            ),
            Self::Binary { path } => format!(
                "Tệp {} chứa dữ liệu nhị phân, không phải văn bản: hãy kiểm tra đây có đúng là tệp CSV không.",
                name(path)
            ),
            Self::ProfileNoHeader(column) => format!(
                "Hồ sơ ánh xạ {} lấy cột {} cho “{header}”, nhưng tệp {} không có cột này (các cột gần nhất: {}): hãy mở lại hồ sơ ở trang Ánh xạ cột và chọn cột khác.",
                name(&column.profile),
                joined_vi(&quoted_vi(&column.wanted)),
                name(&column.file),
                joined_vi(&quoted_vi(&column.closest)),
                header = column.header,
            ),
            Self::UnknownCriterion { profile, line, name: criterion } => format!(
                "Hồ sơ ánh xạ {} (dòng {line}) gán một cột cho tiêu chí “{criterion}”, nhưng bảng hỏi không có tiêu chí này: hãy khai báo tiêu chí trong cấu hình bảng hỏi, hoặc bỏ cột đó khỏi hồ sơ.",
                name(profile)
            ),
            Self::ProfileMissing(column) => format!(
                "Hồ sơ ánh xạ {} chưa chọn cột cho “{header}”, và tệp {} không có cột “{header}” (các cột gần nhất: {}): hãy mở lại hồ sơ ở trang Ánh xạ cột và chọn cột cho “{header}”.",
                name(&column.profile),
                name(&column.file),
                joined_vi(&quoted_vi(&column.closest)),
                header = column.header,
            ),
            Self::Csv { path, .. } => format!(
                "Tệp {} không đọc được như một tệp CSV: hãy mở tệp bằng Excel và lưu lại dạng “CSV UTF-8”.",
                name(path)
            ),
            Self::Workbook { path, .. } => format!(
                "Tệp {} không phải bảng tính đọc được, dù phần mở rộng của tên tệp là gì: hãy mở tệp bằng Excel và lưu lại dạng .xlsx.",
                name(path)
            ),
            Self::Empty { path } => format!(
                "Tệp {} trống: tệp cần một dòng tiêu đề và các dòng dữ liệu.",
                name(path)
            ),
            Self::MissingColumns { path, missing, found } => {
                let headers: Vec<String> = missing.iter().map(|m| m.header.clone()).collect();
                format!(
                    "Tệp {} không có cột {}; các cột của tệp là: {}. Nếu tệp dùng tên cột khác, {MAP_ADVICE}.",
                    name(path),
                    joined_vi(&quoted_vi(&headers)),
                    headers_vi(found),
                )
            }
            Self::NoCriterionColumn { path, codes, found } => format!(
                "Tệp khảo sát {} không có cột nào cho các tiêu chí {}; các cột của tệp là: {}. Nếu tệp dùng tên cột khác, {MAP_ADVICE}.",
                name(path),
                joined_vi(codes),
                headers_vi(found),
            ),
            Self::Registry { path, problem } => format!(
                "Danh mục cơ quan {} không dùng được: {}.",
                name(path),
                registry_problem_vi(problem)
            ),
            Self::Dataset { path, .. } => format!(
                "Tệp {} không phải bộ dữ liệu Parquet do sipas xuất ra: hãy chọn thư mục Parquet mà lệnh xuất của sipas đã ghi.",
                name(path)
            ),
            Self::NotUtf8AfterStart { path } => format!(
                "Tệp {} không còn là văn bản UTF-8 sau đoạn đầu: hãy lưu lại tệp dạng “CSV UTF-8”.",
                name(path)
            ),
            Self::EmptyFolder { path } => format!(
                "Thư mục {} không có tệp .csv, .xlsx, .xls, .ods hay .parquet nào.",
                name(path)
            ),
        }
    }

    fn paths(&self) -> Vec<&str> {
        match self {
            Self::Cancelled | Self::FindingSpill(_) => Vec::new(),
            Self::ProfileNoHeader(column) | Self::ProfileMissing(column) => {
                vec![&column.profile, &column.file]
            }
            Self::UnknownCriterion { profile, .. } => vec![profile],
            Self::Read { path, .. }
            | Self::UnsupportedFormat { path }
            | Self::Encoding { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Binary { path }
            | Self::Csv { path, .. }
            | Self::Workbook { path, .. }
            | Self::Empty { path }
            | Self::MissingColumns { path, .. }
            | Self::NoCriterionColumn { path, .. }
            | Self::Registry { path, .. }
            | Self::Dataset { path, .. }
            | Self::NotUtf8AfterStart { path }
            | Self::EmptyFolder { path } => vec![path],
        }
    }
}

/// What makes a registry unusable, in Vietnamese, with its rows.
fn registry_problem_vi(problem: &RegistryProblem) -> String {
    match problem {
        RegistryProblem::NoCodeOrName { row } => {
            format!("dòng {row} thiếu mã hoặc tên cơ quan; mỗi dòng cần cả hai")
        }
        RegistryProblem::NotADate { row, column, value } => format!(
            "dòng {row}, cột “{column}”: “{value}” không phải một ngày; hãy viết ngày/tháng/năm, hoặc để trống"
        ),
        RegistryProblem::UnknownLevel { row, value } => format!(
            "dòng {row}: cấp “{value}” không phải “Sở, ngành”, “Quận, huyện” hay “Xã, phường”"
        ),
        RegistryProblem::NoAgency => "danh mục không có cơ quan nào".to_string(),
        RegistryProblem::SharedKey { first, second, key } => format!(
            "dòng {first} và dòng {second} cùng dùng “{key}” làm mã, tên hoặc tên khác; mỗi cơ quan cần mã và tên riêng"
        ),
        RegistryProblem::UnknownSuccessor { row, code, successor } => format!(
            "dòng {row}: cơ quan kế thừa “{successor}” của {code} không phải mã nào trong danh mục; hãy ghi mã của cơ quan nhận lại công việc"
        ),
        RegistryProblem::SuccessionCycle { rows, codes } => {
            let rows: Vec<String> = rows.iter().map(ToString::to_string).collect();
            format!(
                "các dòng {} ghi nhau là cơ quan kế thừa thành một vòng ({}); chuỗi kế thừa phải kết thúc ở một cơ quan còn hoạt động",
                rows.join(", "),
                codes.join(" → ")
            )
        }
        RegistryProblem::SuccessionGap { row, code, until, successor_row, successor, from } => format!(
            "dòng {row}: {code} kết thúc ngày {until} nhưng cơ quan kế thừa {successor} (dòng {successor_row}) bắt đầu ngày {from}, để lại những ngày không có cơ quan nào; cơ quan kế thừa phải bắt đầu chậm nhất vào ngày hôm sau"
        ),
        RegistryProblem::SuccessionDates { row, code } => format!(
            "dòng {row}: {code} có cơ quan kế thừa nhưng không có ngày hết hiệu lực, hoặc hết hiệu lực trước khi bắt đầu; hãy ghi ngày cuối cùng cơ quan còn hoạt động"
        ),
    }
}

/// A file's headers as a Vietnamese sentence lists them.
fn headers_vi(found: &HeaderList) -> String {
    let mut text = found.shown.join(" | ");
    if found.more > 0 {
        text.push_str(&format!(" | … và {} cột khác", found.more));
    }
    text
}

/// Why a file could not be read, in Vietnamese.
pub(super) fn io_reason_vi(kind: std::io::ErrorKind) -> &'static str {
    use std::io::ErrorKind;
    match kind {
        ErrorKind::NotFound => "không tìm thấy tệp",
        ErrorKind::PermissionDenied => "không có quyền đọc tệp",
        ErrorKind::IsADirectory => "đây là một thư mục, không phải tệp",
        _ => "lỗi khi đọc tệp từ ổ đĩa",
    }
}
