//! What sipas recognises in the workspace's files: each file's kind and
//! profile, and the check of every file as `sipas check` reads it — rows
//! read = accepted + rejected, the columns mapped and ignored, the findings.

use std::path::PathBuf;

use crate::config::profile::Profile;
use crate::config::Config;
use crate::ingest::suggest::suggest;
use crate::ingest::{check_columns, read_registry, IngestError, InputRules, Inputs};
use crate::model::{Finding, InputAccount, InputKind, Registry};
use crate::observe::Observer;

use super::workspace::{FileKind, StoredFile, Workspace, WorkspaceError};

/// One file as the check saw it.
#[derive(Debug, Clone)]
pub struct FileCheck {
    /// The stored file.
    pub file: StoredFile,
    /// Its accounting, when it could be read.
    pub account: Option<InputAccount>,
    /// Agencies in a registry file.
    pub agencies: Option<usize>,
    /// Why it could not be read.
    pub error: Option<String>,
    /// The file's columns do not map: it needs a profile (the mapping form).
    pub needs_mapping: bool,
    /// A registry that a later one replaces.
    pub superseded: bool,
}

/// The check of the whole workspace.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceCheck {
    /// Every file, in workspace order.
    pub files: Vec<FileCheck>,
    /// Every finding, file by file.
    pub findings: Vec<Finding>,
    /// Why the configuration cannot be used.
    pub config_error: Option<String>,
}

impl WorkspaceCheck {
    /// The original name of the file stored at `path` (findings name paths).
    pub fn name_of(&self, path: &str) -> String {
        self.files
            .iter()
            .find(|f| f.account.as_ref().is_some_and(|a| a.path == path))
            .map(|f| f.file.name.clone())
            .unwrap_or_else(|| path.to_string())
    }
}

/// Whether an ingest error says the columns do not map (a profile can fix it).
pub fn is_mapping_error(error: &IngestError) -> bool {
    matches!(
        error,
        IngestError::MissingColumns { .. }
            | IngestError::ProfileMissing { .. }
            | IngestError::Profile { .. }
    )
}

/// The workspace configuration (the defaults when none was uploaded).
pub fn workspace_config(workspace: &Workspace) -> Result<Config, String> {
    match workspace.config_path() {
        Some(path) => Config::load(&path).map_err(|e| e.to_string()),
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
pub fn load_profile(workspace: &Workspace, name: &str) -> Result<Profile, String> {
    let path = workspace.profile_path(name).map_err(|e| e.to_string())?;
    Profile::load(&path).map_err(|e| e.to_string())
}

/// Reads `paths` of one kind with `profile` as `sipas check` does.
fn read_kind(
    kind: FileKind,
    paths: &[PathBuf],
    registry: &Registry,
    profile: &Profile,
    rules: &InputRules,
    observer: &dyn Observer,
) -> Result<Inputs, IngestError> {
    let mut registry = registry.clone();
    let (feedback, survey) = match kind {
        FileKind::Survey => (&[][..], paths),
        _ => (paths, &[][..]),
    };
    Inputs::read_observed(feedback, survey, &mut registry, profile, rules, observer)
}

/// Checks every file of the workspace.
pub fn check_workspace(
    workspace: &Workspace,
    observer: &dyn Observer,
) -> Result<WorkspaceCheck, WorkspaceError> {
    let files = workspace.files()?;
    let mut check = WorkspaceCheck::default();
    let config = workspace_config(workspace);
    if let Err(message) = &config {
        check.config_error = Some(message.clone());
    }
    let config = config.unwrap_or_default();
    let rules = InputRules {
        criteria: config.questionnaire().extra_codes(),
        snapshots: config.snapshots,
        csv_block_bytes: None,
    };
    let in_force = registry_file(&files).map(|f| f.id.clone());
    let mut registry = Registry::default();
    let mut results: Vec<FileCheck> = files
        .iter()
        .map(|file| FileCheck {
            file: file.clone(),
            account: None,
            agencies: None,
            error: None,
            needs_mapping: false,
            superseded: file.kind == FileKind::Agencies && in_force.as_ref() != Some(&file.id),
        })
        .collect();
    if let Some(result) = results
        .iter_mut()
        .find(|r| in_force.as_ref() == Some(&r.file.id))
    {
        match read_registry(&workspace.file_path(&result.file)) {
            Ok(read) => {
                result.agencies = Some(read.len());
                registry = read;
            }
            Err(e) => result.error = Some(e.to_string()),
        }
    }
    // Files of a kind read with the same profile are read together, as one
    // `sipas check` would read them.
    let mut groups: Vec<(FileKind, Option<String>)> = Vec::new();
    for file in files.iter().filter(|f| f.kind != FileKind::Agencies) {
        let key = (file.kind, file.profile.clone());
        if !groups.contains(&key) {
            groups.push(key);
        }
    }
    for (kind, profile_name) in groups {
        let members: Vec<usize> = (0..files.len())
            .filter(|&i| files[i].kind == kind && files[i].profile == profile_name)
            .collect();
        let profile = match &profile_name {
            Some(name) => match load_profile(workspace, name) {
                Ok(p) => p,
                Err(message) => {
                    for &i in &members {
                        results[i].error = Some(message.clone());
                    }
                    continue;
                }
            },
            None => Profile::default(),
        };
        let paths: Vec<PathBuf> = members
            .iter()
            .map(|&i| workspace.file_path(&files[i]))
            .collect();
        match read_kind(kind, &paths, &registry, &profile, &rules, observer) {
            Ok(inputs) => {
                for (account, &i) in inputs.accounts.into_iter().zip(&members) {
                    results[i].account = Some(account);
                }
                check.findings.extend(inputs.findings);
            }
            // One file stops the group: read each alone to say which.
            Err(_) => {
                for (path, &i) in paths.iter().zip(&members) {
                    match read_kind(
                        kind,
                        std::slice::from_ref(path),
                        &registry,
                        &profile,
                        &rules,
                        observer,
                    ) {
                        Ok(inputs) => {
                            results[i].account = inputs.accounts.into_iter().next();
                            check.findings.extend(inputs.findings);
                        }
                        Err(e) => {
                            results[i].needs_mapping = is_mapping_error(&e);
                            // Say the name the user knows, not where the workspace keeps it.
                            let message = e
                                .to_string()
                                .replace(&path.display().to_string(), &files[i].name);
                            results[i].error = Some(message);
                        }
                    }
                }
            }
        }
    }
    check.files = results;
    Ok(check)
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
