//! `sipas serve`: starts the workbench, prints its address, opens the
//! browser, and stops on Ctrl-C.

use std::path::PathBuf;

use anyhow::{bail, Result};

use crate::cli::{Said, ServeArgs, UsageError};
use sipas::serve::{new_token, serve, ServeOptions};

/// Opens `url` in the default browser; a failure only prints the address.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if command.is_err() {
        eprintln!("Could not open a browser: open {url} yourself.");
    }
}

/// The workspace when none is given: on Windows, `Documents\sipas` in the
/// user's folder (the unzipped program may sit in a read-only folder or
/// in Downloads); elsewhere `sipas-workspace` in the current folder.
fn default_workspace() -> PathBuf {
    let profile = std::env::var_os("USERPROFILE").filter(|_| cfg!(windows));
    match profile {
        Some(home) => PathBuf::from(home).join("Documents").join("sipas"),
        None => PathBuf::from("sipas-workspace"),
    }
}

/// Runs the server.
pub fn run(args: &ServeArgs) -> Result<()> {
    let workspace = args.workspace.clone().unwrap_or_else(default_workspace);
    let loopback = args.listen.is_loopback();
    let usable = |t: &str| {
        t.len() >= 16
            && t.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'~' | b'-'))
    };
    if args.token.as_deref().is_some_and(|t| !usable(t)) {
        bail!(UsageError::Said(Said::new(
            "Mã truy cập (--token) phải dài ít nhất 16 ký tự, gồm chữ cái không dấu, chữ số, '.', '_', '~' hoặc '-'.".to_string(),
            "--token must be at least 16 characters, letters, digits, '.', '_', '~' or '-'"
                .to_string(),
        )));
    }
    let token = match (&args.token, loopback) {
        (Some(token), _) => Some(token.clone()),
        (None, false) => Some(new_token()),
        (None, true) => None,
    };
    let generated = args.token.is_none() && token.is_some();
    let options = ServeOptions {
        workspace: workspace.clone(),
        listen: args.listen,
        port: args.port,
        max_upload_mb: args.max_upload_mb,
        token: token.clone(),
        allowed_hosts: args
            .allow_host
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
        run_time_limit: std::time::Duration::from_secs(args.run_minutes.max(1) * 60),
        ..ServeOptions::default()
    };
    let no_open = args.no_open || !loopback;
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("Stopping.");
    };
    serve(
        options,
        |address| {
            let shown = if address.ip().is_unspecified() {
                format!("http://localhost:{}", address.port())
            } else {
                format!("http://{address}")
            };
            let lang = super::locale_lang();
            println!(
                "{}",
                lang.pick(
                    "sipas đang chạy: {url}  (thư mục làm việc {folder})",
                    "sipas serve: {url}  (workspace {folder})",
                )
                .replace("{url}", &shown)
                .replace("{folder}", &workspace.display().to_string())
            );
            if let (true, Some(token)) = (generated, &token) {
                println!(
                    "{} {token}",
                    lang.pick(
                        "Mã truy cập (nhập một lần ở trang đăng nhập):",
                        "Access token (enter it once on the login page):",
                    )
                );
            }
            println!(
                "{}",
                lang.pick(
                    "Đóng cửa sổ này (hoặc nhấn Ctrl-C) để dừng sipas.",
                    "Ctrl-C stops the server.",
                )
            );
            if !no_open {
                open_browser(&shown);
            }
        },
        stop,
    )?;
    Ok(())
}
