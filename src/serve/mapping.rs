//! The mapping form (Ánh xạ cột): built from the profile suggester, it
//! holds a [`ProfileDraft`]; the preview reads the file's first rows with
//! the draft as `sipas check` would, and saving writes an ordinary profile
//! TOML into the workspace and reads the file again with it.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::check::workspace_config;
use super::error::ApiError;
use super::i18n::{page_lang, words, Lang, Words};
use super::operations::blocking;
use super::preview::{preview, Preview};
use super::views::render;
use super::workspace::{FileKind, StoredFile};
use super::AppState;
use crate::config::draft::ProfileDraft;
use crate::config::profile::{in_vocabulary, vocabulary, FEEDBACK_FIELD_NAMES, SURVEY_FIELD_NAMES};
use crate::ingest::suggest::{suggest, Suggestion};

/// The fields the form offers for a section, criteria of the questionnaire included.
fn field_names(section: &str, extra: &[String]) -> Vec<String> {
    let base: &[&str] = if section == "survey" {
        &SURVEY_FIELD_NAMES
    } else {
        &FEEDBACK_FIELD_NAMES
    };
    base.iter()
        .map(std::string::ToString::to_string)
        .chain(if section == "survey" {
            extra.to_vec()
        } else {
            Vec::new()
        })
        .collect()
}

/// The vocabulary field whose values a field's column holds (criteria hold answers).
fn vocabulary_of(field: &str) -> Option<&str> {
    match field {
        "channel" | "status" | "category" | "rating" | "gave_feedback" | "re_raised" => Some(field),
        _ => None,
    }
}

/// The draft the suggester guesses for a file.
fn guessed(suggestion: &Suggestion, name: &str) -> ProfileDraft {
    let mut draft = ProfileDraft {
        section: suggestion.section().to_string(),
        sheet: suggestion.sheet.clone(),
        header_row: Some(suggestion.header_row),
        header_rows: Some(suggestion.header_rows),
        encoding: suggestion.encoding.clone(),
        date_formats: suggestion.date_formats.clone(),
        ..ProfileDraft::default()
    };
    for field in &suggestion.fields {
        if let Some(c) = field.column {
            draft
                .columns
                .insert(field.name.clone(), suggestion.headers[c].clone());
        }
    }
    let _ = name;
    draft
}

/// The draft the form's fields describe.
pub fn draft_of(pairs: &[(String, String)]) -> (ProfileDraft, String) {
    let mut draft = ProfileDraft::default();
    let mut name = String::new();
    for (key, value) in pairs {
        let value = value.trim();
        match key.as_str() {
            "section" => {
                draft.section = if value == "survey" {
                    "survey"
                } else {
                    "feedback"
                }
                .to_string();
            }
            "sheet" if !value.is_empty() => draft.sheet = Some(value.to_string()),
            "header_row" => draft.header_row = value.parse().ok().filter(|r| *r > 0),
            "header_rows" => draft.header_rows = value.parse().ok().filter(|r| *r > 0),
            "encoding" if !value.is_empty() => draft.encoding = Some(value.to_string()),
            "date_formats" => {
                draft.date_formats = value
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "missing" => {
                draft.missing = value
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "agencies_as_is" => draft.agencies_as_is = value == "true",
            "name" => name = value.to_string(),
            _ => {
                if let Some(field) = key.strip_prefix("col:") {
                    if !value.is_empty() {
                        draft.columns.insert(field.to_string(), value.to_string());
                    }
                } else if let Some(rest) = key.strip_prefix("val:") {
                    if let Some((field, source)) = rest.split_once(':') {
                        if !value.is_empty() {
                            draft
                                .values
                                .entry(field.to_string())
                                .or_default()
                                .insert(source.to_string(), value.to_string());
                        }
                    }
                } else if let Some(field) = key.strip_prefix("def:") {
                    if !value.is_empty() {
                        draft.defaults.insert(field.to_string(), value.to_string());
                    }
                }
            }
        }
    }
    if draft.section.is_empty() {
        draft.section = "feedback".to_string();
    }
    (draft, name)
}

/// A choice of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

/// One canonical field of the form.
pub struct FieldRow {
    name: String,
    typical: String,
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
    field: String,
    header: String,
    rows: Vec<ValueRow>,
}

#[derive(Template)]
#[template(path = "mapping.html")]
struct MappingPage {
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
    encoding: String,
    date_formats: String,
    missing: String,
    as_is: bool,
    fields: Vec<FieldRow>,
    values: Vec<ValueGroup>,
    name: String,
    message: Option<String>,
    preview: Preview,
}

#[derive(Template)]
#[template(path = "preview.html")]
struct PreviewFragment {
    t: &'static Words,
    preview: Preview,
}

#[derive(Template)]
#[template(path = "mapping_index.html")]
struct MappingIndex {
    t: &'static Words,
    here: String,
    active: &'static str,
    files: Vec<(String, String, bool)>,
}

/// `GET /mapping`: the files that can be mapped, those that need it first.
pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = page_lang(&headers);
    let check = state.checked();
    let mut files: Vec<(String, String, bool)> = check
        .files
        .iter()
        .filter(|f| f.file.kind != FileKind::Agencies)
        .map(|f| (f.file.id.clone(), f.file.name.clone(), f.needs_mapping))
        .collect();
    files.sort_by_key(|f| !f.2);
    render(&MappingIndex {
        t: words(lang),
        here: "%2Fmapping".to_string(),
        active: "mapping",
        files,
    })
}

fn page(
    state: &AppState,
    lang: Lang,
    file: &StoredFile,
    guess: &Suggestion,
    draft: &ProfileDraft,
    name: &str,
    message: Option<String>,
) -> MappingPage {
    let t = words(lang);
    let config = workspace_config(&state.workspace).unwrap_or_default();
    let extra = config.questionnaire().extra_codes();
    let fields = field_rows(t, guess, draft, &extra);
    let values = value_groups(t, guess, draft);
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
        encoding: draft.encoding.clone().unwrap_or_default(),
        date_formats: draft.date_formats.join(", "),
        missing: draft.missing.join(", "),
        as_is: draft.agencies_as_is,
        fields,
        values,
        name: name.to_string(),
        message,
        preview: preview(state, lang, file, draft),
    }
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
    t: &'static Words,
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
                label: t.not_in_file.to_string(),
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
                    .is_some_and(super::super::ingest::suggest::ColumnLook::looks_personal);
            FieldRow {
                personal,
                samples: column_of(guess, &chosen)
                    .map(|c| sample_text(guess, c))
                    .unwrap_or_default(),
                typical: spec.map(|s| s.typical.to_string()).unwrap_or_default(),
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
fn value_groups(t: &'static Words, guess: &Suggestion, draft: &ProfileDraft) -> Vec<ValueGroup> {
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
                        .and_then(|v| v.get(source))
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
                        value: c.to_string(),
                        label: c.to_string(),
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
                field: field.clone(),
                header: header.clone(),
                rows,
            })
        })
        .collect()
}

/// A profile name from a file name: its stem, letters, digits and `-`.
fn default_name(file: &StoredFile) -> String {
    let safe = super::workspace::safe_name(&file.name);
    let stem = safe.rsplit_once('.').map(|(s, _)| s).unwrap_or(&safe);
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    let trimmed = name.trim_matches('-');
    if trimmed.is_empty() {
        "profile".to_string()
    } else {
        trimmed.to_string()
    }
}

fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// Loads the file and its suggestion, and the draft of the query (or the guess).
async fn load(
    state: &AppState,
    id: &str,
    query: Vec<(String, String)>,
) -> Result<(StoredFile, Suggestion, ProfileDraft, String), ApiError> {
    let file = state
        .workspace
        .file(id)
        .map_err(|e| ApiError::new(StatusCode::NOT_FOUND, e.said()))?;
    let path = state.workspace.file_path(&file);
    let names = super::names::UploadNames::one(&path, &file.name);
    let guess = blocking(move || suggest(&path)).await?.map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::messages::Said::of(&e, &names),
        )
    })?;
    let (draft, name) = if query.iter().any(|(k, _)| k == "section") {
        draft_of(&query)
    } else {
        let mut draft = guessed(&guess, &file.name);
        if file.kind == FileKind::Survey {
            draft.section = "survey".to_string();
        }
        (draft, String::new())
    };
    let name = if name.is_empty() {
        default_name(&file)
    } else {
        name
    };
    Ok((file, guess, draft, name))
}

/// `GET /mapping/{id}`: the form, with the preview of its current draft.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let lang = page_lang(&headers);
    let (file, guess, draft, name) = load(&state, &id, pairs(query.as_deref())).await?;
    let worker = state.clone();
    let page = blocking(move || page(&worker, lang, &file, &guess, &draft, &name, None)).await?;
    Ok(render(&page))
}

/// `GET /mapping/{id}/preview`: the preview alone, for the script.
pub async fn preview_fragment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let lang = page_lang(&headers);
    let (file, _, draft, _) = load(&state, &id, pairs(query.as_deref())).await?;
    let worker = state.clone();
    let preview = blocking(move || preview(&worker, lang, &file, &draft)).await?;
    Ok(render(&PreviewFragment {
        t: words(lang),
        preview,
    }))
}

/// `POST /mapping/{id}`: saves the profile, reads the file with it, and
/// goes back to the Inputs page.
pub async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let lang = page_lang(&headers);
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let (file, guess, draft, name) = match load(&state, &id, fields).await {
        Ok(loaded) => loaded,
        Err(e) => return e.into_response(),
    };
    let toml = draft.to_toml(&format!(
        "Mapping profile saved from the mapping form of sipas serve for {}.",
        file.name.replace('\n', " ")
    ));
    let kind = if draft.section == "survey" {
        FileKind::Survey
    } else {
        FileKind::Feedback
    };
    match super::operations::keep_profile(&state, name.clone(), toml, Some((file.id.clone(), kind)))
        .await
    {
        Ok(()) => Redirect::to("/inputs").into_response(),
        Err(refused) => {
            let status = refused.status;
            let message = Some(refused.said.pick(lang).to_string());
            let worker = state.clone();
            match blocking(move || page(&worker, lang, &file, &guess, &draft, &name, message)).await
            {
                Ok(page) => {
                    let mut response = render(&page);
                    *response.status_mut() = status;
                    response
                }
                Err(e) => e.into_response(),
            }
        }
    }
}
