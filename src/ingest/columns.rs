//! The canonical fields of each input kind (docs/inputs.md, “Feedback records (PAKN)” and
//! “SIPAS survey responses”) and how file headers are matched to them.

use std::borrow::Cow;

use super::error::{HeaderList, MissingField, ProfileColumn};
use super::table::{Cell, Row};
use super::IngestError;
use crate::config::profile::SourceProfile;
use crate::text_match::fold;

/// A canonical field and the headers that name it in exports.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    /// Canonical field name (also accepted as a header); a questionnaire
    /// criterion's code for the criteria beyond TC1–TC4.
    pub name: Cow<'static, str>,
    /// Typical Vietnamese headers; the first is used in messages and templates.
    pub headers: &'static [&'static str],
    /// Whether a file without this column cannot be used.
    pub required: bool,
}

impl FieldSpec {
    /// The field's typical Vietnamese header, or its name when it has none.
    pub fn typical_header(&self) -> &str {
        self.headers.first().copied().unwrap_or(&self.name)
    }
}

/// A field of a fixed name, named by `headers` in exports.
pub(super) const fn field(
    name: &'static str,
    headers: &'static [&'static str],
    required: bool,
) -> FieldSpec {
    FieldSpec {
        name: Cow::Borrowed(name),
        headers,
        required,
    }
}

/// Fields of feedback records, in template order.
pub const FEEDBACK_FIELDS: [FieldSpec; 14] = [
    field("id", &["Mã PAKN", "Số hiệu", "Mã phản ánh"], true),
    field("received_at", &["Ngày tiếp nhận", "Ngày nhận"], true),
    field(
        "channel",
        &["Kênh tiếp nhận", "Hình thức tiếp nhận", "Kênh"],
        true,
    ),
    field(
        "agency",
        &["Cơ quan xử lý", "Đơn vị xử lý", "Đơn vị", "Cơ quan"],
        true,
    ),
    field("category", &["Phân loại"], false),
    field("field", &["Lĩnh vực"], false),
    field("forwarded_at", &["Ngày chuyển xử lý", "Ngày chuyển"], false),
    field("due_at", &["Hạn xử lý", "Hạn giải quyết"], false),
    field(
        "resolved_at",
        &["Ngày xử lý xong", "Ngày trả lời", "Ngày hoàn thành"],
        false,
    ),
    field(
        "notified_at",
        &["Ngày thông báo kết quả", "Ngày thông báo"],
        false,
    ),
    field(
        "published_at",
        &["Ngày công khai", "Ngày công khai kết quả"],
        false,
    ),
    field("status", &["Trạng thái", "Tình trạng"], false),
    field("rating", &["Đánh giá", "Đánh giá của người dân"], false),
    field(
        "re_raised",
        &["Phản ánh lại", "PAKN lặp lại", "Tái phản ánh"],
        false,
    ),
];

/// Fields of survey responses, in template order.
pub const SURVEY_FIELDS: [FieldSpec; 9] = [
    field("id", &["Mã phiếu", "Số phiếu"], true),
    field("surveyed_at", &["Ngày khảo sát", "Ngày phỏng vấn"], true),
    field(
        "agency",
        &["Cơ quan", "Đơn vị", "Cơ quan / Đơn vị", "Cơ quan, đơn vị"],
        true,
    ),
    field(
        "gave_feedback",
        &[
            "Có góp ý, phản ánh, kiến nghị",
            "Ông/Bà có góp ý, phản ánh, kiến nghị không?",
            "Có góp ý",
        ],
        false,
    ),
    field("weight", &["Trọng số"], false),
    field("TC1", &["Tiêu chí 1"], false),
    field("TC2", &["Tiêu chí 2"], false),
    field("TC3", &["Tiêu chí 3"], false),
    field("TC4", &["Tiêu chí 4"], false),
];

impl FieldSpec {
    /// A questionnaire criterion found by its code as a header (or through
    /// a profile), not required.
    pub fn criterion(code: &str) -> Self {
        Self {
            name: Cow::Owned(code.to_string()),
            headers: &[],
            required: false,
        }
    }
}

/// The columns of a table matched to the fields of one input kind.
#[derive(Debug, Clone)]
pub struct MatchedColumns {
    /// Per field (in the order of the field list), the column holding it.
    pub index: Vec<Option<usize>>,
    /// The table's headers.
    pub headers: Vec<String>,
    /// Canonical names of the fields, in order.
    pub names: Vec<Cow<'static, str>>,
    /// Pairs of fields a profile maps to the same column, with its header.
    pub shared: Vec<(String, String, String)>,
}

impl MatchedColumns {
    /// Matches `headers` against `fields`, the profile's entries first, and
    /// checks that every required field has a column. `file` names the data
    /// file in errors.
    pub fn resolve(
        headers: &[String],
        fields: &[FieldSpec],
        profile: Option<&SourceProfile>,
        file: &str,
    ) -> Result<Self, IngestError> {
        let mut matched = Self::new(headers, fields);
        let closest_headers = |wanted: &str| -> Vec<String> {
            let mut near: Vec<(usize, &str)> = headers
                .iter()
                .filter(|h| !h.is_empty())
                .map(|h| {
                    (
                        crate::text_match::edit_distance(&fold(wanted), &fold(h)),
                        h.as_str(),
                    )
                })
                .collect();
            near.sort();
            near.iter().take(3).map(|(_, h)| (*h).to_string()).collect()
        };
        // Columns a profile names for a field, with that field.
        let mut claimed: Vec<(usize, usize)> = Vec::new();
        if let Some(profile) = profile {
            for (index, spec) in fields.iter().enumerate() {
                let Some(entry) = profile.columns.get(spec.name.as_ref()) else {
                    continue;
                };
                let found = entry.value.iter().find_map(|candidate| {
                    let key = fold(candidate);
                    headers.iter().position(|h| {
                        fold(h) == key
                            || h.rsplit_once(" / ")
                                .is_some_and(|(_, last)| fold(last) == key)
                    })
                });
                match found {
                    Some(column) => {
                        matched.index[index] = Some(column);
                        claimed.push((column, index));
                    }
                    // The profile's default stands in for a column this file lacks.
                    None if profile.default_for(&spec.name).is_some() => {
                        matched.index[index] = None;
                    }
                    None => {
                        return Err(IngestError::ProfileNoHeader(Box::new(ProfileColumn {
                            profile: profile.path.clone(),
                            line: entry.line,
                            section: profile.section.clone(),
                            field: spec.name.to_string(),
                            header: spec.typical_header().to_string(),
                            wanted: entry.value.clone(),
                            file: file.to_string(),
                            closest: closest_headers(
                                entry.value.first().map(String::as_str).unwrap_or_default(),
                            ),
                        })));
                    }
                }
            }
        }
        // A column the profile names for one field is never matched to
        // another by its header's name.
        for (index, spec) in fields.iter().enumerate() {
            let named = profile.is_some_and(|p| p.columns.contains_key(spec.name.as_ref()));
            if !named && matched.index[index].is_some_and(|c| claimed.iter().any(|(k, _)| *k == c))
            {
                matched.index[index] = None;
            }
        }
        // Two fields the profile maps to one column.
        for (a, (column, first)) in claimed.iter().enumerate() {
            if let Some((_, second)) = claimed[a + 1..].iter().find(|(c, _)| c == column) {
                matched.shared.push((
                    fields[*first].name.to_string(),
                    fields[*second].name.to_string(),
                    headers.get(*column).cloned().unwrap_or_default(),
                ));
            }
        }
        let missing: Vec<&FieldSpec> = fields
            .iter()
            .zip(&matched.index)
            .filter(|(spec, found)| spec.required && found.is_none())
            .filter(|(spec, _)| profile.and_then(|p| p.default_for(&spec.name)).is_none())
            .map(|(spec, _)| spec)
            .collect();
        if let Some(first) = missing.first() {
            let typical = first.typical_header();
            if let Some(profile) = profile {
                return Err(IngestError::ProfileMissing(Box::new(ProfileColumn {
                    profile: profile.path.clone(),
                    line: 0,
                    section: profile.section.clone(),
                    field: first.name.to_string(),
                    header: typical.to_string(),
                    wanted: Vec::new(),
                    file: file.to_string(),
                    closest: closest_headers(typical),
                })));
            }
            return Err(IngestError::MissingColumns {
                path: file.to_string(),
                missing: missing
                    .iter()
                    .map(|spec| MissingField {
                        name: spec.name.to_string(),
                        header: spec.typical_header().to_string(),
                    })
                    .collect(),
                found: HeaderList::of(headers),
            });
        }
        Ok(matched)
    }

    /// Matches `headers` against `fields`.
    pub fn new(headers: &[String], fields: &[FieldSpec]) -> Self {
        Self {
            index: match_columns(headers, fields),
            headers: headers.to_vec(),
            names: fields.iter().map(|f| f.name.clone()).collect(),
            shared: Vec::new(),
        }
    }

    /// Canonical name of `field`.
    pub fn name(&self, field: usize) -> &str {
        self.names
            .get(field)
            .map(std::convert::AsRef::as_ref)
            .unwrap_or_default()
    }

    /// Whether the table has a column for `field`.
    pub fn has(&self, field: usize) -> bool {
        self.index.get(field).copied().flatten().is_some()
    }

    /// The header of the column holding `field`, as written in the file.
    pub fn header(&self, field: usize) -> &str {
        self.index
            .get(field)
            .copied()
            .flatten()
            .and_then(|c| self.headers.get(c))
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The cell of `row` holding `field` (empty when the table has no such column).
    pub fn cell<'r>(&self, row: &'r dyn Row, field: usize) -> Cell<'r> {
        match self.index.get(field).copied().flatten() {
            Some(column) => row.cell(column),
            None => Cell::Empty,
        }
    }
}

/// Folded headers that identify a header row: field names, typical headers
/// and the profile's candidates.
pub fn header_keys(fields: &[FieldSpec], profile: Option<&SourceProfile>) -> Vec<String> {
    let mut keys: Vec<String> = fields
        .iter()
        .flat_map(|f| std::iter::once(f.name.as_ref()).chain(f.headers.iter().copied()))
        .map(fold)
        .collect();
    if let Some(profile) = profile {
        keys.extend(
            profile
                .columns
                .values()
                .flat_map(|c| c.value.iter().map(|h| fold(h))),
        );
    }
    keys.sort();
    keys.dedup();
    keys
}

/// For each field of `fields`, the index of the first column whose header
/// names it (by canonical name or a typical header, folded).
pub fn match_columns(headers: &[String], fields: &[FieldSpec]) -> Vec<Option<usize>> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    fields
        .iter()
        .map(|spec| {
            let keys: Vec<String> = std::iter::once(spec.name.as_ref())
                .chain(spec.headers.iter().copied())
                .map(fold)
                .collect();
            folded.iter().position(|h| keys.contains(h)).or_else(|| {
                // A joined multi-row header ("Thông tin / Mã PAKN") names a field by its last part.
                headers.iter().position(|h| {
                    h.rsplit_once(" / ")
                        .is_some_and(|(_, last)| keys.contains(&fold(last)))
                })
            })
        })
        .collect()
}

/// The headers of a file for messages: the first 30, then how many more.
pub fn header_list(headers: &[String]) -> String {
    HeaderList::of(headers).to_string()
}
