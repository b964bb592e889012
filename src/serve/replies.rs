//! The JSON replies of the API, typed. Fields are declared in alphabetical
//! order: the order the replies have always had.

use serde::Serialize;

use super::check::FileCheck;
use super::workspace::{RunRecord, StoredFile};
use crate::model::MappedColumn;

/// One file as the API shows it (`GET /api/files`).
#[derive(Debug, Serialize)]
pub struct FileReply {
    /// Rows accepted, once read.
    pub accepted: Option<usize>,
    /// Agencies the file names, once read.
    pub agencies: Option<usize>,
    /// The columns mapped to canonical fields.
    pub columns: Vec<MappedColumn>,
    /// Why the file cannot be read, if it cannot.
    pub error: Option<String>,
    /// The same, in Vietnamese.
    pub error_vi: Option<String>,
    /// The header row read (1-based).
    pub header_row: Option<usize>,
    /// The file's id in the workspace.
    pub id: String,
    /// Headers no field takes.
    pub ignored: Vec<String>,
    /// feedback, survey or agencies.
    pub kind: &'static str,
    /// Whether the file reads.
    pub mapped: bool,
    /// The name it was uploaded with.
    pub name: String,
    /// Whether it waits for a mapping.
    pub needs_mapping: bool,
    /// The profile it is read with.
    pub profile: Option<String>,
    /// Rows rejected, once read.
    pub rejected: Option<usize>,
    /// Data rows read.
    pub rows: Option<usize>,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// The sheet read (workbooks).
    pub sheet: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// Records replaced by a later export's.
    pub superseded: Option<usize>,
}

impl FileReply {
    /// The reply for a checked file.
    pub fn of(check: &FileCheck) -> Self {
        let file = &check.file;
        let account = check.account.as_ref();
        FileReply {
            accepted: account.map(|a| a.accepted),
            agencies: check.agencies,
            columns: account.map(|a| a.mapped.clone()).unwrap_or_default(),
            error: check.error.as_ref().map(|s| s.en.clone()),
            error_vi: check.error.as_ref().map(|s| s.vi.clone()),
            header_row: account.map(|a| a.header_row),
            id: file.id.clone(),
            ignored: account.map(|a| a.ignored.clone()).unwrap_or_default(),
            kind: file.kind.code(),
            mapped: check.error.is_none(),
            name: file.name.clone(),
            needs_mapping: check.needs_mapping,
            profile: file.profile.clone(),
            rejected: account.map(|a| a.rejected),
            rows: account.map(|a| a.rows),
            sha256: file.sha256.clone(),
            sheet: account.and_then(|a| a.sheet.clone()),
            size: file.size,
            superseded: account.map(|a| a.superseded),
        }
    }
}

/// What became of one uploaded part (`POST /api/files`).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum StoredReply {
    /// A data file, as checked.
    File(Box<FileReply>),
    /// A data file the check has not listed.
    Named {
        /// Its id.
        id: String,
        /// Its name.
        name: String,
    },
    /// A settings file: sipas.toml, a profile or an attachment.
    Setting {
        /// Why the configuration does not read (absent for a profile).
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<Option<String>>,
        /// Always null: settings files have no id.
        id: Option<String>,
        /// config, profile or attachment.
        kind: &'static str,
        /// Its name.
        name: String,
    },
}

impl StoredReply {
    /// A data file by its id and name.
    pub fn named(file: &StoredFile) -> Self {
        StoredReply::Named {
            id: file.id.clone(),
            name: file.name.clone(),
        }
    }

    /// A settings file of `kind`; `error` is the configuration's, `None`
    /// for a profile.
    pub fn setting(name: &str, kind: &'static str, error: Option<Option<String>>) -> Self {
        StoredReply::Setting {
            error,
            id: None,
            kind,
            name: name.to_string(),
        }
    }
}

/// A saved profile (`GET /api/profiles`).
#[derive(Debug, Serialize)]
pub struct ProfileReply {
    /// Its name.
    pub name: String,
    /// Its TOML.
    pub toml: String,
}

/// A profile saved (`POST /api/profiles`).
#[derive(Debug, Serialize)]
pub struct SavedReply {
    /// Its name.
    pub name: String,
}

/// A run and how far it has gone (`POST /api/runs`, `GET /api/runs/{id}`).
#[derive(Debug, Serialize)]
pub struct RunReply {
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why it failed, in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_vi: Option<String>,
    /// Its id.
    pub id: String,
    /// The period it reports on, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Rows read so far, while it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    /// The stage it is at, while it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The same, in Vietnamese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_vi: Option<String>,
    /// running, done or failed.
    pub status: String,
}

impl RunReply {
    /// Only the id and the status.
    pub fn started(run: &RunRecord) -> Self {
        RunReply {
            error: None,
            error_vi: None,
            id: run.id.clone(),
            period: None,
            rows: None,
            stage: None,
            stage_vi: None,
            status: run.status.clone(),
        }
    }
}

/// What the workspace's check is doing (`GET /api/activity`).
#[derive(Debug, Serialize)]
pub struct ActivityReply {
    /// Rows read so far.
    pub rows: u64,
    /// The stage (empty when idle).
    pub stage: String,
    /// The stage, in Vietnamese.
    pub stage_vi: String,
}
