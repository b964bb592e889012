//! `sipas serve` end to end in headless Chromium (Debian's `chromium` and
//! `chromium-driver`, which `.ci/run` installs): upload the sample data,
//! map the Boston 311 export through the mapping form, run the report,
//! download the workbook, and compare the run's summary with the command
//! line's. A screenshot of every page is saved in `target/screenshots/`
//! (the README's are copied from there).
//!
//! Without a ChromeDriver the test fails and says how to install one;
//! `SIPAS_SKIP_BROWSER_TESTS=1` skips it on a machine that cannot.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use super::common::temp;
use super::serve::{samples, without_paths};

/// The ChromeDriver to use.
fn chromedriver() -> Option<PathBuf> {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/usr/bin/chromedriver")))
        .filter(|p| p.is_file())
}

/// The ChromeDriver, or None when `SIPAS_SKIP_BROWSER_TESTS` is set;
/// without either the test fails and says how to install one.
pub(super) fn driver_or_skip() -> Option<PathBuf> {
    if std::env::var_os("SIPAS_SKIP_BROWSER_TESTS").is_some() {
        eprintln!("skipped: SIPAS_SKIP_BROWSER_TESTS is set");
        return None;
    }
    match chromedriver() {
        Some(path) => Some(path),
        None => panic!("no ChromeDriver at /usr/bin/chromedriver: install it (apt-get install chromium chromium-driver), point CHROMEDRIVER at one, or set SIPAS_SKIP_BROWSER_TESTS=1"),
    }
}

/// A free port on loopback.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A ChromeDriver process, stopped when dropped.
pub(super) struct Driver(std::process::Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `sipas serve` on a free port in a thread of its own; the address
/// and the sender that stops it.
pub(super) fn start_server(
    workspace: &Path,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<()>,
) {
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let options = sipas::serve::ServeOptions {
        workspace: workspace.to_path_buf(),
        port: 0,
        ..Default::default()
    };
    let handle = std::thread::spawn(move || {
        sipas::serve::serve(
            options,
            |address| ready_tx.send(address).expect("tell the address"),
            async {
                let _ = stop_rx.await;
            },
        )
        .expect("the server runs");
    });
    let address = ready_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server starts");
    (address, stop_tx, handle)
}

pub(super) async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    match client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(e) => {
            let url = client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let page = client.source().await.unwrap_or_default();
            let said = page
                .split("class=\"error\"")
                .nth(1)
                .map(|rest| rest.chars().take(600).collect::<String>())
                .unwrap_or_else(|| page.chars().take(2000).collect());
            panic!("no {css} on {url}: {e}; the page says {said}")
        }
    }
}

pub(super) async fn screenshot(client: &Client, name: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&folder).expect("screenshot folder");
    // The top of the page, as it opens.
    let _ = client.execute("window.scrollTo(0, 0)", vec![]).await;
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(folder.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Chooses the files at `paths` in the Inputs page's form and uploads them.
pub(super) async fn upload(client: &Client, paths: &[String]) {
    wait_for(client, "#file-input")
        .await
        .send_keys(&paths.join("\n"))
        .await
        .expect("choose files");
    wait_for(client, "#upload button[type=submit]")
        .await
        .click()
        .await
        .expect("upload");
}

/// Chooses `value` in the select named `name`.
pub(super) async fn choose(client: &Client, name: &str, value: &str) {
    let select = wait_for(client, &format!("select[name=\"{name}\"]")).await;
    select
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("{name} = {value}: {e}"));
}

/// The Boston 311 export: the real file when the shared data is there, the
/// excerpt of it committed with the tests otherwise.
pub(super) fn boston() -> PathBuf {
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/real/boston311_2025_SaferTrail.csv");
    let path = if real.is_file() {
        real
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/boston311-2025-excerpt.csv")
    };
    // ChromeDriver takes only canonical paths.
    path.canonicalize().expect("the Boston export")
}

/// Starts ChromeDriver and a headless Chromium whose downloads go to
/// `downloads`; the driver process (stopped when dropped) and the client.
pub(super) async fn browser(driver_path: &Path, dir: &Path, downloads: &Path) -> (Driver, Client) {
    let port = free_port();
    let driver = Driver(
        std::process::Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("ChromeDriver starts"),
    );
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_string(),
        json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string()),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1366,768",
                format!("--user-data-dir={}", dir.join("chromium").display()),
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        }),
    );
    let mut client = None;
    for _ in 0..100 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let client = client.expect("ChromeDriver answers");
    (driver, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workbench_runs_the_quarter_in_a_browser() {
    let Some(driver_path) = driver_or_skip() else {
        return;
    };
    let dir = temp();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads folder");
    let (address, stop, server) = start_server(&dir.path().join("ws"));
    let base = format!("http://{address}");

    let (_driver, client) = browser(&driver_path, dir.path(), &downloads).await;

    // Inputs: the sample data, then the Boston export.
    let started = std::time::Instant::now();
    client
        .goto(&format!("{base}/inputs"))
        .await
        .expect("inputs page");
    let first_page = started.elapsed();
    let folder = samples();
    let mut files = vec![folder.join("agencies.csv"), folder.join("sipas.toml")];
    for sub in ["feedback", "survey"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(folder.join(sub))
            .expect("samples")
            .flatten()
            .map(|e| e.path())
            .collect();
        found.sort();
        files.extend(found);
    }
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    upload(&client, &names).await;
    wait_for(&client, "table.files").await;
    upload(&client, &[boston().display().to_string()]).await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::XPath(
            "//td/strong[starts-with(text(), 'boston311')]",
        ))
        .await
        .expect("the Boston export is listed");
    screenshot(&client, "1-du-lieu").await;

    // Mapping: the Boston export, through the form.
    let link = client
        .find(Locator::XPath(
            "//tr[td/strong[starts-with(text(), 'boston311')]]//a[contains(@href, '/mapping/')]",
        ))
        .await
        .expect("the mapping link of the Boston export");
    link.click().await.expect("open the mapping form");
    wait_for(&client, "form#mapping").await;
    // A new column draws the form again (its values change).
    choose(&client, "col:category", "").await;
    wait_for(&client, "form#mapping").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    choose(&client, "col:field", "type").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    choose(&client, "col:status", "case_status").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    for (source, canonical) in [
        ("Constituent Call", "hotline"),
        ("Citizens Connect App", "app"),
        ("City Worker App", "app"),
        ("Employee Generated", "other"),
        ("Self Service", "website"),
    ] {
        // The excerpt has no "Self Service" row; the whole export has one.
        let name = format!("val:channel:{source}");
        if client
            .find(Locator::Css(&format!("select[name=\"{name}\"]")))
            .await
            .is_ok()
        {
            choose(&client, &name, canonical).await;
        }
    }
    choose(&client, "val:status:Open", "dang_xu_ly").await;
    let as_is = wait_for(&client, "input[name=agencies_as_is]").await;
    if as_is.prop("checked").await.ok().flatten().as_deref() != Some("true") {
        as_is.click().await.expect("agencies as named");
    }
    // The live preview reads the rows with the draft.
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::XPath(
            "//div[@id='preview']//strong[contains(text(), ' + 0')]",
        ))
        .await
        .expect("the preview accepts every row");
    screenshot(&client, "2-anh-xa-cot").await;
    let name = wait_for(&client, "input[name=name]").await;
    name.clear().await.expect("clear");
    name.send_keys("boston-311").await.expect("name");
    wait_for(&client, "form#mapping button.primary")
        .await
        .click()
        .await
        .expect("save");
    wait_for(&client, "table.files").await;
    let page = client.source().await.expect("page");
    assert!(
        page.contains("boston-311"),
        "the Boston export is read with its profile"
    );

    // Check.
    client
        .goto(&format!("{base}/check"))
        .await
        .expect("check page");
    wait_for(&client, "table.findings").await;
    screenshot(&client, "3-kiem-tra").await;

    // Report: the sample data (the Boston export, read with another
    // profile, is not checked by default).
    client
        .goto(&format!("{base}/report"))
        .await
        .expect("report page");
    wait_for(&client, "#run-form").await;
    screenshot(&client, "4-bao-cao").await;
    wait_for(&client, "#run-form button[type=submit]")
        .await
        .click()
        .await
        .expect("run");
    wait_for(&client, "table#agencies").await;
    let url = client.current_url().await.expect("url");
    let run = url.path().trim_start_matches("/runs/").to_string();
    screenshot(&client, "5-bang-dieu-khien").await;
    // The workbook, downloaded by its link.
    let workbook = client
        .find(Locator::XPath(
            "//ul[@class='downloads']//a[contains(@href, '.xlsx')]",
        ))
        .await
        .expect("the workbook link");
    let workbook_name = workbook.text().await.expect("name");
    workbook.click().await.expect("download");
    let downloaded = downloads.join(&workbook_name);
    for _ in 0..300 {
        if downloaded.is_file() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let bytes = std::fs::read(&downloaded).expect("the workbook was downloaded");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a workbook");

    // Progress.
    client
        .goto(&format!("{base}/progress"))
        .await
        .expect("progress page");
    wait_for(&client, "table.targets").await;
    screenshot(&client, "6-tien-do").await;

    // The run's summary, as the browser downloads it, equals the command line's.
    client
        .goto(&format!("{base}/api/runs/{run}/summary.json"))
        .await
        .expect("summary");
    let text = client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text");
    let served: Value = serde_json::from_str(&text).expect("summary.json");
    let cli = std::thread::spawn(move || {
        let folder = samples();
        let settings = sipas::pipeline::RunSettings {
            feedback: vec![folder.join("feedback")],
            survey: vec![folder.join("survey")],
            agencies: Some(folder.join("agencies.csv")),
            profile: Default::default(),
            config: sipas::config::Config::load(&folder.join("sipas.toml")).expect("config"),
            period: sipas::pipeline::PeriodChoice::LatestComplete,
            mode: sipas::calendar::PeriodMode::Decree09,
            as_of: None,
            snapshots: false,
        };
        let loaded = sipas::pipeline::load(&settings).expect("load");
        let period = sipas::pipeline::resolve_period(&settings, &loaded.inputs).expect("period");
        let summary =
            sipas::pipeline::summarise(&loaded, &period, None, &settings.config).expect("summary");
        serde_json::to_value(&summary).expect("json")
    })
    .join()
    .expect("the command line's numbers");
    assert_eq!(without_paths(served), without_paths(cli));
    eprintln!("first page in {first_page:?}");

    client.close().await.expect("close the browser");
    let _ = stop.send(());
    server.join().expect("the server stops");
}

/// The axe-core script: `AXE_CORE_JS`, or where `.ci/run` unpacks it.
fn axe_core() -> Option<PathBuf> {
    std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .or_else(|| {
            Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe-core/package/axe.min.js"))
        })
        .filter(|p| p.is_file())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_page_has_no_accessibility_violation() {
    let Some(driver_path) = driver_or_skip() else {
        return;
    };
    let Some(axe) = axe_core() else {
        panic!("no axe-core: run `npm pack axe-core@4.14.1` and unpack it into target/axe-core/ (as .ci/run does), or point AXE_CORE_JS at axe.min.js");
    };
    let axe = std::fs::read_to_string(axe).expect("axe-core");
    let dir = temp();
    let folder = dir.path().join("report");
    let written = folder.clone();
    std::thread::spawn(move || {
        let settings = crate::common::sample_settings("2026-Q3");
        let mut loaded = sipas::pipeline::load(&settings).expect("load");
        sipas::pipeline::write_period_report(
            &mut loaded,
            &settings,
            sipas::report::labels::Lang::Vi,
            |_| written,
            &sipas::observe::Silent,
        )
        .expect("report");
    })
    .join()
    .expect("the report");
    let downloads = dir.path().join("downloads");
    let (_driver, client) = browser(&driver_path, dir.path(), &downloads).await;
    let page = folder
        .join("public/index.html")
        .canonicalize()
        .expect("public page");
    client
        .goto(&format!("file://{}", page.display()))
        .await
        .expect("open the public page");
    client.execute(&axe, vec![]).await.expect("load axe-core");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.html) })))))
                .catch(e => done('axe failed: ' + e));",
            vec![],
        )
        .await
        .expect("run axe-core");
    let text = result.as_str().unwrap_or_default().to_string();
    let violations: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
    assert_eq!(violations, json!([]), "{violations:#}");
    screenshot(&client, "7-cong-khai").await;
    client.close().await.expect("close the browser");
}
