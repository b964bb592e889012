//! `sipas serve`: starts the workbench, prints its address, opens the
//! browser, and stops on Ctrl-C.

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

/// Runs the server.
pub fn run(args: &ServeArgs) -> Result<()> {
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
        workspace: args.workspace.clone(),
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
            println!(
                "sipas serve: {shown}  (workspace {})",
                args.workspace.display()
            );
            if let (true, Some(token)) = (generated, &token) {
                println!("Access token (enter it once on the login page): {token}");
            }
            println!("Ctrl-C stops the server.");
            if !no_open {
                open_browser(&shown);
            }
        },
        stop,
    )?;
    Ok(())
}
