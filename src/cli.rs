//! Command-line arguments as clap parses them, and their resolution into the
//! library's typed settings (defaults live here and in `Config::default`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand};

use sipas::calendar::parse::parse_date_cell;
use sipas::calendar::{Day, Period, PeriodMode};
use sipas::config::profile::{AgencyMode, Profile};
use sipas::config::Config;
use sipas::ingest::table::Cell;
use sipas::pipeline::{PeriodChoice, RunSettings};

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
    /// Folder kept between runs: uploaded files, profiles, configuration, runs.
    #[arg(long, value_name = "DIR", default_value = "sipas-workspace")]
    pub workspace: PathBuf,
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

/// Output formats of `progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressFormat {
    /// A table for the terminal (colours when it is one).
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// Arguments of `progress`.
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
    /// Count pending PAKN as of this date (dd/mm/yyyy or yyyy-mm-dd; default: end of period).
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
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
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

/// Inputs resolved from the arguments.
pub struct ResolvedInputs {
    /// Feedback files or folders.
    pub feedback: Vec<PathBuf>,
    /// Survey files or folders.
    pub survey: Vec<PathBuf>,
    /// Agency registry.
    pub agencies: Option<PathBuf>,
    /// Configuration.
    pub config: Config,
    /// Mapping profile.
    pub profile: Profile,
    /// `--snapshots`.
    pub snapshots: bool,
}

impl ResolvedInputs {
    /// Run settings for these inputs and the given period.
    pub fn into_settings(
        self,
        period: PeriodChoice,
        mode: PeriodMode,
        as_of: Option<Day>,
    ) -> RunSettings {
        RunSettings {
            feedback: self.feedback,
            survey: self.survey,
            agencies: self.agencies,
            config: self.config,
            profile: self.profile,
            period,
            mode,
            as_of,
            snapshots: self.snapshots,
        }
    }
}

/// Reads the profile files: each section may come from one file only.
pub fn load_profiles(paths: &[PathBuf]) -> Result<Profile> {
    let mut profile = Profile::default();
    for path in paths {
        let loaded = Profile::load(path)?;
        for (mine, theirs, name) in [
            (&mut profile.feedback, loaded.feedback, "feedback"),
            (&mut profile.survey, loaded.survey, "survey"),
        ] {
            if let Some(section) = theirs {
                if mine.is_some() {
                    bail!(UsageError(format!(
                        "two profiles have a [{name}] section; give one profile per input kind"
                    )));
                }
                *mine = Some(section);
            }
        }
    }
    Ok(profile)
}

/// Resolves input arguments: with no input at all, the sample data set
/// (`data-samples/`, with its `sipas.toml`) is used.
pub fn resolve_inputs(args: &InputArgs) -> Result<ResolvedInputs> {
    let profile = load_profiles(&args.profile)?;
    let nothing_given =
        args.feedback.is_empty() && args.survey.is_empty() && args.agencies.is_none();
    if nothing_given {
        let folder = Path::new(SAMPLE_FOLDER);
        if !folder.is_dir() {
            bail!(UsageError(format!(
                "no input given and no {SAMPLE_FOLDER}/ folder here: pass --feedback, --survey and --agencies, or run `sipas sample` first"
            )));
        }
        let sample_config = folder.join("sipas.toml");
        let config_path = args
            .config
            .clone()
            .or_else(|| sample_config.is_file().then_some(sample_config));
        return Ok(ResolvedInputs {
            feedback: vec![folder.join("feedback")],
            survey: vec![folder.join("survey")],
            agencies: Some(folder.join("agencies.csv")),
            config: load_config(config_path.as_deref())?,
            profile,
            snapshots: args.snapshots,
        });
    }
    if args.feedback.is_empty() && args.survey.is_empty() {
        bail!(UsageError(
            "give at least one --feedback or --survey file".to_string()
        ));
    }
    // Parquet datasets name every agency with its code, name and level.
    let as_is = |section: &Option<sipas::config::profile::SourceProfile>, paths: &[PathBuf]| {
        paths.iter().all(|p| sipas::ingest::is_dataset(p))
            || section
                .as_ref()
                .is_some_and(|s| s.agencies == AgencyMode::AsIs)
    };
    let all_as_is =
        as_is(&profile.feedback, &args.feedback) && as_is(&profile.survey, &args.survey);
    if args.agencies.is_none() && !all_as_is {
        bail!(UsageError(
            "--agencies is required: records name agencies from the registry (or use a profile with agencies = \"as-is\", or read a Parquet dataset)".to_string()
        ));
    }
    Ok(ResolvedInputs {
        feedback: args.feedback.clone(),
        survey: args.survey.clone(),
        agencies: args.agencies.clone(),
        config: load_config(args.config.as_deref())?,
        profile,
        snapshots: args.snapshots,
    })
}

/// Reads a date argument.
pub fn parse_date_argument(text: &str) -> Result<Day> {
    match parse_date_cell(&Cell::Text(text)) {
        Ok(Some(day)) => Ok(day),
        _ => bail!(UsageError(format!(
            "'{text}' is not a date: write dd/mm/yyyy or yyyy-mm-dd"
        ))),
    }
}

impl RunArgs {
    /// Turns the arguments into run settings.
    pub fn settings(&self) -> Result<RunSettings> {
        let inputs = resolve_inputs(&self.inputs)?;
        let mode = if self.calendar_periods {
            PeriodMode::Calendar
        } else {
            PeriodMode::Decree09
        };
        let period = match &self.period {
            Some(label) => {
                Period::parse(label, mode).map_err(|e| UsageError(e.to_string()))?;
                PeriodChoice::Label(label.clone())
            }
            None => PeriodChoice::LatestComplete,
        };
        let as_of = self.as_of.as_deref().map(parse_date_argument).transpose()?;
        Ok(inputs.into_settings(period, mode, as_of))
    }
}

impl InputArgs {
    /// Turns the arguments into run settings (period fields unused by `check`).
    pub fn settings(&self) -> Result<RunSettings> {
        let inputs = resolve_inputs(self)?;
        Ok(inputs.into_settings(PeriodChoice::LatestComplete, PeriodMode::Decree09, None))
    }
}
