//! One way from a front end's request to a run: the command line's flags
//! and the workbench's form or API body both become a [`RunRequest`], and
//! [`resolve`] turns it into validated [`RunSettings`] — the defaults, the
//! sample data when nothing is given, the registry rule, the period, the
//! as-of date and the language — as ripgrep turns its low-level arguments
//! into high-level ones.

use std::path::PathBuf;

use crate::calendar::{Day, Period, PeriodError, PeriodMode};
use crate::config::profile::{AgencyMode, Profile, ProfileError, SourceProfile};
use crate::config::{Config, ConfigError};
use crate::pipeline::{PeriodChoice, RunSettings};
use crate::report::labels::Lang;

/// Where the configuration comes from.
#[derive(Debug, Clone, Default)]
pub enum ConfigSource {
    /// The defaults (or, with the sample data, its `sipas.toml`).
    #[default]
    Default,
    /// A file to read.
    File(PathBuf),
    /// Read already (the workbench's own).
    Loaded(Box<Config>),
}

/// Where the mapping profile comes from.
#[derive(Debug, Clone)]
pub enum ProfileSource {
    /// Profile files, at most one per input kind.
    Files(Vec<PathBuf>),
    /// Read already (the saved profile the workbench's files are read with).
    Loaded(Box<Profile>),
}

impl Default for ProfileSource {
    fn default() -> Self {
        Self::Files(Vec::new())
    }
}

/// A run as a front end asks for it, before anything is checked.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    /// Feedback files or folders, or Parquet datasets.
    pub feedback: Vec<PathBuf>,
    /// Survey files or folders, or Parquet datasets.
    pub survey: Vec<PathBuf>,
    /// The agency registry.
    pub agencies: Option<PathBuf>,
    /// The configuration.
    pub config: ConfigSource,
    /// The mapping profile.
    pub profile: ProfileSource,
    /// The period as written (`2025-Q2`, `2025-H1`, `2025`); none: the
    /// latest complete quarter.
    pub period: Option<String>,
    /// The as-of date as written (`dd/mm/yyyy` or `yyyy-mm-dd`), or
    /// `today` ("hôm nay"): today's date in Vietnam.
    pub as_of: Option<String>,
    /// Calendar quarters instead of the Decree 09 periods.
    pub calendar_periods: bool,
    /// The feedback files are successive exports.
    pub snapshots: bool,
    /// The language of the report as written (`vi`, `en`); none: Vietnamese.
    pub lang: Option<String>,
    /// The sample data's folder, used when no input at all is given (the
    /// command line's `data-samples/`).
    pub sample_folder: Option<PathBuf>,
}

/// A request resolved: the settings of the run and its language.
#[derive(Debug, Clone)]
pub struct ResolvedRun {
    /// What the pipeline runs.
    pub settings: RunSettings,
    /// The language of the report.
    pub lang: Lang,
}

/// Why a request cannot become a run.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    /// No input at all, and no sample data to fall back on.
    #[error("no input given and no {} folder here: pass --feedback, --survey and --agencies, or run `sipas sample` first", .0.display())]
    NoSampleData(PathBuf),
    /// Only a registry, no data file.
    #[error("give at least one --feedback or --survey file")]
    NoDataFile,
    /// Two profiles map the same kind of input.
    #[error("two profiles have a [{0}] section; give one profile per input kind")]
    TwoProfiles(&'static str),
    /// The records name registry agencies and no registry is given.
    #[error("--agencies is required: records name agencies from the registry (or use a profile with agencies = \"as-is\", or read a Parquet dataset)")]
    NoRegistry,
    /// The period cannot be read.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// The as-of date cannot be read.
    #[error("'{0}' is not a date: write dd/mm/yyyy or yyyy-mm-dd")]
    Date(String),
    /// The language is not one of the report's.
    #[error("'{0}' is not a language of the report: use vi or en")]
    Lang(String),
    /// The configuration cannot be read.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A profile cannot be read.
    #[error(transparent)]
    Profile(#[from] ProfileError),
}

impl RequestError {
    /// Whether the request itself is wrong (bad usage), rather than a file
    /// it names.
    pub fn is_usage(&self) -> bool {
        !matches!(self, Self::Config(_) | Self::Profile(_))
    }
}

/// Reads profile files: each section may come from one file only.
pub fn load_profiles(paths: &[PathBuf]) -> Result<Profile, RequestError> {
    let mut profile = Profile::default();
    for path in paths {
        let loaded = Profile::load(path)?;
        for (mine, theirs, name) in [
            (&mut profile.feedback, loaded.feedback, "feedback"),
            (&mut profile.survey, loaded.survey, "survey"),
        ] {
            if let Some(section) = theirs {
                if mine.is_some() {
                    return Err(RequestError::TwoProfiles(name));
                }
                *mine = Some(section);
            }
        }
    }
    Ok(profile)
}

/// The agencies come with the data: every input is a Parquet dataset (its
/// rows name them), or the profile takes them as named.
fn agencies_in_data(section: Option<&SourceProfile>, paths: &[PathBuf]) -> bool {
    paths.iter().all(|p| crate::ingest::is_dataset(p))
        || section.is_some_and(|s| s.agencies == AgencyMode::AsIs)
}

/// Reads a date as a front end takes it.
pub fn parse_date(text: &str) -> Result<Day, RequestError> {
    crate::calendar::date_text::parse_date_text(text.trim())
        .map_err(|_| RequestError::Date(text.to_string()))
}

/// The words that ask for today's date as the as-of date.
pub const TODAY: [&str; 3] = ["today", "hôm nay", "hom nay"];

/// An as-of date as written: a date, or one of [`TODAY`] for today's date
/// in Vietnam (UTC+7).
pub fn parse_as_of(text: &str) -> Result<Day, RequestError> {
    let word = text.trim().to_lowercase();
    if TODAY.contains(&word.as_str()) {
        return Ok(crate::calendar::days::today_local());
    }
    parse_date(text)
}

/// The files of a run and its configuration.
struct Inputs {
    feedback: Vec<PathBuf>,
    survey: Vec<PathBuf>,
    agencies: Option<PathBuf>,
    config: ConfigSource,
}

/// The inputs of `request`, the sample data's when it gives none.
fn inputs(request: &RunRequest) -> Result<Inputs, RequestError> {
    let nothing =
        request.feedback.is_empty() && request.survey.is_empty() && request.agencies.is_none();
    match (&request.sample_folder, nothing) {
        (Some(folder), true) => {
            if !folder.is_dir() {
                return Err(RequestError::NoSampleData(folder.clone()));
            }
            let sample_config = folder.join("sipas.toml");
            let config = match &request.config {
                ConfigSource::Default if sample_config.is_file() => {
                    ConfigSource::File(sample_config)
                }
                other => other.clone(),
            };
            Ok(Inputs {
                feedback: vec![folder.join("feedback")],
                survey: vec![folder.join("survey")],
                agencies: Some(folder.join("agencies.csv")),
                config,
            })
        }
        _ => Ok(Inputs {
            feedback: request.feedback.clone(),
            survey: request.survey.clone(),
            agencies: request.agencies.clone(),
            config: request.config.clone(),
        }),
    }
}

/// What the request asks for besides its files: the period rule, the
/// period, the as-of date and the language.
pub struct Asked {
    /// Decree 09 periods or calendar ones.
    pub mode: PeriodMode,
    /// The period.
    pub period: PeriodChoice,
    /// The as-of date.
    pub as_of: Option<Day>,
    /// The report's language.
    pub lang: Lang,
}

/// Checks what `request` asks for besides its files (see [`Asked`]): the
/// first thing a front end checks, before any file is looked at.
pub fn asked(request: &RunRequest) -> Result<Asked, RequestError> {
    let mode = if request.calendar_periods {
        PeriodMode::Calendar
    } else {
        PeriodMode::Decree09
    };
    let period = match request
        .period
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(label) => {
            Period::parse(label, mode)?;
            PeriodChoice::Label(label.to_string())
        }
        None => PeriodChoice::LatestComplete,
    };
    let as_of = request
        .as_of
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(parse_as_of)
        .transpose()?;
    let lang = match request.lang.as_deref().map(str::trim) {
        None | Some("" | "vi") => Lang::Vi,
        Some("en") => Lang::En,
        Some(other) => return Err(RequestError::Lang(other.to_string())),
    };
    Ok(Asked {
        mode,
        period,
        as_of,
        lang,
    })
}

/// Turns a request into the settings of a run (see the module's doc).
pub fn resolve(request: &RunRequest) -> Result<ResolvedRun, RequestError> {
    let asked = asked(request)?;
    let profile = match &request.profile {
        ProfileSource::Files(paths) => load_profiles(paths)?,
        ProfileSource::Loaded(profile) => (**profile).clone(),
    };
    let Inputs {
        feedback,
        survey,
        agencies,
        config,
    } = inputs(request)?;
    if feedback.is_empty() && survey.is_empty() {
        return Err(RequestError::NoDataFile);
    }
    let in_data = agencies_in_data(profile.feedback.as_ref(), &feedback)
        && agencies_in_data(profile.survey.as_ref(), &survey);
    if agencies.is_none() && !in_data {
        return Err(RequestError::NoRegistry);
    }
    let config = match config {
        ConfigSource::Default => Config::default(),
        ConfigSource::File(path) => Config::load(&path)?,
        ConfigSource::Loaded(config) => *config,
    };
    Ok(ResolvedRun {
        settings: RunSettings {
            feedback,
            survey,
            agencies,
            profile,
            config,
            period: asked.period,
            mode: asked.mode,
            as_of: asked.as_of,
            snapshots: request.snapshots,
        },
        lang: asked.lang,
    })
}
