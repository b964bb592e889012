//! What sipas recognises in the workspace's files: each file's kind and
//! profile, and the check of every file as `sipas check` reads it — rows
//! read = accepted + rejected, the columns mapped and ignored, the findings.
//!
//! A file's check is kept beside it (`files/<id>/check.json`, with every
//! finding in `files/<id>/findings.bin`) and made again only when what it
//! depends on changes: the file's kind or profile, the profile's text, the
//! registry in force, or the configuration. Each file is checked on its
//! own; ids repeated across files are found by the run that reads them
//! together.

use super::names::UploadNames;
use crate::config::ConfigError;
use crate::messages::{FileNameOnly, Said};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::config::profile::Profile;
use crate::config::Config;
use crate::ingest::suggest::suggest;
use crate::ingest::{check_columns, read_registry, IngestError, InputRules, Inputs};
use crate::model::{save_findings, Finding, InputAccount, InputKind, ReasonCount, Registry};
use crate::observe::Observer;

use super::workspace::{write_atomically, FileKind, StoredFile, Workspace, WorkspaceError};

/// What a file's check depends on: when any of it changes, the file is
/// checked again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckKey {
    /// The version of sipas that checked it.
    version: String,
    /// The file's bytes.
    sha256: String,
    /// The kind it is read as.
    kind: FileKind,
    /// The saved profile it is read with, and the SHA-256 of its text.
    profile: Option<(String, String)>,
    /// The SHA-256 of the registry in force (data files only).
    registry: Option<String>,
    /// The SHA-256 of the workspace configuration.
    config: Option<String>,
}

/// One file as the check saw it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileCheck {
    /// The stored file.
    pub file: StoredFile,
    /// What the check depended on.
    pub key: CheckKey,
    /// Its accounting, when it could be read.
    pub account: Option<InputAccount>,
    /// Agencies in a registry file.
    pub agencies: Option<usize>,
    /// Of those, the ones that ended (`valid_until`) and the ones whose
    /// work another took over (`successor`).
    #[serde(default)]
    pub ended: (usize, usize),
    /// Why it could not be read.
    pub error: Option<Said>,
    /// The file's columns do not map: it needs a profile (the mapping form).
    pub needs_mapping: bool,
    /// The first and last days of its accepted rows, once read.
    #[serde(default)]
    pub days: Option<(crate::calendar::Day, crate::calendar::Day)>,
    /// A registry that a later one replaces.
    #[serde(skip)]
    pub superseded: bool,
    /// The first findings of each reason (files named as uploaded).
    pub findings: Vec<Finding>,
    /// How many findings of each reason there are.
    pub counts: Vec<ReasonCount>,
}

/// The check of the whole workspace.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceCheck {
    /// Every file, in workspace order.
    pub files: Vec<Arc<FileCheck>>,
    /// Why the configuration cannot be used.
    pub config_error: Option<Said>,
}

impl WorkspaceCheck {
    /// The first findings of each file and reason, file by file.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    /// How many findings each file has of each reason.
    pub fn counts(&self) -> impl Iterator<Item = &ReasonCount> {
        self.files.iter().flat_map(|f| f.counts.iter())
    }
}

/// The checks made so far, by file id, and the one lock checks take (a
/// long check never holds the workspace's lock).
#[derive(Debug, Default)]
pub struct CheckCache {
    checks: Mutex<HashMap<String, Arc<FileCheck>>>,
    checking: Mutex<()>,
}

/// Whether an ingest error says the columns do not map (a profile can fix it).
pub fn is_mapping_error(error: &IngestError) -> bool {
    matches!(
        error,
        IngestError::MissingColumns { .. }
            | IngestError::ProfileMissing(_)
            | IngestError::NoCriterionColumn { .. }
            | IngestError::ProfileNoHeader(_)
            | IngestError::UnknownCriterion { .. }
    )
}

/// The workspace configuration (the defaults when none was uploaded). The
/// files it names are files uploaded beside it (see
/// [`Workspace::attachment`]); nothing else of the server's disk is read.
pub fn workspace_config(workspace: &Workspace) -> Result<Config, Said> {
    let said = |e: &ConfigError| Said::of(e, &FileNameOnly);
    match workspace.config_path() {
        Some(path) => {
            let text = crate::config::read_settings(&path).map_err(|e| said(&e))?;
            Config::parse_with(&text, "sipas.toml", |key, file| {
                workspace.attachment(key, file)
            })
            .map_err(|e| said(&e))
        }
        None => Ok(Config::default()),
    }
}

/// The registry file in force: the latest uploaded.
pub fn registry_file(files: &[StoredFile]) -> Option<&StoredFile> {
    files
        .iter()
        .filter(|f| f.kind == FileKind::Agencies)
        .max_by_key(|f| (f.uploaded, f.name.clone()))
}

/// Loads the saved profile `name`.
pub fn load_profile(workspace: &Workspace, name: &str) -> Result<Profile, Said> {
    let path = workspace.profile_path(name).map_err(|e| e.said())?;
    Profile::load(&path).map_err(|e| Said::of(&e, &UploadNames::one(&path, name)))
}

/// SHA-256 of a file's bytes, lower-case hex; None when it cannot be read.
fn sha256_of(path: &Path) -> Option<String> {
    use sha2::Digest;
    let bytes = std::fs::read(path).ok()?;
    Some(
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// Where a file's check is kept.
fn check_path(workspace: &Workspace, file: &StoredFile) -> PathBuf {
    workspace.file_folder(&file.id).join("check.json")
}

/// Where a file's findings are kept, every one.
pub fn findings_path(workspace: &Workspace, file: &StoredFile) -> PathBuf {
    workspace.file_folder(&file.id).join("findings.bin")
}

/// What the workspace's files are checked against.
struct Context {
    config: Config,
    config_error: Option<Said>,
    config_sha: Option<String>,
    registry_file: Option<StoredFile>,
    registry_sha: Option<String>,
}

impl Context {
    fn of(workspace: &Workspace, files: &[StoredFile]) -> Self {
        let config = workspace_config(workspace);
        let registry_file = registry_file(files).cloned();
        Self {
            config_error: config.as_ref().err().cloned(),
            config: config.unwrap_or_default(),
            config_sha: workspace.config_path().and_then(|p| sha256_of(&p)),
            registry_sha: registry_file.as_ref().map(|f| f.sha256.clone()),
            registry_file,
        }
    }

    /// What the check of `file` depends on.
    fn key(&self, workspace: &Workspace, file: &StoredFile) -> CheckKey {
        let data = file.kind != FileKind::Agencies;
        CheckKey {
            version: env!("CARGO_PKG_VERSION").to_string(),
            sha256: file.sha256.clone(),
            kind: file.kind,
            profile: file.profile.as_ref().filter(|_| data).map(|name| {
                let text = workspace
                    .profile_path(name)
                    .ok()
                    .and_then(|p| sha256_of(&p))
                    .unwrap_or_default();
                (name.clone(), text)
            }),
            registry: self.registry_sha.clone().filter(|_| data),
            config: self.config_sha.clone().filter(|_| data),
        }
    }
}

impl CheckCache {
    /// The check of every file of the workspace: the kept checks of the
    /// files whose key has not changed, the others checked now (one check
    /// at a time, telling `observer` the rows read).
    pub fn check_workspace(
        &self,
        workspace: &Workspace,
        observer: &dyn Observer,
    ) -> Result<WorkspaceCheck, WorkspaceError> {
        let _one_check = self
            .checking
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let files = workspace.files()?;
        let context = Context::of(workspace, &files);
        let mut registry = Registry::default();
        let mut checks = Vec::with_capacity(files.len());
        // The registry first: the data files are read against it.
        let mut ordered: Vec<&StoredFile> = files.iter().collect();
        ordered.sort_by_key(|f| f.kind != FileKind::Agencies);
        let mut by_id: HashMap<String, Arc<FileCheck>> = HashMap::new();
        for file in ordered {
            let key = context.key(workspace, file);
            let check = match self.kept(workspace, file, &key) {
                Some(check) => check,
                None => {
                    let check = check_file(workspace, file, key, &context, &registry, observer);
                    let check = Arc::new(check);
                    // A check that cannot be kept is made again next time.
                    let _ = keep(workspace, &check);
                    check
                }
            };
            if context.registry_file.as_ref().map(|f| &f.id) == Some(&file.id)
                && check.error.is_none()
            {
                if let Ok(read) = read_registry(&workspace.file_path(file)) {
                    registry = read;
                }
            }
            by_id.insert(file.id.clone(), check);
        }
        for file in &files {
            if let Some(check) = by_id.get(&file.id) {
                let superseded = file.kind == FileKind::Agencies
                    && context.registry_file.as_ref().map(|f| &f.id) != Some(&file.id);
                let mut check = check.clone();
                if check.superseded != superseded || check.file != *file {
                    let mut changed = (*check).clone();
                    changed.superseded = superseded;
                    changed.file = file.clone();
                    check = Arc::new(changed);
                }
                checks.push(check);
            }
        }
        if let Ok(mut kept) = self.checks.lock() {
            *kept = by_id;
        }
        Ok(WorkspaceCheck {
            files: checks,
            config_error: context.config_error,
        })
    }

    /// The kept check of `file` when it was made under `key`: from memory,
    /// else from the workspace.
    fn kept(
        &self,
        workspace: &Workspace,
        file: &StoredFile,
        key: &CheckKey,
    ) -> Option<Arc<FileCheck>> {
        if let Some(check) = self.checks.lock().ok()?.get(&file.id) {
            if check.key == *key {
                return Some(check.clone());
            }
        }
        let text = std::fs::read_to_string(check_path(workspace, file)).ok()?;
        let check: FileCheck = serde_json::from_str(&text).ok()?;
        (check.key == *key && findings_path(workspace, file).exists()).then(|| Arc::new(check))
    }
}

/// Writes a file's check beside it.
fn keep(workspace: &Workspace, check: &FileCheck) -> Result<(), WorkspaceError> {
    let json = serde_json::to_vec(check).unwrap_or_default();
    write_atomically(&check_path(workspace, &check.file), &json)
}

/// Reads `path` of one kind with `profile` as `sipas check` does.
fn read_kind(
    kind: FileKind,
    path: &Path,
    registry: &Registry,
    profile: &Profile,
    rules: &InputRules,
    observer: &dyn Observer,
) -> Result<Inputs, IngestError> {
    let mut registry = registry.clone();
    let paths = [path.to_path_buf()];
    let (feedback, survey) = match kind {
        FileKind::Survey => (&[][..], &paths[..]),
        _ => (&paths[..], &[][..]),
    };
    Inputs::read_observed(feedback, survey, &mut registry, profile, rules, observer)
}

/// Checks one file: a registry is read as one, a data file as `sipas
/// check` reads it; its findings are written beside it.
fn check_file(
    workspace: &Workspace,
    file: &StoredFile,
    key: CheckKey,
    context: &Context,
    registry: &Registry,
    observer: &dyn Observer,
) -> FileCheck {
    let path = workspace.file_path(file);
    let mut check = FileCheck {
        file: file.clone(),
        key,
        account: None,
        agencies: None,
        ended: (0, 0),
        error: None,
        needs_mapping: false,
        days: None,
        superseded: false,
        findings: Vec::new(),
        counts: Vec::new(),
    };
    // Say the name the user knows, not where the workspace keeps it.
    let mut names = UploadNames::one(&path, &file.name);
    if let Some(profile) = &file.profile {
        if let Ok(kept) = workspace.profile_path(profile) {
            names = names.with(&kept, profile);
        }
    }
    let saved = findings_path(workspace, file);
    if file.kind == FileKind::Agencies {
        match read_registry(&path) {
            Ok(read) => {
                check.agencies = Some(read.len());
                let lives = read.agencies().iter().map(|a| &a.lifetime);
                check.ended = lives.fold((0, 0), |(ended, succeeded), life| {
                    (
                        ended + usize::from(life.valid_until.is_some()),
                        succeeded + usize::from(life.successor.is_some()),
                    )
                });
            }
            Err(e) => check.error = Some(Said::of(&e, &names)),
        }
        let _ = std::fs::write(&saved, b"");
        return check;
    }
    let profile = match &file.profile {
        Some(name) => match load_profile(workspace, name) {
            Ok(profile) => profile,
            Err(said) => {
                check.error = Some(said);
                return check;
            }
        },
        None => Profile::default(),
    };
    let rules = InputRules {
        criteria: context.config.questionnaire().extra_codes(),
        snapshots: context.config.snapshots,
        csv_block_bytes: None,
        names: Default::default(),
    };
    match read_kind(file.kind, &path, registry, &profile, &rules, observer) {
        Ok(inputs) => {
            check.days = inputs.days();
            check.account = inputs.accounts.into_iter().next();
            let rename = |_: &str| file.name.clone();
            check.findings = inputs
                .findings
                .kept()
                .map(|f| Finding {
                    file: file.name.clone(),
                    ..f.clone()
                })
                .collect();
            check.counts = inputs
                .findings
                .counts()
                .map(|c| ReasonCount {
                    file: file.name.clone(),
                    ..c.clone()
                })
                .collect();
            if let Err(e) = save_findings(&inputs.findings, &saved, rename) {
                check.error = Some(Said::new(
                    format!(
                        "Không lưu được danh sách lỗi dữ liệu của “{}”: hãy kiểm tra ổ đĩa còn chỗ trống.",
                        file.name
                    ),
                    format!("the findings of {} could not be kept: {e}", file.name),
                ));
            }
        }
        Err(e) => {
            check.needs_mapping = is_mapping_error(&e);
            check.error = Some(Said::of(&e, &names));
            let _ = std::fs::write(&saved, b"");
        }
    }
    check
}

/// Recognises an upload: its kind (the one given, or a registry when it
/// reads as one, else what the profile suggester guesses), and the saved
/// profile it needs when its columns do not map as they are.
pub fn recognise(
    workspace: &Workspace,
    path: &std::path::Path,
    given: Option<FileKind>,
) -> Result<(FileKind, Option<String>), IngestError> {
    let kind = match given {
        Some(kind) => kind,
        None if read_registry(path).is_ok() => FileKind::Agencies,
        None => match suggest(path)?.kind {
            InputKind::Feedback => FileKind::Feedback,
            InputKind::Survey => FileKind::Survey,
        },
    };
    if kind == FileKind::Agencies {
        return Ok((kind, None));
    }
    let criteria = workspace_config(workspace)
        .unwrap_or_default()
        .questionnaire()
        .extra_codes();
    let input_kind = match kind {
        FileKind::Survey => InputKind::Survey,
        _ => InputKind::Feedback,
    };
    // Only the header is looked at here: the rows are read by the check
    // that follows the upload.
    match check_columns(path, input_kind, None, &criteria) {
        Ok(()) => return Ok((kind, None)),
        Err(e) if !is_mapping_error(&e) => return Err(e),
        Err(_) => {}
    }
    // A saved profile for this kind whose columns the file has.
    for name in workspace.profiles().unwrap_or_default() {
        let Ok(profile) = load_profile(workspace, &name) else {
            continue;
        };
        let section = match kind {
            FileKind::Survey => profile.survey.as_ref(),
            _ => profile.feedback.as_ref(),
        };
        if section.is_some_and(|s| check_columns(path, input_kind, Some(s), &criteria).is_ok()) {
            return Ok((kind, Some(name)));
        }
    }
    Ok((kind, None))
}
