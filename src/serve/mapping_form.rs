//! What the mapping form shows, in the analyst's words: every field and
//! value by its label in the page's language, the header rows and the
//! encoding as plain questions, and the date formats as examples taken
//! from the file. The canonical codes live in the form's values and in the
//! saved profile, never in its visible text.

use askama::Template;

use super::check::workspace_config;
use super::i18n::{words, Lang, Words};
use super::preview::{preview, Preview};
use super::views::{field_label, value_label};
use super::workspace::StoredFile;
use super::AppState;
use crate::calendar::date_text::{parse_date_text, parse_date_text_with};
use crate::calendar::days::{day_of, format_vn};
use crate::config::draft::ProfileDraft;
use crate::config::profile::{in_vocabulary, vocabulary, FEEDBACK_FIELD_NAMES, SURVEY_FIELD_NAMES};
use crate::ingest::suggest::Suggestion;

/// A choice of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

/// One canonical field of the form.
pub struct FieldRow {
    /// The field's code: the name of its select, never shown.
    name: String,
    /// Its label in the page's language.
    label: String,
    required: bool,
    options: Vec<Opt>,
    samples: String,
    default: String,
    mapped: bool,
    /// The chosen column looks like personal data or free text.
    personal: bool,
}

/// One source value of a vocabulary column.
pub struct ValueRow {
    key: String,
    source: String,
    options: Vec<Opt>,
}

/// The values of one vocabulary field.
pub struct ValueGroup {
    label: String,
    header: String,
    rows: Vec<ValueRow>,
}

/// The mapping form.
#[derive(Template)]
#[template(path = "mapping.html")]
pub struct MappingPage {
    t: &'static Words,
    here: String,
    active: &'static str,
    id: String,
    file: String,
    headers: String,
    survey: bool,
    sheet: String,
    header_row: String,
    header_rows: String,
    encodings: Vec<Opt>,
    date_choices: Vec<Opt>,
    missing: String,
    as_is: bool,
    fields: Vec<FieldRow>,
    values: Vec<ValueGroup>,
    name: String,
    /// The saved profile the form edits, if it edits one.
    editing: Option<String>,
    message: Option<String>,
    preview: Preview,
}

/// What the form is built from.
pub struct FormInput<'a> {
    /// The file mapped.
    pub file: &'a StoredFile,
    /// What the suggester read of it.
    pub guess: &'a Suggestion,
    /// The profile as the form holds it.
    pub draft: &'a ProfileDraft,
    /// The profile's name.
    pub name: &'a str,
    /// The saved profile the form edits, if any.
    pub editing: Option<&'a str>,
}

/// The form for `input`, with the preview of its draft.
pub fn page(
    state: &AppState,
    lang: Lang,
    input: &FormInput<'_>,
    message: Option<String>,
) -> MappingPage {
    let t = words(lang);
    let (file, guess, draft) = (input.file, input.guess, input.draft);
    let config = workspace_config(&state.workspace).unwrap_or_default();
    let extra = config.questionnaire().extra_codes();
    MappingPage {
        t,
        here: format!("%2Fmapping%2F{}", file.id),
        active: "mapping",
        id: file.id.clone(),
        file: file.name.clone(),
        headers: guess.headers.join(" | "),
        survey: draft.section == "survey",
        sheet: draft.sheet.clone().unwrap_or_default(),
        header_row: draft.header_row.map(|r| r.to_string()).unwrap_or_default(),
        header_rows: draft.header_rows.map(|r| r.to_string()).unwrap_or_default(),
        encodings: encoding_choices(lang, draft.encoding.as_deref()),
        date_choices: date_choices(lang, guess, draft),
        missing: draft.missing.join(", "),
        as_is: draft.agencies_as_is,
        fields: field_rows(lang, guess, draft, &extra),
        values: value_groups(lang, guess, draft),
        name: input.name.to_string(),
        editing: input.editing.map(str::to_string),
        message,
        preview: preview(state, lang, file, draft),
    }
}

/// The fields the form offers for a section, criteria of the questionnaire included.
fn field_names(section: &str, extra: &[String]) -> Vec<String> {
    let base: &[&str] = if section == "survey" {
        &SURVEY_FIELD_NAMES
    } else {
        &FEEDBACK_FIELD_NAMES
    };
    let criteria = if section == "survey" { extra } else { &[] };
    base.iter()
        .map(std::string::ToString::to_string)
        .chain(criteria.iter().cloned())
        .collect()
}

/// The vocabulary field whose values a field's column holds (criteria hold answers).
fn vocabulary_of(field: &str) -> Option<&str> {
    match field {
        "channel" | "status" | "category" | "rating" | "gave_feedback" | "re_raised" => Some(field),
        _ => None,
    }
}

/// Encodings by their usual names; the profile's own kept when it is another.
fn encoding_choices(lang: Lang, chosen: Option<&str>) -> Vec<Opt> {
    let known: [(&str, &str, &str); 5] = [
        ("", "Tự nhận biết (nên chọn)", "Detect it (recommended)"),
        ("utf-8", "UTF-8 (Unicode)", "UTF-8 (Unicode)"),
        (
            "windows-1258",
            "Windows-1258 (tiếng Việt, Excel cũ)",
            "Windows-1258 (Vietnamese, old Excel)",
        ),
        (
            "windows-1252",
            "Windows-1252 (Tây Âu)",
            "Windows-1252 (Western European)",
        ),
        (
            "utf-16",
            "UTF-16 (Unicode text của Excel)",
            "UTF-16 (Excel's Unicode text)",
        ),
    ];
    let chosen = chosen.unwrap_or_default().to_ascii_lowercase();
    let mut options: Vec<Opt> = known
        .iter()
        .map(|(value, vi, en)| Opt {
            value: (*value).to_string(),
            label: lang.pick(vi, en).to_string(),
            selected: chosen == *value,
        })
        .collect();
    if !known.iter().any(|(value, _, _)| *value == chosen) {
        options.push(Opt {
            value: chosen.clone(),
            label: chosen,
            selected: true,
        });
    }
    options
}

/// Date formats a file may use, each with the ways it is written in the
/// order it is tried, and what it says in words.
const DATE_FORMATS: [(&str, &str, &str); 5] = [
    (
        "%m/%d/%Y %I:%M:%S %p",
        "tháng/ngày/năm, giờ sáng/chiều (kiểu Mỹ)",
        "month/day/year, 12-hour clock (US)",
    ),
    (
        "%m/%d/%Y %H:%M:%S,%m/%d/%Y %H:%M,%m/%d/%Y",
        "tháng/ngày/năm (kiểu Mỹ)",
        "month/day/year (US)",
    ),
    (
        "%Y/%m/%d %H:%M:%S,%Y/%m/%d %H:%M,%Y/%m/%d",
        "năm/tháng/ngày",
        "year/month/day",
    ),
    (
        "%d-%b-%Y,%d-%b-%y",
        "ngày-tháng bằng chữ-năm",
        "day-month name-year",
    ),
    (
        "%b %d %Y,%B %d, %Y",
        "tháng bằng chữ ngày năm",
        "month name day year",
    ),
];

/// The date samples of the columns the draft maps to dates.
fn date_samples<'a>(guess: &'a Suggestion, draft: &ProfileDraft) -> Vec<&'a str> {
    draft
        .columns
        .iter()
        .filter(|(field, _)| field.ends_with("_at"))
        .filter_map(|(_, header)| guess.headers.iter().position(|h| h == header))
        .flat_map(|c| guess.samples[c].iter().take(3))
        .filter(|s| !s.trim().is_empty())
        .map(String::as_str)
        .collect()
}

/// The date formats to choose from, each shown by an example of the file
/// and the day it reads: the built-in forms first, then each format that
/// reads a date of the file, and the draft's own when it is another.
fn date_choices(lang: Lang, guess: &Suggestion, draft: &ProfileDraft) -> Vec<Opt> {
    let samples = date_samples(guess, draft);
    let chosen = draft.date_formats.join(",");
    let example = |read: &dyn Fn(&str) -> Option<i32>| {
        samples
            .iter()
            .find_map(|s| read(s).map(|day| format!("{s} → {}", format_vn(day))))
    };
    let built_in = example(&|s| parse_date_text(s.trim()).ok());
    let mut options = vec![Opt {
        value: String::new(),
        label: match built_in {
            Some(seen) => format!(
                "{} ({} {seen})",
                lang.pick(
                    "ngày/tháng/năm hoặc năm-tháng-ngày",
                    "day/month/year or year-month-day"
                ),
                lang.pick("ví dụ", "e.g.")
            ),
            None => lang
                .pick(
                    "ngày/tháng/năm hoặc năm-tháng-ngày",
                    "day/month/year or year-month-day",
                )
                .to_string(),
        },
        selected: chosen.is_empty(),
    }];
    for (formats, vi, en) in DATE_FORMATS {
        let list: Vec<String> = formats.split(',').map(str::to_string).collect();
        let seen = example(&|s| read_with_only(s.trim(), &list));
        if seen.is_none() && chosen != formats {
            continue;
        }
        options.push(Opt {
            value: formats.to_string(),
            label: match seen {
                Some(seen) => format!(
                    "{} ({} {seen})",
                    lang.pick(vi, en),
                    lang.pick("ví dụ", "e.g.")
                ),
                None => lang.pick(vi, en).to_string(),
            },
            selected: chosen == formats,
        });
    }
    if !chosen.is_empty() && !options.iter().any(|o| o.selected) {
        let seen = example(&|s| parse_date_text_with(s.trim(), &draft.date_formats).ok());
        options.push(Opt {
            value: chosen,
            label: format!(
                "{}{}",
                lang.pick("Định dạng đã lưu trong hồ sơ", "The profile's saved format"),
                seen.map(|s| format!(" ({s})")).unwrap_or_default()
            ),
            selected: true,
        });
    }
    options
}

/// The day `text` names in one of the chrono `formats`, and in none of
/// the built-in forms.
fn read_with_only(text: &str, formats: &[String]) -> Option<i32> {
    formats.iter().find_map(|format| {
        chrono::NaiveDateTime::parse_from_str(text, format)
            .map(|dt| dt.date())
            .or_else(|_| chrono::NaiveDate::parse_from_str(text, format))
            .ok()
            .map(day_of)
    })
}

/// The column of `header` among the file's headers.
fn column_of(guess: &Suggestion, header: &str) -> Option<usize> {
    (!header.is_empty())
        .then(|| guess.headers.iter().position(|h| h == header))
        .flatten()
}

/// The first three values of column `c`.
fn sample_text(guess: &Suggestion, c: usize) -> String {
    guess.samples[c]
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One row per canonical field: the header chosen for it, with samples.
fn field_rows(
    lang: Lang,
    guess: &Suggestion,
    draft: &ProfileDraft,
    extra: &[String],
) -> Vec<FieldRow> {
    field_names(&draft.section, extra)
        .into_iter()
        .map(|name| {
            let chosen = draft.columns.get(&name).cloned().unwrap_or_default();
            let spec = guess.fields.iter().find(|f| f.name == name);
            let mut options = vec![Opt {
                value: String::new(),
                label: words(lang).not_in_file.to_string(),
                selected: chosen.is_empty(),
            }];
            options.extend(
                guess
                    .headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| !h.is_empty())
                    .map(|(c, h)| Opt {
                        value: h.clone(),
                        label: format!("{h} — {}", sample_text(guess, c)),
                        selected: *h == chosen,
                    }),
            );
            // Text shown or published by name: a subject field, a
            // category, an agency taken as named.
            let named = matches!(name.as_str(), "field" | "category")
                || (name == "agency" && draft.agencies_as_is);
            let personal = named
                && column_of(guess, &chosen)
                    .and_then(|c| guess.looks.get(c))
                    .is_some_and(crate::ingest::suggest::ColumnLook::looks_personal);
            FieldRow {
                personal,
                samples: column_of(guess, &chosen)
                    .map(|c| sample_text(guess, c))
                    .unwrap_or_default(),
                label: field_label(lang, &name),
                required: spec.is_some_and(|s| s.required),
                default: draft.defaults.get(&name).cloned().unwrap_or_default(),
                mapped: !chosen.is_empty(),
                options,
                name,
            }
        })
        .collect()
}

/// The values read in each column that has a vocabulary, each with the
/// code it is mapped to.
fn value_groups(lang: Lang, guess: &Suggestion, draft: &ProfileDraft) -> Vec<ValueGroup> {
    let t = words(lang);
    draft
        .columns
        .iter()
        .filter_map(|(field, header)| {
            let vocabulary_field = vocabulary_of(field)?;
            let codes = vocabulary(vocabulary_field)?;
            let column = column_of(guess, header)?;
            let chosen = draft.values.get(field);
            let rows = guess.samples[column]
                .iter()
                .map(|source| {
                    let current = chosen
                        .and_then(|v| {
                            // A saved profile keeps a value by its matching key.
                            v.get(source)
                                .or_else(|| v.get(&crate::text_match::fold(source)))
                        })
                        .cloned()
                        .unwrap_or_default();
                    let mut options = vec![Opt {
                        value: String::new(),
                        label: if in_vocabulary(vocabulary_field, source) {
                            format!("{} ✓", t.value_as_read)
                        } else {
                            t.value_as_read.to_string()
                        },
                        selected: current.is_empty(),
                    }];
                    options.extend(codes.iter().map(|c| Opt {
                        value: (*c).to_string(),
                        label: value_label(lang, vocabulary_field, c),
                        selected: current == *c,
                    }));
                    ValueRow {
                        key: format!("val:{field}:{source}"),
                        source: source.clone(),
                        options,
                    }
                })
                .collect();
            Some(ValueGroup {
                label: field_label(lang, field),
                header: header.clone(),
                rows,
            })
        })
        .collect()
}
