//! Writing a report folder whole or not at all.
//!
//! The files are written into a hidden staging folder beside the target
//! (`.<name>.sipas-tmp-<pid>`, on the same file system so that renames are
//! atomic). When every file is complete, an existing report is renamed
//! aside, the staging folder renamed into place, and the old report
//! removed. A crash or Ctrl-C before that leaves the old report untouched
//! (and a hidden staging folder that the next run for the same folder
//! removes); between the two renames the old report is kept under
//! `.<name>.sipas-old-<pid>`. A folder holding files the tool does not write
//! is never replaced.

use std::path::{Path, PathBuf};

use super::ReportError;

/// What a staged write produced, with the staging folder it used.
#[derive(Debug)]
pub struct Staged<T> {
    /// The writer's result (paths inside `staging`).
    pub value: T,
    /// The staging folder the files were written in.
    pub staging: PathBuf,
}

/// Whether `name` is a file or folder the report writer produces.
pub fn is_report_entry(name: &str) -> bool {
    matches!(
        name,
        "summary.json"
            | "findings.csv"
            | "overdue.csv"
            | "due-soon.csv"
            | "agencies.csv"
            | "fields.csv"
            | "charts"
            | "public"
    ) || (name.starts_with("bao-cao-") && (name.ends_with(".xlsx") || name.ends_with(".docx")))
}

/// Runs `write` on an empty staging folder, then puts that folder in the
/// place of `folder`.
pub fn replace_folder<T>(
    folder: &Path,
    write: impl FnOnce(&Path) -> Result<T, ReportError>,
) -> Result<Staged<T>, ReportError> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| ReportError::Write { path, source }
    };
    let Some(name) = folder.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(ReportError::FolderUnnamed {
            path: folder.display().to_string(),
        });
    };
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    check_only_report_files(folder)?;
    if let Some(open) = file_held_open(folder) {
        return Err(ReportError::FileOpen {
            path: open.display().to_string(),
        });
    }
    remove_stale_staging(&parent, &name);

    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.sipas-tmp-{pid}"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(io(&staging))?;
    }
    std::fs::create_dir(&staging).map_err(io(&staging))?;
    let value = match write(&staging) {
        Ok(value) => value,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };

    let old = parent.join(format!(".{name}.sipas-old-{pid}"));
    if let Err(source) = crate::files::replace_folder(&staging, folder, &old) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(ReportError::Write {
            path: folder.display().to_string(),
            source,
        });
    }
    Ok(Staged { value, staging })
}

/// Refuses a folder that holds anything the report writer does not write.
fn check_only_report_files(folder: &Path) -> Result<(), ReportError> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    let mut foreign: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !is_report_entry(name))
        .collect();
    foreign.sort();
    match foreign.first() {
        Some(example) => Err(ReportError::FolderInUse {
            path: folder.display().to_string(),
            example: example.clone(),
        }),
        None => Ok(()),
    }
}

/// The first file of the previous report in `folder` that another program
/// holds open. On Windows, Excel and Word keep the files they show open and
/// locked, so the folder could not be replaced; elsewhere nothing locks a
/// file, and this finds none.
fn file_held_open(folder: &Path) -> Option<PathBuf> {
    if !cfg!(windows) {
        return None;
    }
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(next) = folders.pop() {
        for entry in std::fs::read_dir(&next).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(entry.path()),
                Ok(_) => files.push(entry.path()),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files.into_iter().find(|file| is_held_open(file))
}

/// Whether another program has `file` open: on Windows, opening it for
/// writing without sharing it fails with a sharing or lock violation.
#[cfg(windows)]
fn is_held_open(file: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    let opened = std::fs::OpenOptions::new()
        .append(true)
        .share_mode(0)
        .open(file);
    matches!(
        opened.map_err(|e| e.raw_os_error()),
        Err(Some(ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION))
    )
}

/// Whether another program has `file` open: nothing locks a file here.
#[cfg(not(windows))]
fn is_held_open(_file: &Path) -> bool {
    false
}

/// Removes staging folders of earlier interrupted runs for the same folder.
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.sipas-tmp-");
    let old_prefix = format!(".{name}.sipas-old-");
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if file_name.starts_with(&prefix) || file_name.starts_with(&old_prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}
