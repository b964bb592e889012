//! The workspace of `sipas serve`: a folder that survives restarts, holding
//! every uploaded file unchanged under its own id, the saved mapping
//! profiles, the configuration and every run.
//!
//! ```text
//! files/<id>/meta.json      name, kind, SHA-256, size, profile
//! files/<id>/<safe name>    the upload, byte for byte
//! profiles/<stem>.toml      profiles, in the format `--profile` reads,
//!                           each named on its first line (see `profile_stem`)
//! sipas.toml                the configuration (optional)
//! runs/<id>/run.json        settings and status of a run
//! runs/<id>/report/         the report folder, as `sipas report` writes it
//! runs/<id>/progress.json   the progress view of the run
//! tmp/                      uploads and runs being written
//! ```
//!
//! Everything is written to `tmp/` first and renamed into place, so a
//! killed server leaves either the whole entry or none of it; ids and names
//! are checked before they become paths.

pub use super::names::{is_file_id, is_profile_name, is_run_id, profile_stem, safe_name, visible};

use crate::messages::Said;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What an uploaded file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Feedback records (PAKN).
    Feedback,
    /// Survey responses.
    Survey,
    /// The agency registry.
    Agencies,
}

impl FileKind {
    /// Parses `feedback`, `survey` or `agencies`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "feedback" => Some(Self::Feedback),
            "survey" => Some(Self::Survey),
            "agencies" => Some(Self::Agencies),
            _ => None,
        }
    }

    /// The API name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Feedback => "feedback",
            Self::Survey => "survey",
            Self::Agencies => "agencies",
        }
    }
}

/// An uploaded file as the workspace records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFile {
    /// Id: the first 16 hex digits of the SHA-256 (the same bytes uploaded
    /// twice are one file).
    pub id: String,
    /// The name the file was uploaded with, as given.
    pub name: String,
    /// The name it is stored under (letters, digits, `.`, `-`, `_`).
    pub stored: String,
    /// What it holds.
    pub kind: FileKind,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Upload order (seconds since 1970).
    pub uploaded: u64,
    /// The saved profile it is read with, if any.
    pub profile: Option<String>,
}

/// Settings and state of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Id (`r0001`…).
    pub id: String,
    /// `running`, `done` or `failed`.
    pub status: String,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why it failed, in Vietnamese.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_vi: Option<String>,
    /// The period reported on, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// What was asked.
    pub request: RunRequest,
    /// The files read (ids).
    pub files: Vec<String>,
    /// Start (seconds since 1970).
    pub started: u64,
}

impl RunRecord {
    /// Marks the run failed, saying why.
    pub fn fail(&mut self, why: Said) {
        self.status = "failed".to_string();
        self.error = Some(why.en);
        self.error_vi = Some(why.vi);
    }

    /// Why it failed, in `lang` (runs of older servers say it in English).
    pub fn error_in(&self, lang: crate::lang::Lang) -> Option<&str> {
        match lang {
            crate::lang::Lang::Vi => self.error_vi.as_deref().or(self.error.as_deref()),
            crate::lang::Lang::En => self.error.as_deref(),
        }
    }
}

/// What a run is asked to do (the body of `POST /api/runs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Period label (`2025-Q2`, `2025-H1`, `2025`); default: the latest complete quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// As-of date for pending counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Calendar quarters instead of the Decree 09 periods.
    #[serde(default)]
    pub calendar_periods: bool,
    /// `vi` or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The feedback files are successive exports (`--snapshots`).
    #[serde(default)]
    pub snapshots: bool,
    /// Files to read (ids); default every file of the workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
}

/// Why the workspace refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// A disk operation failed.
    #[error("the workspace could not {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// Where.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(Said),
    /// A request the workspace refuses.
    #[error("{0}")]
    Refused(Said),
}

impl WorkspaceError {
    /// What went wrong, in both languages.
    pub fn said(&self) -> Said {
        match self {
            Self::Io { action, path, .. } => {
                let name = crate::messages::last_component(path);
                let vi = match *action {
                    "create" => "tạo",
                    "delete" => "xoá",
                    "read" => "đọc",
                    "store" => "lưu",
                    _ => "ghi",
                };
                Said::new(
                    format!("Không gian làm việc không {vi} được “{name}”: hãy kiểm tra ổ đĩa còn chỗ trống và thư mục làm việc cho phép ghi, rồi thử lại."),
                    format!("the workspace could not {action} {name}"),
                )
            }
            Self::NotFound(said) | Self::Refused(said) => said.clone(),
        }
    }
}

/// The workspace folder.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub(super) root: PathBuf,
}

pub(super) fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> WorkspaceError + 'a {
    move |source| WorkspaceError::Io {
        action,
        path: path.display().to_string(),
        source,
    }
}

/// Seconds since 1970.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut staging = tempfile::NamedTempFile::new_in(folder).map_err(io("write", path))?;
    staging.write_all(bytes).map_err(io("write", path))?;
    staging.as_file().sync_all().map_err(io("write", path))?;
    staging.persist(path).map_err(|e| WorkspaceError::Io {
        action: "write",
        path: path.display().to_string(),
        source: e.error,
    })?;
    Ok(())
}

impl Workspace {
    /// Opens (creating when needed) the workspace at `root`; runs left
    /// `running` by a server that stopped are marked failed.
    pub fn open(root: &Path) -> Result<Self, WorkspaceError> {
        for sub in ["files", "profiles", "runs", "tmp", "attachments"] {
            let folder = root.join(sub);
            std::fs::create_dir_all(&folder).map_err(io("create", &folder))?;
        }
        let workspace = Self {
            root: root.to_path_buf(),
        };
        // Report folders a killed run left half written (they hold record ids).
        if let Ok(runs) = std::fs::read_dir(root.join("runs")) {
            for run in runs.flatten() {
                let Ok(entries) = std::fs::read_dir(run.path()) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') && name.contains(".sipas-tmp-") {
                        let _ = std::fs::remove_dir_all(entry.path());
                    }
                }
            }
        }
        // Half-written uploads and runs of an earlier server.
        if let Ok(entries) = std::fs::read_dir(root.join("tmp")) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                };
            }
        }
        for mut run in workspace.runs()? {
            if run.status == "running" {
                run.fail(Said::new(
                    "Máy chủ đã dừng trước khi lượt chạy xong: hãy chạy lại.",
                    "the server stopped before the run finished; run it again",
                ));
                workspace.save_run(&run)?;
            }
        }
        Ok(workspace)
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A folder for staging under `tmp/`, removed when dropped.
    pub fn staging(&self) -> Result<tempfile::TempDir, WorkspaceError> {
        let tmp = self.root.join("tmp");
        tempfile::Builder::new()
            .prefix("staging-")
            .tempdir_in(&tmp)
            .map_err(io("create", &tmp))
    }

    // ---- files ----

    /// Every stored file, feedback first, then survey, then registries,
    /// each kind in name order (as a folder's files are read).
    pub fn files(&self) -> Result<Vec<StoredFile>, WorkspaceError> {
        let folder = self.root.join("files");
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&folder).map_err(io("read", &folder))? {
            let entry = entry.map_err(io("read", &folder))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_file_id(&name) {
                continue;
            }
            let meta = entry.path().join("meta.json");
            let Ok(text) = std::fs::read_to_string(&meta) else {
                continue;
            };
            if let Ok(file) = serde_json::from_str::<StoredFile>(&text) {
                // A record edited by hand never names a path outside its folder.
                if file.id == name && file.stored == safe_name(&file.stored) {
                    files.push(file);
                }
            }
        }
        files.sort_by(|a, b| {
            (a.kind as u8, &a.name, a.uploaded).cmp(&(b.kind as u8, &b.name, b.uploaded))
        });
        Ok(files)
    }

    /// The stored file `id`.
    pub fn file(&self, id: &str) -> Result<StoredFile, WorkspaceError> {
        let missing = not_found(
            is_file_id(id),
            Said::new(
                "Không có tệp này trong không gian làm việc: có thể tệp đã bị xoá; hãy tải lại trang.",
                format!("there is no file {id} in the workspace"),
            ),
        )?;
        let text = std::fs::read_to_string(self.root.join("files").join(id).join("meta.json"))
            .map_err(|_| missing())?;
        serde_json::from_str::<StoredFile>(&text)
            .ok()
            .filter(|f| f.id == id && f.stored == safe_name(&f.stored))
            .ok_or_else(missing)
    }

    /// The folder of the stored file `id` (its bytes, record and check).
    pub fn file_folder(&self, id: &str) -> PathBuf {
        self.root.join("files").join(id)
    }

    /// Where the bytes of `file` are.
    pub fn file_path(&self, file: &StoredFile) -> PathBuf {
        self.root.join("files").join(&file.id).join(&file.stored)
    }

    /// Moves a complete upload (`staged`, in `tmp/`) into the workspace;
    /// returns the record and whether it is new (the same bytes already
    /// stored give the earlier record).
    pub fn add_file(
        &self,
        staged: &Path,
        name: &str,
        kind: FileKind,
        sha256: &str,
        size: u64,
        profile: Option<String>,
    ) -> Result<(StoredFile, bool), WorkspaceError> {
        let id = sha256[..16].to_string();
        if let Ok(existing) = self.file(&id) {
            return Ok((existing, false));
        }
        let record = StoredFile {
            id: id.clone(),
            name: visible(&name.chars().take(255).collect::<String>()),
            stored: safe_name(name),
            kind,
            sha256: sha256.to_string(),
            size,
            uploaded: now(),
            profile,
        };
        let entry = self.staging()?;
        std::fs::rename(staged, entry.path().join(&record.stored)).map_err(io("store", staged))?;
        let meta = serde_json::to_vec_pretty(&record).unwrap_or_default();
        write_atomically(&entry.path().join("meta.json"), &meta)?;
        let target = self.root.join("files").join(&id);
        let entry = entry.keep();
        std::fs::rename(&entry, &target).map_err(io("store", &target))?;
        Ok((record, true))
    }

    /// Rewrites the record of a stored file (its profile or kind).
    pub fn update_file(&self, file: &StoredFile) -> Result<(), WorkspaceError> {
        self.file(&file.id)?;
        let meta = serde_json::to_vec_pretty(file).unwrap_or_default();
        write_atomically(
            &self.root.join("files").join(&file.id).join("meta.json"),
            &meta,
        )
    }

    /// Removes a stored file.
    pub fn delete_file(&self, id: &str) -> Result<StoredFile, WorkspaceError> {
        let file = self.file(id)?;
        let folder = self.root.join("files").join(id);
        // Renamed away first, so that a crash never leaves half a file.
        let trash = self.root.join("tmp").join(format!("deleted-{id}"));
        std::fs::rename(&folder, &trash).map_err(io("delete", &folder))?;
        let _ = std::fs::remove_dir_all(&trash);
        Ok(file)
    }

    // ---- configuration (profiles: see `profiles.rs`) ----

    /// The configuration file, when one was uploaded.
    pub fn config_path(&self) -> Option<PathBuf> {
        let path = self.root.join("sipas.toml");
        path.is_file().then_some(path)
    }

    /// Saves the configuration.
    pub fn save_config(&self, toml: &str) -> Result<(), WorkspaceError> {
        write_atomically(&self.root.join("sipas.toml"), toml.as_bytes())
    }

    /// Saves a file the configuration names (a holiday schedule, targets,
    /// per-agency baselines) under the safe form of its name.
    pub fn save_attachment(&self, name: &str, bytes: &[u8]) -> Result<String, WorkspaceError> {
        let stored = safe_name(name);
        write_atomically(&self.root.join("attachments").join(&stored), bytes)?;
        Ok(stored)
    }

    /// The names of the files the configuration may name, in name order.
    pub fn attachments(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root.join("attachments"))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| *name == safe_name(name))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Where the file the configuration names `written` for `key` is kept:
    /// only a file uploaded beside the configuration, named by its name;
    /// anything else is refused with a sentence that says nothing of the
    /// server's disk.
    pub fn attachment(&self, key: &str, written: &Path) -> Result<PathBuf, String> {
        let text = written.to_string_lossy();
        let bare = !text.is_empty()
            && !text.contains(['/', '\\', ':'])
            && text != "."
            && text != ".."
            && written.components().count() == 1;
        if !bare {
            return Err(format!(
                "{key} = \"{text}\" is not the name of an uploaded file: in the workbench a configuration names only files uploaded beside it, by their name alone (such as lich-nghi.toml)"
            ));
        }
        let path = self.root.join("attachments").join(safe_name(&text));
        if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "{key} = \"{text}\" names a file that has not been uploaded: upload {text} on the Inputs page"
            ))
        }
    }

    // ---- runs ----

    /// Every run, newest first.
    pub fn runs(&self) -> Result<Vec<RunRecord>, WorkspaceError> {
        let folder = self.root.join("runs");
        let mut runs: Vec<RunRecord> = std::fs::read_dir(&folder)
            .map_err(io("read", &folder))?
            .flatten()
            .filter(|e| is_run_id(&e.file_name().to_string_lossy()))
            .filter_map(|e| std::fs::read_to_string(e.path().join("run.json")).ok())
            .filter_map(|text| serde_json::from_str(&text).ok())
            .collect();
        runs.sort_by(|a: &RunRecord, b| (b.id.len(), &b.id).cmp(&(a.id.len(), &a.id)));
        Ok(runs)
    }

    /// Deletes the run `id` and its report.
    pub fn delete_run(&self, id: &str) -> Result<(), WorkspaceError> {
        self.run(id)?;
        let folder = self.run_folder(id);
        std::fs::remove_dir_all(&folder).map_err(io("delete", &folder))
    }

    /// The run `id`.
    pub fn run(&self, id: &str) -> Result<RunRecord, WorkspaceError> {
        let missing = not_found(
            is_run_id(id),
            Said::new(
                "Không có lượt chạy này trong không gian làm việc: có thể nó đã bị xoá; hãy tải lại trang.",
                format!("there is no run {id} in the workspace"),
            ),
        )?;
        let text =
            std::fs::read_to_string(self.run_folder(id).join("run.json")).map_err(|_| missing())?;
        serde_json::from_str(&text).map_err(|_| missing())
    }

    /// The folder of run `id` (checked by the caller).
    pub fn run_folder(&self, id: &str) -> PathBuf {
        self.root.join("runs").join(id)
    }

    /// Starts a new run record, with the next free id.
    pub fn new_run(
        &self,
        request: RunRequest,
        files: Vec<String>,
    ) -> Result<RunRecord, WorkspaceError> {
        let folder = self.root.join("runs");
        for number in 1.. {
            let id = format!("r{number:04}");
            let path = folder.join(&id);
            // create_dir fails when another run took the id meanwhile.
            match std::fs::create_dir(&path) {
                Ok(()) => {
                    let run = RunRecord {
                        id,
                        status: "running".to_string(),
                        error: None,
                        error_vi: None,
                        period: None,
                        request,
                        files,
                        started: now(),
                    };
                    self.save_run(&run)?;
                    return Ok(run);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io("create", &path)(e)),
            }
        }
        unreachable!("run numbers are unbounded")
    }

    /// Rewrites the record of a run.
    pub fn save_run(&self, run: &RunRecord) -> Result<(), WorkspaceError> {
        let bytes = serde_json::to_vec_pretty(run).unwrap_or_default();
        write_atomically(&self.run_folder(&run.id).join("run.json"), &bytes)
    }
}

/// What a look-up of something the workspace does not hold returns, each
/// time it is called; the error itself when the id is not `well_formed`.
fn not_found(well_formed: bool, said: Said) -> Result<impl Fn() -> WorkspaceError, WorkspaceError> {
    if !well_formed {
        return Err(WorkspaceError::NotFound(said));
    }
    Ok(move || WorkspaceError::NotFound(said.clone()))
}
