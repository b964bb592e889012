//! What the workbench does on a request, whichever front asks (the JSON
//! API or a page's form): store uploads, remove a file, keep a profile,
//! begin and stop a run, open a report file. Each takes the workspace's
//! lock of changes where it changes something and checks the workspace
//! again after.

use crate::messages::Said;
use axum::extract::Multipart;
use axum::http::StatusCode;

use super::check::recognise;
use super::error::ApiError;
use super::replies::{FileReply, StoredReply};
use super::upload::{receive, store, Stored};
use super::workspace::{FileKind, RunRecord, RunRequest};
use super::AppState;

/// Runs blocking work off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Said::new(
                "Công việc bị dừng giữa chừng do lỗi nội bộ; không có gì bị thay đổi: hãy thử lại.",
                format!("the work stopped: {e}"),
            ),
        )
    })
}

/// Stores uploaded parts and checks the workspace again; the records of
/// the parts, and whether any was new.
pub async fn upload(
    state: &AppState,
    multipart: Multipart,
) -> Result<(Vec<StoredReply>, bool), ApiError> {
    let (parts, kind) = receive(&state.workspace, multipart, state.options.max_upload_mb).await?;
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        let mut stored = Vec::new();
        // Every part is stored first, then the workspace is checked once
        // (data files against the registry, whatever order they came in),
        // the workspace free for other changes meanwhile.
        for part in parts {
            match store(&worker.workspace, part, kind) {
                Ok(s) => stored.push(s),
                Err(mut refused) => {
                    drop(one_change);
                    let _ = worker.recheck();
                    if !stored.is_empty() {
                        let kept = stored.len();
                        refused.said.vi.push_str(&format!(
                            " ({kept} tệp trước nó trong lần tải lên này đã được giữ lại.)"
                        ));
                        refused.said.en.push_str(&format!(
                            " (the {kept} files before it in this upload were kept)"
                        ));
                    }
                    return Err(refused);
                }
            }
        }
        drop(one_change);
        let check = worker.recheck()?;
        let mut created = false;
        // What the configuration says now, read with its attachments.
        let config_error = check.config_error.as_ref().map(|s| s.en.clone());
        let records = stored
            .iter()
            .map(|s| match s {
                Stored::File(file, new) => {
                    created |= *new;
                    check
                        .files
                        .iter()
                        .find(|c| c.file.id == file.id)
                        .map_or_else(
                            || StoredReply::named(file),
                            |f| StoredReply::File(Box::new(FileReply::of(f))),
                        )
                }
                Stored::Profile(name) => {
                    created = true;
                    StoredReply::setting(name, "profile", None)
                }
                Stored::Config(name) => {
                    created = true;
                    StoredReply::setting(name, "config", Some(config_error.clone()))
                }
                Stored::Attachment(name) => {
                    created = true;
                    StoredReply::setting(name, "attachment", Some(config_error.clone()))
                }
            })
            .collect();
        Ok((records, created))
    })
    .await?
}

/// Removes a file and checks the workspace again.
pub async fn remove(state: &AppState, id: String) -> Result<(), ApiError> {
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        worker.workspace.delete_file(&id)?;
        drop(one_change);
        worker.recheck()?;
        Ok(())
    })
    .await?
}

/// Saves a profile after checking it, gives it to the unmapped files it
/// fits, and checks the workspace again.
/// `for_file` is a file to read with it whatever it is (the one the
/// mapping form was for), with the kind the form gave it.
pub async fn keep_profile(
    state: &AppState,
    name: String,
    toml: String,
    for_file: Option<(String, FileKind)>,
) -> Result<(), ApiError> {
    crate::config::profile::Profile::parse(&toml, &format!("{name}.toml")).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Said::of(&e, &crate::messages::FileNameOnly),
        )
    })?;
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        let workspace = &worker.workspace;
        workspace.save_profile(&name, &toml)?;
        if let Some((id, kind)) = &for_file {
            let mut file = workspace.file(id)?;
            file.profile = Some(name.clone());
            file.kind = *kind;
            workspace.update_file(&file)?;
        }
        // The files waiting for a profile (as the last check saw them), the
        // one the profile was written for aside: the workspace is checked
        // once, at the end.
        let check = worker.checked();
        let chosen = for_file.as_ref().map(|(id, _)| id.as_str());
        for file in check
            .files
            .iter()
            .filter(|f| f.needs_mapping && Some(f.file.id.as_str()) != chosen)
        {
            let path = workspace.file_path(&file.file);
            if let Ok((_, Some(profile))) = recognise(workspace, &path, Some(file.file.kind)) {
                let mut updated = file.file.clone();
                updated.profile = Some(profile);
                workspace.update_file(&updated)?;
            }
        }
        drop(one_change);
        worker.recheck()?;
        Ok(())
    })
    .await?
}

/// Checks a request and starts the run on a blocking thread; its record.
pub async fn begin_run(state: &AppState, request: RunRequest) -> Result<RunRecord, ApiError> {
    let worker = state.clone();
    blocking(move || {
        let workspace = &worker.workspace;
        let prepared = super::runs::prepare(workspace, &request)?;
        super::runs::has_data(&prepared, &worker.checked())
            .map_err(|said| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, said))?;
        let ids = prepared.files.iter().map(|f| f.id.clone()).collect();
        let run = workspace.new_run(request, ids)?;
        if let Ok(mut board) = worker.board.lock() {
            board.insert(run.id.clone(), super::runs::RunProgress::default());
        }
        let started = run.clone();
        let board = worker.board.clone();
        let workspace = worker.workspace.clone();
        let limit = worker.options.run_time_limit;
        std::thread::spawn(move || super::runs::execute(&workspace, run, prepared, board, limit));
        Ok(started)
    })
    .await?
}

/// Renames a saved profile (`to` given) or deletes it, then checks the
/// workspace again.
pub async fn change_profile(
    state: &AppState,
    name: String,
    to: Option<String>,
) -> Result<(), ApiError> {
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        match to {
            Some(to) => worker.workspace.rename_profile(&name, &to)?,
            None => worker.workspace.delete_profile(&name)?,
        }
        drop(one_change);
        worker.recheck()?;
        Ok(())
    })
    .await?
}

/// Deletes a run that is not running, with its report.
pub async fn delete_run(state: &AppState, id: String) -> Result<(), ApiError> {
    let run = state.workspace.run(&id)?;
    if run.status == "running" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(
                "Lượt chạy này đang chạy: hãy dừng nó trước khi xoá.",
                format!("run {id} is running: stop it before deleting it"),
            ),
        ));
    }
    let one_change = state.changes.clone().lock_owned().await;
    let worker = state.clone();
    blocking(move || {
        worker.workspace.delete_run(&id)?;
        drop(one_change);
        Ok(())
    })
    .await?
}

/// Asks a running run to stop; it ends "failed", saying it was stopped.
pub fn stop_run(state: &AppState, id: &str) -> Result<(), ApiError> {
    let run = state.workspace.run(id)?;
    if run.status != "running" {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(
                "Lượt chạy này không còn đang chạy.",
                format!("run {id} is not running"),
            ),
        ));
    }
    if let Ok(board) = state.board.lock() {
        if let Some(progress) = board.get(id) {
            progress
                .stop
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    Ok(())
}

/// The finished run `id`, or the response saying why not.
pub fn finished(state: &AppState, id: &str) -> Result<(), ApiError> {
    let run = state.workspace.run(id)?;
    match run.status.as_str() {
        "done" => Ok(()),
        "running" => Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(
                "Lượt chạy này vẫn đang chạy: hãy đợi nó xong.",
                format!("run {id} is still running"),
            ),
        )),
        _ => Err(ApiError::new(
            StatusCode::CONFLICT,
            Said::new(
                format!(
                    "Lượt chạy này không thành công: {}",
                    run.error_vi
                        .as_deref()
                        .or(run.error.as_deref())
                        .unwrap_or_default()
                ),
                format!("run {id} failed: {}", run.error.unwrap_or_default()),
            ),
        )),
    }
}

/// A file of a finished run's report folder, found in its listing (a
/// name never becomes a path by itself), opened.
pub fn report_file(state: &AppState, id: &str, name: &str) -> Result<std::fs::File, ApiError> {
    finished(state, id)?;
    let files = super::runs::report_files(&state.workspace, id);
    let listed = files.iter().find(|f| f.as_str() == name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            Said::new(
                format!("Báo cáo của lượt chạy này không có tệp “{name}”."),
                format!("run {id} has no file {name}"),
            ),
        )
    })?;
    std::fs::File::open(state.workspace.run_folder(id).join("report").join(listed)).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Said::new(
                format!("Không mở được tệp “{name}” của báo cáo."),
                e.to_string(),
            ),
        )
    })
}
