//! `sipas serve`: the analyst's workbench in a browser — a front end beside
//! the command line, calling the same library. Inputs are uploaded into a
//! [`workspace`], checked as `sipas check` reads them ([`check`]), mapped
//! through a form that writes ordinary profiles ([`mapping`]), and reported
//! on by runs that write the folder `sipas report` writes ([`runs`]). The
//! pages ([`pages`]) and the JSON API ([`api`]) only show what the library
//! computed; [`guard`] stands before both.
//!
//! Async only at the edge: axum on tokio answers requests, and everything
//! that reads files or computes runs on a blocking thread.

pub mod api;
pub mod check;
pub mod check_page;
pub mod dashboard;
pub mod download;
pub mod error;
pub mod guard;
pub mod i18n;
pub mod mapping;
pub mod mapping_form;
pub mod names;
pub mod operations;
pub mod pages;
pub mod plan_page;
pub mod preview;
pub mod profiles;
pub mod progress_page;
pub mod replies;
pub mod runs;
pub mod upload;
pub mod views;
pub mod workspace;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::observe::{Observer, Stage};
use check::WorkspaceCheck;
use workspace::{Workspace, WorkspaceError};

/// The port `sipas serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8181;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The workspace folder.
    pub workspace: PathBuf,
    /// Address to listen on (loopback by default).
    pub listen: IpAddr,
    /// Port (0: a free one).
    pub port: u16,
    /// Largest upload, in MB.
    pub max_upload_mb: u64,
    /// Access token required of every request (a shared machine).
    pub token: Option<String>,
    /// Host names besides localhost and the listening address that requests may name.
    pub allowed_hosts: Vec<String>,
    /// Longest a run may take before it is stopped.
    pub run_time_limit: std::time::Duration,
    /// How long a client has to send a request's headers.
    pub header_read_timeout: std::time::Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            workspace: PathBuf::from("sipas-workspace"),
            listen: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            max_upload_mb: 2048,
            token: None,
            allowed_hosts: Vec::new(),
            run_time_limit: std::time::Duration::from_secs(30 * 60),
            header_read_timeout: HEADER_READ_TIMEOUT,
        }
    }
}

impl ServeOptions {
    /// The upload limit in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb.saturating_mul(1 << 20)
    }
}

/// What the workspace is busy with: the stage and rows of the check under way.
#[derive(Debug, Default)]
pub struct Activity {
    stage: Mutex<Option<Stage>>,
    rows: AtomicU64,
}

impl Activity {
    /// The stage under way (None when idle) and rows read so far.
    pub fn now(&self) -> (Option<Stage>, u64) {
        let stage = self.stage.lock().ok().and_then(|s| s.clone());
        (stage, self.rows.load(Ordering::Relaxed))
    }

    fn clear(&self) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = None;
        }
        self.rows.store(0, Ordering::Relaxed);
    }
}

impl Observer for Activity {
    fn stage(&self, stage: &Stage) {
        if let Ok(mut now) = self.stage.lock() {
            *now = Some(stage.clone());
        }
    }

    fn rows(&self, count: u64) {
        self.rows.store(count, Ordering::Relaxed);
    }
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    /// How the server was started.
    pub options: Arc<ServeOptions>,
    /// The workspace.
    pub workspace: Arc<Workspace>,
    /// The latest check of the workspace's files.
    pub check: Arc<RwLock<Arc<WorkspaceCheck>>>,
    /// Changes of the workspace are made one at a time.
    pub changes: Arc<tokio::sync::Mutex<()>>,
    /// The checks of the files, kept until what they depend on changes.
    pub cache: Arc<check::CheckCache>,
    /// The check under way.
    pub activity: Arc<Activity>,
    /// The runs under way.
    pub board: runs::RunBoard,
    /// Wrong access tokens wait here for their turn (see [`guard`]).
    pub wrong_tokens: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    /// Opens the workspace and checks its files.
    pub fn open(options: ServeOptions) -> Result<Self, WorkspaceError> {
        let workspace = Workspace::open(&options.workspace)?;
        let state = Self {
            options: Arc::new(options),
            workspace: Arc::new(workspace),
            check: Arc::default(),
            changes: Arc::default(),
            cache: Arc::default(),
            activity: Arc::default(),
            board: Arc::default(),
            wrong_tokens: Arc::default(),
        };
        state.recheck()?;
        Ok(state)
    }

    /// Checks the files whose check is out of date (blocking) and keeps the
    /// result.
    pub fn recheck(&self) -> Result<Arc<WorkspaceCheck>, WorkspaceError> {
        let result = self
            .cache
            .check_workspace(&self.workspace, self.activity.as_ref());
        self.activity.clear();
        let result = Arc::new(result?);
        if let Ok(mut check) = self.check.write() {
            *check = result.clone();
        }
        Ok(result)
    }

    /// The latest check.
    pub fn checked(&self) -> Arc<WorkspaceCheck> {
        self.check.read().map(|c| c.clone()).unwrap_or_default()
    }
}

/// The application: pages, API and assets behind the guard.
pub fn router(state: AppState) -> Router {
    let upload_limit = usize::try_from(state.options.max_upload_bytes()).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(pages::home))
        .route("/inputs", get(pages::inputs))
        .route(
            "/inputs/upload",
            post(pages::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/inputs/{id}/delete", post(pages::delete_file))
        .route("/mapping/{id}", get(mapping::form).post(mapping::save))
        .route("/mapping", get(mapping::index))
        .route("/mapping/profiles", post(mapping::change_profile))
        .route("/mapping/{id}/preview", get(mapping::preview_fragment))
        .route("/check", get(pages::check))
        .route("/check/findings.csv", get(pages::findings_csv))
        .route("/report", get(pages::report).post(pages::start_run))
        .route("/runs/{id}", get(pages::run))
        .route("/progress", get(progress_page::progress))
        .route("/plan", get(plan_page::plan))
        .route("/runs/{id}/delete", post(progress_page::delete_run))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/lang", get(pages::switch_language))
        .route("/assets/{name}", get(pages::asset))
        .route(
            "/api/files",
            get(api::list_files)
                .post(api::upload_files)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/api/files/{id}", axum::routing::delete(api::delete_file))
        .route(
            "/api/profiles",
            get(api::list_profiles).post(api::save_profile),
        )
        .route("/api/runs", get(api::list_runs).post(api::start_run))
        .route("/api/runs/{id}", get(api::run_status))
        .route("/api/runs/{id}/cancel", post(api::cancel_run))
        .route("/runs/{id}/cancel", post(pages::cancel_run))
        .route("/api/runs/{id}/summary.json", get(api::run_summary))
        .route("/api/runs/{id}/report.zip", get(api::run_zip))
        .route("/api/runs/{id}/files/{*name}", get(api::run_file))
        .route("/api/activity", get(api::activity))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

/// A new access token: 32 hex digits from the operating system's randomness.
pub fn new_token() -> String {
    use rand::TryRngCore;
    let mut bytes = [0u8; 16];
    if rand::rngs::OsRng.try_fill_bytes(&mut bytes).is_err() {
        // No OS randomness: the clock and the process id, hashed.
        use sha2::Digest;
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        bytes.copy_from_slice(&sha2::Sha256::digest(seed.as_bytes())[..16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The workspace cannot be used.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// The address cannot be listened on.
    #[error("cannot listen on {address}: {source} (is another sipas serve running? try --port 0)")]
    Listen {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime failed.
    #[error("the server stopped: {0}")]
    Runtime(std::io::Error),
}

/// Opens the workspace, listens, tells `on_ready` the address, and serves
/// until `stop` completes (Ctrl-C for the command line).
pub fn serve(
    options: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let address = SocketAddr::new(options.listen, options.port);
    let state = AppState::open(options)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|source| ServeError::Listen { address, source })?;
        let bound = listener.local_addr().map_err(ServeError::Runtime)?;
        on_ready(bound);
        let timeout = state.options.header_read_timeout;
        accept_until(listener, router(state), timeout, stop).await;
        Ok(())
    })
}

/// A client has this long to send a request's headers, by default.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves each connection `listener` accepts with `app` until `stop`
/// completes; a connection that takes longer than `header_timeout` to send
/// its headers is closed.
async fn accept_until(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: std::time::Duration,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let mut stop = std::pin::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => return,
        };
        // A refused connection (too many open files…) is not the server's end.
        let Ok((stream, _)) = accepted else {
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(io, service)
                .await;
        });
    }
}
