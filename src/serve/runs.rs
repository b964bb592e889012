//! Runs of the report from the workspace's files: the same library calls
//! as `sipas report`, on a blocking thread, written whole or not at all.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::config::profile::Profile;
use crate::messages::{FileNameOnly, Message, Said};
use crate::observe::{Observer, Stage};
use crate::pipeline::{load_named, write_period_report, RunSettings};
use crate::report::labels::Lang;
use crate::request::{ConfigSource, ProfileSource, RequestError};

use super::check::WorkspaceCheck;
use super::names::UploadNames;
use crate::calendar::days::format_vn;
use crate::calendar::Day;
use crate::pipeline::PeriodChoice;

use super::check::{load_profile, registry_file, workspace_config};
use super::workspace::{FileKind, RunRecord, RunRequest, StoredFile, Workspace, WorkspaceError};

/// Where a running run is: its stage and rows read, and whether it was
/// asked to stop.
#[derive(Debug, Clone, Default)]
pub struct RunProgress {
    /// The stage under way.
    pub stage: Option<Stage>,
    /// Rows read so far.
    pub rows: u64,
    /// Set to stop the run.
    pub stop: Arc<std::sync::atomic::AtomicBool>,
}

/// Progress of the runs under way, by id.
pub type RunBoard = Arc<Mutex<HashMap<String, RunProgress>>>;

/// Tells a run's progress to the board, and stops it when asked or when
/// its time is up.
struct BoardObserver {
    board: RunBoard,
    id: String,
    stop: Arc<std::sync::atomic::AtomicBool>,
    deadline: std::time::Instant,
}

impl BoardObserver {
    fn out_of_time(&self) -> bool {
        std::time::Instant::now() >= self.deadline
    }
}

impl Observer for BoardObserver {
    fn stage(&self, stage: &Stage) {
        if let Ok(mut board) = self.board.lock() {
            board.entry(self.id.clone()).or_default().stage = Some(stage.clone());
        }
    }

    fn rows(&self, count: u64) {
        if let Ok(mut board) = self.board.lock() {
            board.entry(self.id.clone()).or_default().rows = count;
        }
    }

    fn cancelled(&self) -> bool {
        self.stop.load(std::sync::atomic::Ordering::Relaxed) || self.out_of_time()
    }
}

/// A run checked and ready to start.
#[derive(Debug)]
pub struct PreparedRun {
    /// The settings, as `sipas report` would resolve them.
    pub settings: RunSettings,
    /// The language of the report.
    pub lang: Lang,
    /// The files read.
    pub files: Vec<StoredFile>,
}

/// The files of a run: those asked for (all by default), in workspace order.
fn chosen_files(
    workspace: &Workspace,
    request: &RunRequest,
) -> Result<Vec<StoredFile>, WorkspaceError> {
    let all = workspace.files()?;
    let chosen = match &request.files {
        None => all.clone(),
        Some(ids) => {
            let mut chosen = Vec::new();
            for id in ids {
                chosen.push(workspace.file(id)?);
            }
            // Workspace order, whatever the order asked.
            chosen.sort_by_key(|f| all.iter().position(|a| a.id == f.id));
            chosen
        }
    };
    Ok(chosen)
}

/// The library's request of a run of the workbench: the chosen files of
/// each kind with the saved profile they share, the registry in force and
/// the workspace configuration (see [`crate::request`]).
pub fn run_request(
    workspace: &Workspace,
    request: &RunRequest,
) -> Result<(crate::request::RunRequest, Vec<StoredFile>), WorkspaceError> {
    let refuse = WorkspaceError::Refused;
    let chosen = chosen_files(workspace, request)?;
    let config = workspace_config(workspace).map_err(refuse)?;
    let mut profile = Profile::default();
    let mut feedback = Vec::new();
    let mut survey = Vec::new();
    for kind in [FileKind::Feedback, FileKind::Survey] {
        let files: Vec<&StoredFile> = chosen.iter().filter(|f| f.kind == kind).collect();
        let mut names: Vec<Option<String>> = files.iter().map(|f| f.profile.clone()).collect();
        names.dedup();
        if names.len() > 1 {
            let list = |none: &str| {
                let named: Vec<String> = files
                    .iter()
                    .map(|f| format!("{} ({})", f.name, f.profile.as_deref().unwrap_or(none)))
                    .collect();
                named.join(", ")
            };
            return Err(refuse(Said::new(
                format!(
                    "Các tệp cùng loại của một lượt chạy phải được đọc bằng cùng một hồ sơ ánh xạ, nhưng các tệp này thì không: {}. Hãy chỉ đánh dấu các tệp cùng định dạng, hoặc chạy từng định dạng riêng.",
                    list("không có hồ sơ")
                ),
                format!(
                    "the {} files of one run must be read with the same profile, and these are not: {}; choose the files of one format",
                    kind.code(),
                    list("no profile")
                ),
            )));
        }
        if let Some(Some(name)) = names.first() {
            let loaded = load_profile(workspace, name).map_err(refuse)?;
            match kind {
                FileKind::Survey => profile.survey = loaded.survey,
                _ => profile.feedback = loaded.feedback,
            }
        }
        let paths: Vec<PathBuf> = files.iter().map(|f| workspace.file_path(f)).collect();
        match kind {
            FileKind::Survey => survey = paths,
            _ => feedback = paths,
        }
    }
    // Only a registry chosen is used: a run of listed files leaves out an
    // unlisted one, as the report form leaves out an unticked one.
    let registry = registry_file(&chosen);
    let mut files: Vec<StoredFile> = chosen
        .iter()
        .filter(|f| f.kind != FileKind::Agencies)
        .cloned()
        .collect();
    files.extend(registry.cloned());
    let library = crate::request::RunRequest {
        feedback,
        survey,
        agencies: registry.map(|f| workspace.file_path(f)),
        config: ConfigSource::Loaded(Box::new(config)),
        profile: ProfileSource::Loaded(Box::new(profile)),
        period: request.period.clone(),
        as_of: request.as_of.clone(),
        calendar_periods: request.calendar_periods,
        snapshots: request.snapshots,
        lang: request.lang.clone(),
        sample_folder: None,
    };
    Ok((library, files))
}

/// Checks a run request against the workspace and resolves its settings,
/// as the command line resolves its flags.
pub fn prepare(workspace: &Workspace, request: &RunRequest) -> Result<PreparedRun, WorkspaceError> {
    // What is asked is checked before any file is looked at.
    crate::request::asked(&crate::request::RunRequest {
        period: request.period.clone(),
        as_of: request.as_of.clone(),
        lang: request.lang.clone(),
        calendar_periods: request.calendar_periods,
        ..Default::default()
    })
    .map_err(|e| WorkspaceError::Refused(Said::of(&e, &FileNameOnly)))?;
    let (library, files) = run_request(workspace, request)?;
    let resolved = crate::request::resolve(&library).map_err(|e| {
        WorkspaceError::Refused(match e {
            RequestError::NoDataFile => Said::new(
                "Lượt chạy chưa có tệp phản ánh, kiến nghị hay tệp khảo sát nào: hãy tải lên ở trang Dữ liệu.",
                "the run has no feedback or survey file: upload one on the Inputs page",
            ),
            RequestError::NoRegistry if registry_file(&workspace.files().unwrap_or_default()).is_some() => Said::new(
                "Các tệp đã chọn ghi tên cơ quan theo danh mục, nhưng danh mục cơ quan chưa được chọn cho lượt chạy: hãy đánh dấu tệp danh mục cơ quan, hoặc ánh xạ tệp để lấy tên cơ quan như trong tệp.",
                "the chosen files name agencies of the registry, and the run has no registry: tick the agency registry, or map the files with agencies taken as named",
            ),
            RequestError::NoRegistry => Said::new(
                "Không gian làm việc chưa có danh mục cơ quan: hãy tải lên danh mục cơ quan (mã, tên, cấp), hoặc ánh xạ tệp để lấy tên cơ quan như trong tệp.",
                "the workspace has no agency registry: upload agencies.csv (code, name, level), or map the files with agencies taken as named",
            ),
            other => Said::of(&other, &FileNameOnly),
        })
    })?;
    Ok(PreparedRun {
        settings: resolved.settings,
        lang: resolved.lang,
        files,
    })
}

/// Refuses a period in which none of the run's data files (as the last
/// check read them) has a record or response, saying which days they
/// cover; a run of the latest complete quarter, or of files not read yet,
/// is let through.
pub fn has_data(prepared: &PreparedRun, check: &WorkspaceCheck) -> Result<(), Said> {
    let PeriodChoice::Label(label) = &prepared.settings.period else {
        return Ok(());
    };
    let Ok(period) = crate::calendar::Period::parse(label, prepared.settings.mode) else {
        return Ok(());
    };
    let mut covered: Vec<(Day, Day)> = Vec::new();
    for file in prepared
        .files
        .iter()
        .filter(|f| f.kind != FileKind::Agencies)
    {
        match check.files.iter().find(|c| c.file.id == file.id) {
            Some(read) if read.error.is_none() => covered.extend(read.days),
            _ => return Ok(()),
        }
    }
    if covered
        .iter()
        .any(|(first, last)| *first <= period.end && period.start <= *last)
    {
        return Ok(());
    }
    let first = covered.iter().map(|(first, _)| *first).min();
    let last = covered.iter().map(|(_, last)| *last).max();
    let span = |lang: crate::lang::Lang| match (first, last) {
        (Some(first), Some(last)) => format!(
            "{} {} {} {}",
            lang.pick("từ", "from"),
            format_vn(first),
            lang.pick("đến", "to"),
            format_vn(last)
        ),
        _ => lang.pick("không có ngày nào", "no day").to_string(),
    };
    Err(Said::new(
        format!(
            "Các tệp đã chọn không có dữ liệu trong kỳ {}: dữ liệu của chúng {}. Hãy chọn một kỳ trong khoảng đó, hoặc chọn các tệp có dữ liệu của kỳ này.",
            period.name_vi(),
            span(crate::lang::Lang::Vi)
        ),
        format!(
            "the chosen files hold no data in {label}: their data runs {}; choose a period within it, or files that hold this period",
            span(crate::lang::Lang::En)
        ),
    ))
}

/// Executes a prepared run (on a blocking thread): reads, computes, writes
/// `runs/<id>/report/` and `progress.json`, then records the outcome.
pub fn execute(
    workspace: &Workspace,
    mut run: RunRecord,
    prepared: PreparedRun,
    board: RunBoard,
    time_limit: std::time::Duration,
) -> RunRecord {
    let stop = board
        .lock()
        .ok()
        .and_then(|b| b.get(&run.id).map(|p| p.stop.clone()))
        .unwrap_or_default();
    let observer = BoardObserver {
        board: board.clone(),
        id: run.id.clone(),
        stop,
        deadline: std::time::Instant::now() + time_limit,
    };
    let folder = workspace.run_folder(&run.id);
    let names = prepared
        .files
        .iter()
        .fold(UploadNames::default(), |names, f| {
            names.with(&workspace.file_path(f), &f.name)
        });
    let said = |e: &dyn Message| Said::of(e, &names);
    let work = std::panic::AssertUnwindSafe(|| -> Result<String, Said> {
        let shown = prepared
            .files
            .iter()
            .map(|f| (workspace.file_path(f), f.name.clone()))
            .collect();
        let mut loaded = load_named(&prepared.settings, &shown, &observer).map_err(|e| said(&e))?;
        let written = write_period_report(
            &mut loaded,
            &prepared.settings,
            prepared.lang,
            |_| folder.join("report"),
            &observer,
        )
        .map_err(|e| said(&e))?;
        let progress = crate::report::progress::to_json(&written.computed.summary);
        super::workspace::write_atomically(&folder.join("progress.json"), progress.as_bytes())
            .map_err(|e| e.said())?;
        Ok(written.computed.summary.period.label.clone())
    });
    let outcome = match std::panic::catch_unwind(work) {
        Ok(Err(_)) if observer.out_of_time() => {
            let minutes = time_limit.as_secs().div_ceil(60);
            Err(Said::new(
                format!("Lượt chạy kéo dài quá {minutes} phút cho phép nên đã dừng: hãy chạy một kỳ ngắn hơn, hoặc nhờ người quản trị tăng thời gian cho phép."),
                format!("the run took longer than the {minutes} minutes allowed and was stopped (sipas serve --run-minutes N allows more)"),
            ))
        }
        Ok(Err(_)) if observer.cancelled() => Err(Said::new(
            "Lượt chạy đã được dừng theo yêu cầu.",
            "the run was stopped",
        )),
        Ok(outcome) => outcome,
        Err(_) => Err(Said::new(
            "Lượt chạy dừng vì một lỗi nội bộ; dữ liệu đầu vào không bị thay đổi: hãy chạy lại, và báo cho bộ phận kỹ thuật nếu lỗi lặp lại.",
            "the run stopped on an internal error; the inputs are unchanged, run it again or report the problem",
        )),
    };
    match outcome {
        Ok(period) => {
            run.status = "done".to_string();
            run.period = Some(period);
        }
        Err(why) => run.fail(why),
    }
    if let Err(e) = workspace.save_run(&run) {
        run.fail(e.said());
    }
    if let Ok(mut board) = board.lock() {
        board.remove(&run.id);
    }
    run
}

/// Every file of a run's report folder, as `/`-separated names relative
/// to it, in name order.
pub fn report_files(workspace: &Workspace, id: &str) -> Vec<String> {
    let root = workspace.run_folder(id).join("report");
    let mut names = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(&root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                names.push(parts.join("/"));
            }
        }
    }
    names.sort();
    names
}

/// The report folder of a run as a zip archive, in memory.
pub fn report_zip(workspace: &Workspace, id: &str) -> Result<std::fs::File, WorkspaceError> {
    use std::io::Seek;
    let root = workspace.run_folder(id).join("report");
    let failed = |e: String| {
        WorkspaceError::Refused(Said::new(
            "Không nén được báo cáo của lượt chạy này: hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại.",
            format!("the report of run {id} could not be zipped: {e}"),
        ))
    };
    let spool = tempfile::tempfile().map_err(|e| failed(e.to_string()))?;
    let mut archive = zip::ZipWriter::new(spool);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for name in report_files(workspace, id) {
        let mut file = std::fs::File::open(root.join(&name)).map_err(|e| failed(e.to_string()))?;
        archive
            .start_file(name.as_str(), options)
            .map_err(|e| failed(e.to_string()))?;
        std::io::copy(&mut file, &mut archive).map_err(|e| failed(e.to_string()))?;
    }
    let mut spool = archive.finish().map_err(|e| failed(e.to_string()))?;
    spool
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| failed(e.to_string()))?;
    Ok(spool)
}
