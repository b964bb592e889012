//! The mapping form (Ánh xạ cột): built from the profile suggester, it
//! holds a [`ProfileDraft`]; the preview reads the file's first rows with
//! the draft as `sipas check` would, and saving writes an ordinary profile
//! TOML into the workspace and reads the file again with it.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::check::load_profile;
use super::error::ApiError;
use super::i18n::{words, Lang, Reader, Words};
use super::mapping_form::{page, FormInput};
use super::operations::blocking;
use super::preview::{preview, Preview};
use super::views::render;
use super::workspace::{FileKind, StoredFile};
use super::AppState;
use crate::config::draft::ProfileDraft;
use crate::ingest::suggest::{suggest, Suggestion};

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
            "date_formats" => draft.date_formats = comma_list(value),
            "missing" => draft.missing = comma_list(value),
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

#[derive(Template)]
#[template(path = "preview.html")]
struct PreviewFragment {
    t: &'static Words,
    preview: Preview,
}

/// A file on the mapping page: id, name, and the profile it is read with.
type MappableFile = (String, String, String);

/// A saved profile on the mapping page: its name, and how many files it reads.
type SavedProfile = (String, usize);

#[derive(Template)]
#[template(path = "mapping_index.html")]
struct MappingIndex {
    t: &'static Words,
    here: String,
    active: &'static str,
    message: Option<String>,
    waiting: Vec<MappableFile>,
    mapped: Vec<MappableFile>,
    profiles: Vec<SavedProfile>,
}

/// The mapping page: the files waiting for a profile, the files read, and
/// the saved profiles (to rename or delete).
fn index_page(state: &AppState, lang: Lang, message: Option<String>) -> Response {
    let check = state.checked();
    let (mut waiting, mut mapped) = (Vec::new(), Vec::new());
    for f in check
        .files
        .iter()
        .filter(|f| f.file.kind != FileKind::Agencies)
    {
        let row = (
            f.file.id.clone(),
            f.file.name.clone(),
            f.file.profile.clone().unwrap_or_default(),
        );
        if f.needs_mapping {
            waiting.push(row);
        } else {
            mapped.push(row);
        }
    }
    let profiles = state
        .workspace
        .profiles()
        .unwrap_or_default()
        .into_iter()
        .map(|name| {
            let files = check
                .files
                .iter()
                .filter(|f| f.file.profile.as_deref() == Some(name.as_str()))
                .count();
            (name, files)
        })
        .collect();
    render(&MappingIndex {
        t: words(lang),
        here: "%2Fmapping".to_string(),
        active: "mapping",
        message,
        waiting,
        mapped,
        profiles,
    })
}

/// `GET /mapping`.
pub async fn index(reader: Reader) -> Response {
    index_page(&reader.state, reader.lang, None)
}

/// `POST /mapping/profiles`: renames a saved profile (`name`, `to`) or
/// deletes it (`name`, `delete`), then shows the mapping page again.
pub async fn change_profile(reader: Reader, body: Bytes) -> Response {
    let Reader { state, lang } = reader;
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
    };
    let name = field("name").unwrap_or_default();
    let to = field("to").filter(|to| !to.is_empty() && *to != name);
    let (vi, en) = match &to {
        Some(to) => (
            format!("Đã đổi tên hồ sơ “{name}” thành “{to}”."),
            format!("The profile '{name}' is now named '{to}'."),
        ),
        None => (
            format!("Đã xoá hồ sơ “{name}”; các tệp đọc bằng nó chờ ánh xạ lại."),
            format!("The profile '{name}' is deleted; its files wait for a mapping again."),
        ),
    };
    if to.is_none() && field("delete").is_none() {
        return Redirect::to("/mapping").into_response();
    }
    match super::operations::change_profile(&state, name, to).await {
        Ok(()) => index_page(&state, lang, Some(lang.pick(&vi, &en).to_string())),
        Err(refused) => {
            let mut page = index_page(&state, lang, Some(refused.said.pick(lang).to_string()));
            *page.status_mut() = refused.status;
            page
        }
    }
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

/// What a form is built from: the file, what the suggester read of it,
/// the draft and the profile's name.
struct Loaded {
    file: StoredFile,
    guess: Suggestion,
    draft: ProfileDraft,
    name: String,
    /// The saved profile the form edits, if it edits one.
    editing: Option<String>,
}

impl Loaded {
    fn form(&self) -> FormInput<'_> {
        FormInput {
            file: &self.file,
            guess: &self.guess,
            draft: &self.draft,
            name: &self.name,
            editing: self.editing.as_deref(),
        }
    }
}

/// The draft of a saved profile for a file of `kind`, when it has one.
fn saved_draft(state: &AppState, name: &str, kind: FileKind) -> Option<ProfileDraft> {
    let profile = load_profile(&state.workspace, name).ok()?;
    let section = match kind {
        FileKind::Survey => profile.survey.or(profile.feedback),
        _ => profile.feedback.or(profile.survey),
    }?;
    Some(ProfileDraft::of(&section))
}

/// Loads the file and its suggestion, and the draft: the form's fields
/// when it was sent, the saved profile it is read with (or the one the
/// query names), or else the suggester's guess.
async fn load(
    state: &AppState,
    id: &str,
    query: Vec<(String, String)>,
) -> Result<Loaded, ApiError> {
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
    let asked = |key: &str| {
        query
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    };
    let editing = asked("editing")
        .or_else(|| asked("profile"))
        .or_else(|| file.profile.clone());
    let (draft, name) = if query.iter().any(|(k, _)| k == "section") {
        draft_of(&query)
    } else if let Some(draft) = editing
        .as_deref()
        .and_then(|name| saved_draft(state, name, file.kind))
    {
        (draft, editing.clone().unwrap_or_default())
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
    Ok(Loaded {
        file,
        guess,
        draft,
        name,
        editing,
    })
}

/// The draft a `GET /mapping/{id}…` asks for: the file `id` read with the
/// choices of the query string.
pub struct AskedDraft(Loaded);

impl FromRequestParts<AppState> for AskedDraft {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let query = pairs(parts.uri.query());
        load(state, &id, query)
            .await
            .map(Self)
            .map_err(IntoResponse::into_response)
    }
}

/// `GET /mapping/{id}`: the form, with the preview of its current draft.
pub async fn form(reader: Reader, AskedDraft(loaded): AskedDraft) -> Result<Response, ApiError> {
    let Reader { state, lang } = reader;
    let page = blocking(move || page(&state, lang, &loaded.form(), None)).await?;
    Ok(render(&page))
}

/// `GET /mapping/{id}/preview`: the preview alone, for the script.
pub async fn preview_fragment(
    reader: Reader,
    AskedDraft(loaded): AskedDraft,
) -> Result<Response, ApiError> {
    let Reader { state, lang } = reader;
    let preview = blocking(move || preview(&state, lang, &loaded.file, &loaded.draft)).await?;
    Ok(render(&PreviewFragment {
        t: words(lang),
        preview,
    }))
}

/// `POST /mapping/{id}`: saves the profile, reads the file with it, and
/// goes back to the Inputs page.
pub async fn save(reader: Reader, Path(id): Path<String>, body: Bytes) -> Response {
    let Reader { state, lang } = reader;
    let fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let loaded = match load(&state, &id, fields).await {
        Ok(loaded) => loaded,
        Err(e) => return e.into_response(),
    };
    let (file, draft, name) = (&loaded.file, &loaded.draft, loaded.name.clone());
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
        Ok(()) => {
            let saved: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("saved", &name)
                .finish();
            Redirect::to(&format!("/inputs?{saved}")).into_response()
        }
        Err(refused) => {
            let status = refused.status;
            let message = Some(refused.said.pick(lang).to_string());
            let worker = state.clone();
            match blocking(move || page(&worker, lang, &loaded.form(), message)).await {
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

/// The items of a comma-separated list, trimmed, the empty ones left out.
fn comma_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}
