//! Mapping profiles: TOML files that say how a foreign export maps onto the
//! canonical records — which sheet and header row, which source header holds
//! each field, which source values mean which vocabulary codes, extra date
//! formats and no-answer codes. Every entry remembers its line so that a
//! mistake can be reported where the user must fix it.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::format::{Item, StrftimeItems};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::model::vocab::{parse_rating, parse_yes_no};
use crate::model::{Category, Channel, Status};
use crate::text_match::closest;

/// A profile that cannot be used; the message names the file and line.
#[derive(Debug, Error)]
#[error("{path}{line}: {message}", line = line.map(|l| format!(" line {l}")).unwrap_or_default())]
pub struct ProfileError {
    /// Profile file.
    pub path: String,
    /// 1-based line of the entry at fault, when known.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// How agencies are named in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgencyMode {
    /// Agencies must be in the registry (`agencies = "registry"`, the default).
    #[default]
    Registry,
    /// Every distinct name found becomes an agency (`agencies = "as-is"`).
    AsIs,
}

/// Which sheet of a workbook to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetChoice {
    /// By name (matched like headers).
    Name(String),
    /// By 1-based position.
    Index(usize),
}

/// A profile entry with the line it was written on.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the profile.
    pub line: usize,
}

/// How to read one kind of input (`[feedback]` or `[survey]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceProfile {
    /// Profile file, for messages.
    pub path: String,
    /// The table name (`feedback` or `survey`), for messages.
    pub section: String,
    /// Sheet to read.
    pub sheet: Option<SheetChoice>,
    /// 1-based row of the (first) header row.
    pub header_row: Option<usize>,
    /// Number of header rows (merged multi-row headers are joined with " / ").
    pub header_rows: Option<usize>,
    /// chrono formats tried before the built-in date forms.
    pub date_formats: Vec<String>,
    /// Registry or as-is agencies.
    pub agencies: AgencyMode,
    /// Level given to agencies taken as-is.
    pub agency_level: crate::model::AgencyLevel,
    /// Text encoding of CSV files (an encoding label such as `windows-1258`).
    pub encoding: Option<String>,
    /// CSV delimiter.
    pub delimiter: Option<u8>,
    /// Canonical field → candidate source headers (first found wins).
    pub columns: BTreeMap<String, Located<Vec<String>>>,
    /// Canonical field → source value → canonical value.
    pub values: BTreeMap<String, BTreeMap<String, Located<String>>>,
    /// Extra no-answer codes for survey answers.
    pub missing: Vec<String>,
    /// Canonical field → value used when the file has no such column or the
    /// cell is blank (e.g. `channel = "hotline"` for a hotline log).
    pub defaults: BTreeMap<String, Located<String>>,
    /// The files are successive exports of the same systems, oldest first
    /// (`[feedback] snapshots = true`, as `--snapshots`).
    pub snapshots: bool,
}

/// A mapping profile with its two optional sections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    /// How to read feedback files.
    pub feedback: Option<SourceProfile>,
    /// How to read survey files.
    pub survey: Option<SourceProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    feedback: Option<RawSource>,
    survey: Option<RawSource>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SheetValue {
    Name(String),
    Index(i64),
}

/// Source value → canonical value, as written.
type RawValues = BTreeMap<String, Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    sheet: Option<Spanned<SheetValue>>,
    header_row: Option<Spanned<i64>>,
    header_rows: Option<Spanned<i64>>,
    date_formats: Option<Vec<Spanned<String>>>,
    agencies: Option<Spanned<String>>,
    agency_level: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    missing: Option<Vec<Spanned<String>>>,
    columns: Option<BTreeMap<Spanned<String>, Spanned<OneOrMany>>>,
    values: Option<BTreeMap<Spanned<String>, RawValues>>,
    defaults: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    snapshots: Option<Spanned<bool>>,
}

/// Fields of feedback records that a profile may map.
pub const FEEDBACK_FIELD_NAMES: [&str; 14] = [
    "id",
    "received_at",
    "channel",
    "agency",
    "category",
    "field",
    "forwarded_at",
    "due_at",
    "resolved_at",
    "notified_at",
    "published_at",
    "status",
    "rating",
    "re_raised",
];
/// Fields of survey responses that a profile may map.
pub const SURVEY_FIELD_NAMES: [&str; 9] = [
    "id",
    "surveyed_at",
    "agency",
    "gave_feedback",
    "weight",
    "TC1",
    "TC2",
    "TC3",
    "TC4",
];

/// Whether `name` reads as the code of a questionnaire criterion: a capital
/// letter first, then capitals, digits, `_` or `.`, with a digit somewhere
/// (`TTHC1`, `CC2`, `KQ1`). Lower-case names are taken for field names, so
/// that a typo such as `agnecy` is still reported.
pub fn is_criterion_code(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && name.chars().any(|c| c.is_ascii_digit())
}

/// Canonical codes accepted on the right of a `[*.values.FIELD]` entry.
pub fn vocabulary(field: &str) -> Option<Vec<&'static str>> {
    match field {
        "channel" => Some(Channel::ALL.iter().map(|c| c.code()).collect()),
        "status" => Some(vec!["dang_xu_ly", "da_xu_ly", "tu_choi", "chuyen"]),
        "category" => Some(vec![
            "quy_dinh_hanh_chinh",
            "hanh_vi_hanh_chinh",
            "thu_tuc_hanh_chinh",
            "khac",
        ]),
        "rating" => Some(vec!["hai_long", "khong_hai_long"]),
        "gave_feedback" | "re_raised" => Some(vec!["co", "khong"]),
        "TC1" | "TC2" | "TC3" | "TC4" | "answers" => Some(vec!["1", "2", "3", "4", "5", "missing"]),
        _ => None,
    }
}

/// Whether `value` is a canonical value of `field` (codes or labels the tool reads).
pub fn in_vocabulary(field: &str, value: &str) -> bool {
    match field {
        "channel" => Channel::parse(value).is_some(),
        "status" => Status::parse(value).is_some(),
        "category" => Category::parse(value).is_some(),
        "rating" => parse_rating(value).is_some(),
        "gave_feedback" | "re_raised" => parse_yes_no(value).is_some(),
        _ => vocabulary(field).is_some_and(|v| v.contains(&value)),
    }
}

impl Profile {
    /// Reads and checks a profile file.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let text = crate::files::read_text_capped(path, crate::files::MAX_SETTINGS_BYTES).map_err(
            |e| ProfileError {
                path: path.display().to_string(),
                line: None,
                message: format!("cannot be read: {e}"),
            },
        )?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses profile TOML; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ProfileError> {
        let line_of = |offset: usize| {
            text.get(..offset)
                .map(|t| t.matches('\n').count() + 1)
                .unwrap_or(1)
        };
        let raw: RawProfile = toml::from_str(text).map_err(|e| ProfileError {
            path: origin.to_string(),
            line: e.span().map(|s| line_of(s.start)),
            message: e.message().trim().to_string(),
        })?;
        let source = |raw: RawSource, section: &str, fields: &[&str]| {
            SourceProfile::from_raw(raw, section, fields, origin, &line_of)
        };
        Ok(Self {
            feedback: raw
                .feedback
                .map(|r| source(r, "feedback", &FEEDBACK_FIELD_NAMES))
                .transpose()?,
            survey: raw
                .survey
                .map(|r| source(r, "survey", &SURVEY_FIELD_NAMES))
                .transpose()?,
        })
    }
}

/// What reading one part of a section gives.
type SectionRead = Result<(), ProfileError>;

/// Reads one section of a profile file, naming its lines in errors.
struct SectionReader<'a> {
    /// `feedback` or `survey`.
    section: &'a str,
    /// The canonical fields of the section's kind.
    fields: &'a [&'a str],
    /// The file, as errors name it.
    origin: &'a str,
    /// The line of a byte offset.
    line_of: &'a dyn Fn(usize) -> usize,
}

impl SectionReader<'_> {
    /// An error at `line`.
    fn error(&self, line: usize, message: String) -> ProfileError {
        ProfileError {
            path: self.origin.to_string(),
            line: Some(line),
            message,
        }
    }

    /// The line of a value.
    fn line(&self, span: std::ops::Range<usize>) -> usize {
        (self.line_of)(span.start)
    }

    /// A whole number from 1 to `max` for `key`, if given.
    fn positive(
        &self,
        value: Option<Spanned<i64>>,
        key: &str,
        max: i64,
    ) -> Result<Option<usize>, ProfileError> {
        let Some(v) = value else {
            return Ok(None);
        };
        let n = *v.get_ref();
        if (1..=max).contains(&n) {
            Ok(Some(n as usize))
        } else {
            let section = self.section;
            Err(self.error(
                (self.line_of)(v.span().start),
                format!("[{section}] {key} = {n}: use a number from 1 to {max}"),
            ))
        }
    }

    /// Where the table is: the sheet, the header rows and the date formats.
    fn layout(&self, raw: &mut RawSource, profile: &mut SourceProfile) -> Result<(), ProfileError> {
        let section = self.section;
        if let Some(sheet) = raw.sheet.take() {
            let at = self.line(sheet.span());
            profile.sheet = Some(match sheet.into_inner() {
                SheetValue::Name(name) => SheetChoice::Name(name),
                SheetValue::Index(i) if i >= 1 => SheetChoice::Index(i as usize),
                SheetValue::Index(i) => {
                    return Err(self.error(
                        at,
                        format!("[{section}] sheet = {i}: sheet numbers start at 1"),
                    ));
                }
            });
        }
        profile.header_row = self.positive(raw.header_row.take(), "header_row", 1_048_576)?;
        profile.header_rows = self.positive(raw.header_rows.take(), "header_rows", 5)?;
        for format in raw.date_formats.take().unwrap_or_default() {
            let at = self.line(format.span());
            let text = format.into_inner();
            if StrftimeItems::new(&text).any(|item| matches!(item, Item::Error)) {
                return Err(self.error(at, format!("[{section}] date_formats: '{text}' is not a valid chrono date format (see %d, %m, %Y, %H, %M, %S, %I, %p)")));
            }
            profile.date_formats.push(text);
        }
        Ok(())
    }

    /// How the file is read: agencies, encoding, delimiter, successive exports and no-answer codes.
    fn reading(&self, raw: &mut RawSource, profile: &mut SourceProfile) -> SectionRead {
        let section = self.section;
        if let Some(mode) = raw.agencies.take() {
            let at = self.line(mode.span());
            profile.agencies = match mode.get_ref().as_str() {
                "registry" => AgencyMode::Registry,
                "as-is" => AgencyMode::AsIs,
                other => {
                    return Err(self.error(
                        at,
                        format!(
                            "[{section}] agencies = \"{other}\": use \"registry\" or \"as-is\""
                        ),
                    ));
                }
            };
        }
        if let Some(level) = raw.agency_level.take() {
            let at = self.line(level.span());
            profile.agency_level = crate::model::AgencyLevel::parse(level.get_ref()).ok_or_else(|| {
                self.error(at, format!("[{section}] agency_level = \"{}\": use so_nganh, quan_huyen or xa_phuong", level.get_ref()))
            })?;
        }
        if let Some(encoding) = raw.encoding.take() {
            let at = self.line(encoding.span());
            if encoding_rs::Encoding::for_label(encoding.get_ref().as_bytes()).is_none() {
                return Err(self.error(at, format!("[{section}] encoding = \"{}\" is not a known encoding; use utf-8, utf-16, windows-1258 or windows-1252", encoding.get_ref())));
            }
            profile.encoding = Some(encoding.into_inner());
        }
        if let Some(delimiter) = raw.delimiter.take() {
            let at = self.line(delimiter.span());
            let text = delimiter.get_ref();
            let byte = match text.as_str() {
                "\\t" | "tab" => b'\t',
                t if t.len() == 1 && t.is_ascii() => t.as_bytes()[0],
                _ => return Err(self.error(at, format!("[{section}] delimiter = \"{text}\": use one character such as \",\", \";\" or \"\\t\""))),
            };
            profile.delimiter = Some(byte);
        }
        if let Some(snapshots) = raw.snapshots.take() {
            if section != "feedback" {
                return Err(self.error(
                    self.line(snapshots.span()),
                    format!("[{section}] snapshots: successive exports are read for [feedback] files only"),
                ));
            }
            profile.snapshots = snapshots.into_inner();
        }
        profile.missing = raw
            .missing
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        Ok(())
    }

    /// The headers each canonical field is read from.
    fn columns(&self, raw: &mut RawSource, profile: &mut SourceProfile) -> SectionRead {
        let (section, fields) = (self.section, self.fields);
        for (field, headers) in raw.columns.take().unwrap_or_default() {
            let at = self.line(field.span());
            let name = field.get_ref().clone();
            let known = fields
                .iter()
                .find(|f| crate::text_match::fold(f) == crate::text_match::fold(&name))
                .map(std::string::ToString::to_string);
            // A survey column may also be a questionnaire criterion's code;
            // the survey reader checks it against the questionnaire.
            let criterion = (section == "survey" && is_criterion_code(&name)).then(|| name.clone());
            let Some(canonical) = known.or(criterion) else {
                let hint = closest(&name, fields.iter().copied())
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_else(|| format!("; the fields are {}", fields.join(", ")));
                return Err(self.error(
                    at,
                    format!("[{section}.columns] '{name}' is not a {section} field{hint}"),
                ));
            };
            let candidates = match headers.into_inner() {
                OneOrMany::One(h) => vec![h],
                OneOrMany::Many(list) => list,
            };
            if candidates.is_empty() {
                return Err(self.error(
                    at,
                    format!("[{section}.columns] {canonical} lists no header"),
                ));
            }
            profile.columns.insert(
                canonical.clone(),
                Located {
                    value: candidates,
                    line: at,
                },
            );
        }
        Ok(())
    }

    /// The values mapped to each vocabulary's codes.
    fn values(&self, raw: &mut RawSource, profile: &mut SourceProfile) -> Result<(), ProfileError> {
        let section = self.section;
        for (field, mapping) in raw.values.take().unwrap_or_default() {
            let at = self.line(field.span());
            let name = field.into_inner();
            let vocabulary_of =
                if section == "survey" && vocabulary(&name).is_none() && is_criterion_code(&name) {
                    "answers"
                } else {
                    name.as_str()
                };
            let Some(codes) = vocabulary(vocabulary_of) else {
                return Err(self.error(at, format!("[{section}.values.{name}] has no vocabulary; values can be mapped for channel, status, category, rating, gave_feedback and TC1–TC4 (or answers)")));
            };
            let mut table = BTreeMap::new();
            for (source, target) in mapping {
                let at = self.line(target.span());
                let value = target.into_inner();
                if !in_vocabulary(vocabulary_of, &value) {
                    let hint = closest(&value, codes.iter().copied())
                        .map(|c| format!("did you mean \"{c}\"?"))
                        .unwrap_or_else(|| format!("use one of {}", codes.join(", ")));
                    return Err(self.error(at, format!("[{section}.values.{name}] \"{source}\" = \"{value}\": \"{value}\" is not a {name} value; {hint}")));
                }
                table.insert(
                    crate::text_match::fold(&source),
                    Located { value, line: at },
                );
            }
            profile.values.insert(name, table);
        }
        Ok(())
    }

    /// The values of fields the file does not have.
    fn defaults(&self, raw: &mut RawSource, profile: &mut SourceProfile) -> SectionRead {
        let (section, fields) = (self.section, self.fields);
        for (field, value) in raw.defaults.take().unwrap_or_default() {
            let at = self.line(field.span());
            let name = field.into_inner();
            let Some(canonical) = fields.iter().find(|f| **f == name) else {
                let hint = closest(&name, fields.iter().copied())
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
                return Err(self.error(
                    at,
                    format!("[{section}.defaults] '{name}' is not a {section} field{hint}"),
                ));
            };
            let value_line = self.line(value.span());
            let value = value.into_inner();
            if canonical.ends_with("_at")
                && (value.trim().is_empty()
                    || crate::calendar::date_text::parse_date_text_with(
                        value.trim(),
                        &profile.date_formats,
                    )
                    .is_err())
            {
                return Err(self.error(value_line, format!("[{section}.defaults] {canonical} = \"{value}\" is not a date (write yyyy-mm-dd)")));
            }
            if vocabulary(canonical).is_some() && !in_vocabulary(canonical, &value) {
                return Err(self.error(
                    value_line,
                    format!(
                        "[{section}.defaults] {canonical} = \"{value}\" is not a {canonical} value"
                    ),
                ));
            }
            profile.defaults.insert(
                canonical.to_string(),
                Located {
                    value,
                    line: value_line,
                },
            );
        }
        Ok(())
    }
}

impl SourceProfile {
    fn from_raw(
        mut raw: RawSource,
        section: &str,
        fields: &[&str],
        origin: &str,
        line_of: &dyn Fn(usize) -> usize,
    ) -> Result<Self, ProfileError> {
        let reader = SectionReader {
            section,
            fields,
            origin,
            line_of,
        };
        let mut profile = SourceProfile {
            path: origin.to_string(),
            section: section.to_string(),
            ..SourceProfile::default()
        };
        reader.layout(&mut raw, &mut profile)?;
        reader.reading(&mut raw, &mut profile)?;
        reader.columns(&mut raw, &mut profile)?;
        reader.values(&mut raw, &mut profile)?;
        reader.defaults(&mut raw, &mut profile)?;
        Ok(profile)
    }

    /// The value used for `field` when the file has none.
    pub fn default_for(&self, field: &str) -> Option<&str> {
        self.defaults.get(field).map(|d| d.value.as_str())
    }

    /// The canonical value a source value maps to for `field`, if the profile maps it.
    pub fn map_value(&self, field: &str, source: &str) -> Option<&str> {
        let table = self.values.get(field)?;
        table
            .get(&crate::text_match::fold(source))
            .map(|l| l.value.as_str())
    }
}
