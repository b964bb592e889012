//! The columns of the canonical records as Parquet datasets (`sipas export
//! --format parquet`), which `--feedback` and `--survey` read back: stable
//! snake_case names, one flat column per field, dates as Parquet `DATE`
//! (days since 1970-01-01), vocabularies as their canonical codes, and the
//! agency's code, name and level on every row. README § "Parquet datasets"
//! is the schema's documentation; a change of a name or type here is a change
//! of that published schema.

/// Hive partition keys of a dataset's folders: `year=2025/quarter=1/`, the
/// calendar year and quarter of receipt (feedback) or interview (survey).
pub const PARTITION_KEYS: [&str; 2] = ["year", "quarter"];

/// File name of the one part file of a partition folder.
pub const PART_FILE: &str = "part-0.parquet";

/// Columns common to both datasets.
pub mod common {
    /// Record id ("Mã PAKN", "Mã phiếu"): string, never null.
    pub const ID: &str = "id";
    /// Agency code ("mã cơ quan"): string, never null.
    pub const AGENCY_CODE: &str = "agency_code";
    /// Agency name ("tên cơ quan"): string, never null.
    pub const AGENCY_NAME: &str = "agency_name";
    /// Agency level code (`so_nganh`, `quan_huyen`, `xa_phuong`): string.
    pub const AGENCY_LEVEL: &str = "agency_level";
    /// Name of the export file the record was read from: string.
    pub const SOURCE_FILE: &str = "source_file";
    /// Row of that file (as Excel shows it): int32.
    pub const SOURCE_ROW: &str = "source_row";
    /// Position of the record among the export's accepted records, from 0:
    /// int64. Reading a dataset back restores this order.
    pub const RECORD_INDEX: &str = "record_index";
}

/// Columns of `feedback/` (PAKN), besides [`common`].
pub mod feedback {
    /// Day received ("Ngày tiếp nhận"): date, never null.
    pub const RECEIVED_AT: &str = "received_at";
    /// Channel code ("Kênh tiếp nhận"): string, never null.
    pub const CHANNEL: &str = "channel";
    /// Category code ("Phân loại"): string.
    pub const CATEGORY: &str = "category";
    /// Subject field ("Lĩnh vực"): string.
    pub const FIELD: &str = "field";
    /// Day forwarded ("Ngày chuyển xử lý"): date.
    pub const FORWARDED_AT: &str = "forwarded_at";
    /// Deadline given in the record ("Hạn xử lý"): date.
    pub const DUE_AT: &str = "due_at";
    /// Day handled ("Ngày xử lý xong"): date; null = pending.
    pub const RESOLVED_AT: &str = "resolved_at";
    /// Day the result was sent ("Ngày thông báo kết quả"): date.
    pub const NOTIFIED_AT: &str = "notified_at";
    /// Day the result was published ("Ngày công khai"): date.
    pub const PUBLISHED_AT: &str = "published_at";
    /// Status code ("Trạng thái"): string.
    pub const STATUS: &str = "status";
    /// The submitter was satisfied ("Đánh giá"): boolean.
    pub const RATING_SATISFIED: &str = "rating_satisfied";
    /// The PAKN repeats one raised before ("Phản ánh lại"): boolean.
    pub const RE_RAISED: &str = "re_raised";
}

/// Columns of `survey/` (SIPAS responses), besides [`common`].
pub mod survey {
    /// Day of the interview ("Ngày khảo sát"): date, never null.
    pub const SURVEYED_AT: &str = "surveyed_at";
    /// The respondent gave feedback to the agency ("Có góp ý"): boolean.
    pub const GAVE_FEEDBACK: &str = "gave_feedback";
    /// Survey weight ("Trọng số"): double, never null.
    pub const WEIGHT: &str = "weight";
}

/// The column of a criterion's answers (1–5, null = no answer; int32):
/// `TC1` → `tc1`, a questionnaire code `TTHC-2` → `tthc_2`.
pub fn criterion_column(code: &str) -> String {
    let mut name = String::with_capacity(code.len());
    for c in code.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    name.trim_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::criterion_column;

    #[test]
    fn criterion_columns_are_snake_case() {
        assert_eq!(criterion_column("TC1"), "tc1");
        assert_eq!(criterion_column("TTHC-2"), "tthc_2");
        assert_eq!(criterion_column(" A  b."), "a_b");
    }
}
