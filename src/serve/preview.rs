//! The preview of the mapping form: the file's first rows read with the
//! draft profile as `sipas check` reads them, with the findings they raise.

use std::path::Path;

use super::check::{registry_file, workspace_config};
use super::i18n::Lang;
use super::names::UploadNames;
use super::workspace::StoredFile;
use super::AppState;
use crate::calendar::days::format_vn;
use crate::config::draft::ProfileDraft;
use crate::config::profile::Profile;
use crate::ingest::read_registry;
use crate::ingest::{InputRules, Inputs};
use crate::messages::Message;
use crate::model::{Effect, Registry};
use crate::report::labels;

/// Rows shown by the preview.
pub const PREVIEW_ROWS: usize = 20;

/// The preview: the first rows as read, and the profile's error.
pub struct Preview {
    /// Why the draft or the file cannot be read.
    pub error: Option<String>,
    /// The canonical fields shown, by their labels.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<PreviewRow>,
    /// Rows read = accepted + rejected of the whole file.
    pub account: String,
}

/// One source row of the preview.
pub struct PreviewRow {
    /// Row number as the spreadsheet shows it.
    pub row: usize,
    /// Whether it became a record.
    pub accepted: bool,
    /// Its canonical values.
    pub cells: Vec<String>,
    /// Its findings.
    pub findings: Vec<String>,
}

/// The registry a preview reads with (none for agencies taken as named).
fn preview_registry(state: &AppState, as_is: bool) -> Registry {
    if as_is {
        return Registry::default();
    }
    let files = state.workspace.files().unwrap_or_default();
    registry_file(&files)
        .and_then(|f| read_registry(&state.workspace.file_path(f)).ok())
        .unwrap_or_default()
}

/// Reads the file with the draft and keeps its first rows.
pub fn preview(state: &AppState, lang: Lang, file: &StoredFile, draft: &ProfileDraft) -> Preview {
    let survey = draft.section == "survey";
    let fields: Vec<&'static str> = if survey {
        vec!["id", "surveyed_at", "agency", "TC1", "TC2", "TC3", "TC4"]
    } else {
        vec![
            "id",
            "received_at",
            "channel",
            "agency",
            "field",
            "due_at",
            "resolved_at",
            "status",
        ]
    };
    let headers = fields
        .iter()
        .map(|f| super::views::field_label(lang, f))
        .collect();
    let (inputs, registry) = match read_file(state, lang, file, draft, survey) {
        Ok(read) => read,
        Err(error) => {
            return Preview {
                error: Some(error),
                headers,
                rows: Vec::new(),
                account: String::new(),
            }
        }
    };
    let mut rows = record_rows(&inputs, &registry, lang, survey);
    add_findings(&mut rows, &inputs, lang);
    rows.sort_by_key(|r| r.row);
    rows.truncate(PREVIEW_ROWS);
    let account = inputs
        .accounts
        .first()
        .map(|a| format!("{} = {} + {}", a.rows, a.accepted, a.rejected))
        .unwrap_or_default();
    Preview {
        error: None,
        headers,
        rows,
        account,
    }
}

/// Reads the file with the draft profile, against the workspace's registry.
fn read_file(
    state: &AppState,
    lang: Lang,
    file: &StoredFile,
    draft: &ProfileDraft,
    survey: bool,
) -> Result<(Inputs, Registry), String> {
    let path = state.workspace.file_path(file);
    let draft_name = lang.pick("(bản nháp)", "(draft)");
    let names = UploadNames::one(&path, &file.name).with(Path::new("draft"), draft_name);
    let say = |e: &dyn Message| e.say(lang, &names);
    let profile = match Profile::parse(&draft.to_toml("preview"), "draft") {
        Ok(p) => p,
        Err(e) => return Err(say(&e)),
    };
    let config = workspace_config(&state.workspace).unwrap_or_default();
    let rules = InputRules {
        criteria: config.questionnaire().extra_codes(),
        snapshots: false,
        csv_block_bytes: None,
        names: Default::default(),
    };
    let mut registry = preview_registry(state, draft.agencies_as_is);
    let path = vec![path];
    let none: Vec<std::path::PathBuf> = Vec::new();
    let (feedback, responses) = if survey {
        (&none, &path)
    } else {
        (&path, &none)
    };
    let inputs = match Inputs::read_observed(
        feedback,
        responses,
        &mut registry,
        &profile,
        &rules,
        &crate::observe::Silent,
    ) {
        Ok(i) => i,
        Err(e) => return Err(say(&e)),
    };
    Ok((inputs, registry))
}

/// The first accepted records, as the preview's cells.
fn record_rows(inputs: &Inputs, registry: &Registry, lang: Lang, survey: bool) -> Vec<PreviewRow> {
    let agency = |id| registry.get(id).map(|a| a.name.clone()).unwrap_or_default();
    let day = |d: Option<i32>| d.map(format_vn).unwrap_or_default();
    let mut rows: Vec<PreviewRow> = Vec::new();
    let mut push = |row: usize, accepted: bool, cells: Vec<String>| {
        rows.push(PreviewRow {
            row,
            accepted,
            cells,
            findings: Vec::new(),
        });
    };
    if survey {
        let s = &inputs.survey;
        for i in 0..s.origin.len().min(PREVIEW_ROWS) {
            let answers = s
                .answers
                .iter()
                .map(|a| a[i].map(|v| v.to_string()).unwrap_or_default());
            let mut cells = vec![
                s.id.get(i).unwrap_or_default().to_string(),
                day(Some(s.surveyed[i])),
                agency(s.agency[i]),
            ];
            cells.extend(answers);
            push(s.origin.get(i).map_or(0, |o| o.row as usize), true, cells);
        }
    } else {
        let r = &inputs.feedback;
        for i in 0..r.origin.len().min(PREVIEW_ROWS) {
            push(
                r.origin.get(i).map_or(0, |o| o.row as usize),
                true,
                vec![
                    r.id.get(i).unwrap_or_default().to_string(),
                    day(Some(r.received[i])),
                    labels::channel(lang, r.channel[i]).to_string(),
                    agency(r.agency[i]),
                    r.field.get(i).unwrap_or_default().to_string(),
                    day(r.due.get(i)),
                    day(r.resolved.get(i)),
                    r.status[i]
                        .map(|s| super::views::value_label(lang, "status", s.code()))
                        .unwrap_or_default(),
                ],
            );
        }
    }
    rows
}

/// Each finding beside its row; a rejected row shown by its findings.
fn add_findings(rows: &mut Vec<PreviewRow>, inputs: &Inputs, lang: Lang) {
    let last = rows.iter().map(|r| r.row).max().unwrap_or(0);
    for finding in inputs.findings.kept() {
        let shown = rows.len() < PREVIEW_ROWS || finding.row <= last;
        if !shown {
            continue;
        }
        let text = format!(
            "{} '{}': {}",
            finding.column,
            finding.value,
            labels::reason_in(lang, &finding.reason)
        );
        match rows.iter_mut().find(|r| r.row == finding.row) {
            Some(row) => row.findings.push(text),
            None if finding.effect == Effect::RowRejected => rows.push(PreviewRow {
                row: finding.row,
                accepted: false,
                cells: Vec::new(),
                findings: vec![text],
            }),
            None => {}
        }
    }
}
