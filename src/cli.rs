//! Command-line arguments as clap parses them, and their resolution into the
//! library's typed settings (defaults live here and in `Config::default`).

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use sipas::config::Config;
pub use sipas::messages::Said;
use sipas::pipeline::RunSettings;
use sipas::request::{resolve, ConfigSource, ProfileSource, RequestError, ResolvedRun, RunRequest};

/// Folder of the sample data used when no input is given.
pub const SAMPLE_FOLDER: &str = "data-samples";
/// Folder reports are written under.
pub const REPORTS_FOLDER: &str = "reports";

/// Quarterly reports on citizens' feedback (PAKN) handling and SIPAS satisfaction.
#[derive(Debug, Parser)]
#[command(name = "sipas", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute the indicators of a period and write the workbook and summary.json.
    Report(ReportArgs),
    /// Read and validate the inputs only, and print every finding.
    Check(CheckArgs),
    /// Print the city's progress toward the Plan 181 targets.
    Progress(ProgressArgs),
    /// Print how many citizens to survey at each agency next period.
    Plan(ProgressArgs),
    /// Print a year's days off and worked Saturdays.
    Calendar(CalendarArgs),
    /// Regenerate the sample data set.
    Sample(SampleArgs),
    /// Open the workbench in a browser: upload, map, check, report, download.
    Serve(ServeArgs),
    /// Write the accepted records as Parquet datasets for Spark, DuckDB or a re-run.
    Export(ExportArgs),
}

/// Format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Hive-partitioned Parquet datasets (feedback/, survey/).
    Parquet,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Inputs.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Format of the datasets.
    #[arg(long, value_enum, default_value = "parquet")]
    pub format: ExportFormat,
    /// Output folder: DIR/feedback/, DIR/survey/, DIR/agencies.csv, DIR/export.json.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Folder kept between runs: uploaded files, profiles, configuration,
    /// runs [default: Documents\sipas in the user's folder on Windows,
    /// sipas-workspace elsewhere].
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Port to listen on (0: a free one).
    #[arg(long, default_value_t = sipas::serve::DEFAULT_PORT)]
    pub port: u16,
    /// Address to listen on; anything but loopback requires an access token.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub listen: std::net::IpAddr,
    /// Access token for a shared machine (generated and printed when
    /// --listen is not loopback and none is given).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Host names (besides localhost and the listening address) that
    /// requests may be addressed to, for a shared machine's DNS name.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// Largest upload accepted, in MB.
    #[arg(long, value_name = "N", default_value_t = 2048)]
    pub max_upload_mb: u64,
    /// Longest a report run may take before it is stopped, in minutes.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub run_minutes: u64,
}

/// Inputs shared by `report` and `check`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Feedback (PAKN) files or folders (.csv, .xlsx, .xls, .ods), or a
    /// Parquet dataset that `sipas export` wrote.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub feedback: Vec<PathBuf>,
    /// SIPAS survey files or folders, or a Parquet dataset.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub survey: Vec<PathBuf>,
    /// Agency registry (CSV: code, name, level, aliases).
    #[arg(long, value_name = "PATH")]
    pub agencies: Option<PathBuf>,
    /// Configuration file (TOML).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Mapping profile(s) for foreign exports (TOML with [feedback] and/or [survey]).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub profile: Vec<PathBuf>,
    /// No progress bars (they are drawn on stderr, only on a terminal, for
    /// runs longer than a second).
    #[arg(long, short)]
    pub quiet: bool,
    /// The feedback files are successive exports of the same systems, given
    /// oldest first (a folder's files in name order): a later file's record
    /// replaces the earlier record of the same id.
    #[arg(long)]
    pub snapshots: bool,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Inputs.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Print a starting mapping profile guessed from this file's headers, and stop.
    #[arg(long, value_name = "FILE")]
    pub suggest_profile: Option<PathBuf>,
    /// Exit with 1 when more than this percentage of rows is rejected (default 0).
    #[arg(long, value_name = "PERCENT", default_value_t = 0.0)]
    pub max_rejected_percent: f64,
    /// Also write every finding to this CSV file (the terminal shows the
    /// first ones of each file and reason).
    #[arg(long, value_name = "FILE")]
    pub findings: Option<PathBuf>,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Inputs and period.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output folder (default: reports/<period>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write no report when any row is rejected (exit 1 instead).
    #[arg(long)]
    pub strict: bool,
    /// Language of the workbook, charts and CSV headers: vi (Vietnamese) or
    /// en (English, for partners). summary.json is the same in both.
    #[arg(long, value_enum, default_value_t = ReportLang::Vi)]
    pub lang: ReportLang,
}

/// Report languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportLang {
    /// Vietnamese.
    Vi,
    /// English.
    En,
}

impl From<ReportLang> for sipas::report::labels::Lang {
    fn from(lang: ReportLang) -> Self {
        match lang {
            ReportLang::Vi => Self::Vi,
            ReportLang::En => Self::En,
        }
    }
}

/// Output formats of `progress` and `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressFormat {
    /// A table for the terminal (colours when it is one).
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// Arguments of `progress` and `plan`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Inputs and period.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Table)]
    pub format: ProgressFormat,
}

/// Inputs and the period to compute.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Inputs.
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Period: 2024-Q1, 2024-H1 or 2024 (default: the latest complete quarter in the data).
    #[arg(long, value_name = "P")]
    pub period: Option<String>,
    /// Use calendar periods instead of the Decree 09/2019 cut-off (15th to 14th).
    #[arg(long)]
    pub calendar_periods: bool,
    /// Count pending PAKN as of this date (dd/mm/yyyy, yyyy-mm-dd or "today"; default: end of period).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Arguments of `calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Year, 1900–2100.
    pub year: i32,
    /// Configuration file naming an extra holiday schedule.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// Arguments of `sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Seed of the generator; the same seed gives the same files.
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = SAMPLE_FOLDER)]
    pub out: PathBuf,
    /// Number of PAKN records (default: 5,500 for the sample data, a
    /// million for a large data set).
    #[arg(long)]
    pub records: Option<usize>,
    /// Number of survey responses (default: 11,000, or 200,000).
    #[arg(long)]
    pub responses: Option<usize>,
    /// Generate a large canonical data set with this many agencies (the 41
    /// sample agencies, then generated communes and wards) instead of the
    /// demonstration exports.
    #[arg(long, value_name = "K")]
    pub agencies: Option<usize>,
    /// Years of data of a large data set (from the first quarter of 2023).
    #[arg(long, value_name = "Y")]
    pub years: Option<u32>,
    /// Formats of a large data set.
    #[arg(long, value_enum)]
    pub format: Option<SampleFormat>,
    /// The share of PAKN a large data set leaves never resolved, from 0 to 1
    /// (default 0.08: a backlog like real systems').
    #[arg(long, value_name = "P", value_parser = share)]
    pub backlog_share: Option<f64>,
}

/// A share from 0 to 1.
fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value),
        _ => Err(format!(
            "{text} is not a share: give a number from 0 to 1, e.g. 0.08"
        )),
    }
}

/// File formats of a generated large data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleFormat {
    /// CSV only (fastest).
    Csv,
    /// XLSX only (files of at most a million rows).
    Xlsx,
    /// Both, holding the same rows.
    Both,
}

/// A usage error: bad arguments rather than a failed run (exit code 2).
#[derive(Debug)]
pub enum UsageError {
    /// A request the library refuses.
    Request(RequestError),
    /// An argument the command refuses, said in both languages.
    Said(Said),
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Request(e) => e.fmt(f),
            Self::Said(said) => said.fmt(f),
        }
    }
}

impl std::error::Error for UsageError {}

/// Reads the configuration file, if any.
pub fn load_config(path: Option<&Path>) -> Result<Config> {
    match path {
        Some(path) => Ok(Config::load(path)?),
        None => Ok(Config::default()),
    }
}

/// The request of a run, from the input arguments (the sample data when none is given).
fn request_of(args: &InputArgs) -> RunRequest {
    RunRequest {
        feedback: args.feedback.clone(),
        survey: args.survey.clone(),
        agencies: args.agencies.clone(),
        config: args
            .config
            .clone()
            .map(ConfigSource::File)
            .unwrap_or_default(),
        profile: ProfileSource::Files(args.profile.clone()),
        snapshots: args.snapshots,
        sample_folder: Some(PathBuf::from(SAMPLE_FOLDER)),
        ..RunRequest::default()
    }
}

/// Resolves a request, a wrong one being bad usage (exit code 2).
fn resolved(request: &RunRequest) -> Result<ResolvedRun> {
    resolve(request).map_err(|e| {
        if e.is_usage() {
            anyhow::Error::new(UsageError::Request(e))
        } else {
            anyhow::Error::new(e)
        }
    })
}

impl RunArgs {
    /// The request these arguments make.
    pub fn request(&self) -> RunRequest {
        RunRequest {
            period: self.period.clone(),
            as_of: self.as_of.clone(),
            calendar_periods: self.calendar_periods,
            ..request_of(&self.inputs)
        }
    }

    /// Turns the arguments into run settings.
    pub fn settings(&self) -> Result<RunSettings> {
        Ok(resolved(&self.request())?.settings)
    }
}

impl InputArgs {
    /// Turns the arguments into run settings (period fields unused by `check`).
    pub fn settings(&self) -> Result<RunSettings> {
        Ok(resolved(&request_of(self))?.settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sipas::serve::workspace::{FileKind, Workspace};

    /// Stores `path` in `workspace` as an upload would, returning where it is kept.
    fn store(workspace: &Workspace, path: &Path, kind: FileKind) -> PathBuf {
        use sha2::Digest;
        let bytes = std::fs::read(path).expect("fixture");
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let staged = workspace.root().join("tmp").join("upload");
        std::fs::write(&staged, &bytes).expect("stage");
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let (file, _) = workspace
            .add_file(&staged, name, kind, &sha, bytes.len() as u64, None)
            .expect("stored");
        workspace.file_path(&file)
    }

    #[test]
    fn the_command_line_and_the_workbench_resolve_a_request_alike() {
        let dir = tempfile::tempdir().expect("folder");
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            path
        };
        let pakn = write(
            "pakn.csv",
            "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nP1,05/04/2025,Email,A\n",
        );
        let agencies = write("agencies.csv", "code,name,level\nA,Sở Tư pháp,so_nganh\n");
        let config = write("sipas.toml", "min_sample = 20\npublic_min_count = 3\n");
        let cli = Cli::try_parse_from([
            "sipas",
            "report",
            "--feedback",
            pakn.to_str().expect("path"),
            "--agencies",
            agencies.to_str().expect("path"),
            "--config",
            config.to_str().expect("path"),
            "--period",
            "2025-Q2",
            "--as-of",
            "30/06/2025",
            "--snapshots",
        ])
        .expect("arguments");
        let Command::Report(args) = cli.command else {
            panic!("not a report");
        };
        let from_cli = args.run.settings().expect("the command line's settings");

        let workspace = Workspace::open(&dir.path().join("ws")).expect("workspace");
        let kept_pakn = store(&workspace, &pakn, FileKind::Feedback);
        let kept_agencies = store(&workspace, &agencies, FileKind::Agencies);
        workspace
            .save_config(&std::fs::read_to_string(&config).expect("config"))
            .expect("config saved");
        let body = sipas::serve::workspace::RunRequest {
            period: Some("2025-Q2".into()),
            as_of: Some("30/06/2025".into()),
            snapshots: true,
            ..Default::default()
        };
        let from_serve = sipas::serve::runs::prepare(&workspace, &body)
            .expect("the workbench's settings")
            .settings;
        // The same settings, but for where each front end keeps the files.
        let expected = RunSettings {
            feedback: vec![kept_pakn],
            agencies: Some(kept_agencies),
            ..from_cli
        };
        assert_eq!(from_serve, expected);
    }

    #[test]
    fn a_parquet_dataset_without_a_registry_resolves_alike_in_both() {
        let dir = tempfile::tempdir().expect("folder");
        let dataset = dir.path().join("export/feedback");
        std::fs::create_dir_all(dataset.join("year=2025/quarter=2")).expect("folder");
        std::fs::write(dataset.join("year=2025/quarter=2/part-0.parquet"), b"PAR1").expect("part");
        let cli = Cli::try_parse_from([
            "sipas",
            "report",
            "--feedback",
            dataset.to_str().expect("path"),
        ])
        .expect("arguments");
        let Command::Report(args) = cli.command else {
            panic!("not a report");
        };
        let from_cli = args.run.settings().expect("no registry needed");
        // The workbench's request: its configuration and profile read already.
        let workbench = RunRequest {
            feedback: vec![dataset.clone()],
            config: ConfigSource::Loaded(Box::default()),
            profile: ProfileSource::Loaded(Box::default()),
            ..RunRequest::default()
        };
        let from_serve = resolve(&workbench).expect("no registry needed").settings;
        assert_eq!(from_cli, from_serve);
        assert_eq!(from_cli.agencies, None);
        // A CSV export without a registry is refused by both alike.
        let csv = dir.path().join("pakn.csv");
        std::fs::write(&csv, "x\n").expect("write");
        let cli =
            Cli::try_parse_from(["sipas", "report", "--feedback", csv.to_str().expect("path")])
                .expect("arguments");
        let Command::Report(args) = cli.command else {
            panic!("not a report");
        };
        let refused = args.run.settings().expect_err("a registry is needed");
        let workbench = RunRequest {
            feedback: vec![csv],
            ..workbench
        };
        let also = resolve(&workbench).expect_err("a registry is needed");
        assert_eq!(refused.to_string(), also.to_string());
    }
}
