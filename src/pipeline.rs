//! One run of the pipeline: read inputs, build the working-day table, compute
//! the metrics of a period, and hand a [`Summary`] to the report writers.

use std::collections::BTreeMap;
use std::path::PathBuf;

use thiserror::Error;

use crate::calendar::{Day, Period, PeriodError, PeriodMode, Schedules};
use crate::config::profile::{Profile, ProfileError};
use crate::config::targets::Targets;
use crate::config::{Config, ConfigError};
use crate::ingest::{expand_paths, read_registry, IngestError, InputRules, Inputs};
pub use crate::metrics::compute::Computed;
use crate::metrics::compute::RunData;
use crate::metrics::summary::Summary;
use crate::model::Registry;
use crate::observe::Stage;

/// Why a run could not complete.
#[derive(Debug, Error)]
pub enum Error {
    /// Configuration or schedule file.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// An input file.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A mapping profile.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// A period label.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// The inputs hold nothing to report on.
    #[error("{0}")]
    NoData(String),
    /// The metrics engine failed.
    #[error("computing the metrics failed: {0}")]
    Metrics(#[from] polars::error::PolarsError),
    /// An output could not be written.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// An export could not be written.
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
}

/// Which period to report on.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodChoice {
    /// A given label (`2024-Q1`, `2024-H1`, `2024`).
    Label(String),
    /// The latest quarter the data covers completely.
    LatestComplete,
}

/// The inputs of a run, resolved (see [`crate::request::resolve`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    /// Feedback files or folders.
    pub feedback: Vec<PathBuf>,
    /// Survey files or folders.
    pub survey: Vec<PathBuf>,
    /// Agency registry; None when every profile takes agencies as-is.
    pub agencies: Option<PathBuf>,
    /// Mapping profile (empty: canonical formats).
    pub profile: Profile,
    /// Configuration.
    pub config: Config,
    /// Period to report on.
    pub period: PeriodChoice,
    /// Period boundary rule.
    pub mode: PeriodMode,
    /// As-of date for pending counts (default: the period's last day).
    pub as_of: Option<Day>,
    /// The feedback files are successive exports of the same systems,
    /// oldest first (`--snapshots`).
    pub snapshots: bool,
}

/// Inputs read and validated, before any metric.
#[derive(Debug)]
pub struct Loaded {
    /// The agency registry.
    pub registry: Registry,
    /// Records, responses, findings and accounting.
    pub inputs: Inputs,
    /// Official holiday schedules in force.
    pub schedules: Schedules,
    /// Targets in force (Plan 181 unless the configuration names a file).
    pub targets: Targets,
}

/// Reads the inputs and writes their accepted records as Parquet datasets
/// under `out` (`sipas export --format parquet`).
pub fn export_parquet(
    settings: &RunSettings,
    out: &std::path::Path,
    observer: &dyn crate::observe::Observer,
) -> Result<(Loaded, crate::export::ExportManifest), Error> {
    let loaded = load_observed(settings, observer)?;
    observer.stage(&Stage::WritingParquet);
    let criteria = settings.config.questionnaire().extra_codes();
    let manifest = crate::export::write_parquet(&loaded.inputs, &loaded.registry, &criteria, out)?;
    Ok((loaded, manifest))
}

/// Reads the registry, the schedules and every input file.
pub fn load(settings: &RunSettings) -> Result<Loaded, Error> {
    load_observed(settings, &crate::observe::Silent)
}

/// As [`load`], telling `observer` which file is read and how many rows so far.
pub fn load_observed(
    settings: &RunSettings,
    observer: &dyn crate::observe::Observer,
) -> Result<Loaded, Error> {
    load_named(settings, &BTreeMap::new(), observer)
}

/// As [`load_observed`], each input named in the outputs (accounts,
/// findings, record sources) by `names` rather than by its path, when
/// `names` has it: the workbench's uploads by the names they were
/// uploaded with.
pub fn load_named(
    settings: &RunSettings,
    names: &BTreeMap<PathBuf, String>,
    observer: &dyn crate::observe::Observer,
) -> Result<Loaded, Error> {
    // Without a registry, Parquet datasets use the one their export wrote
    // beside them, with the agencies' lifetimes.
    let exported = || {
        let mut inputs = settings.feedback.iter().chain(&settings.survey);
        let first = inputs.next()?;
        let registry = crate::ingest::export_registry(first)?;
        inputs
            .all(|p| crate::ingest::export_registry(p).as_ref() == Some(&registry))
            .then_some(registry)
    };
    let mut registry = match settings.agencies.clone().or_else(exported) {
        Some(path) => read_registry(&path)?,
        None => Registry::default(),
    };
    let schedules = settings.config.schedules()?;
    let feedback = expand_paths(&settings.feedback)?;
    let survey = expand_paths(&settings.survey)?;
    let rules = InputRules {
        criteria: settings.config.questionnaire().extra_codes(),
        snapshots: settings.snapshots || settings.config.snapshots,
        csv_block_bytes: None,
        names: names.clone(),
    };
    let inputs = Inputs::read_observed(
        &feedback,
        &survey,
        &mut registry,
        &settings.profile,
        &rules,
        observer,
    )?;
    let mut targets = match &settings.config.targets {
        Some(path) => Targets::load(path)?,
        None => Targets::plan_181()?,
    };
    if let Some(path) = &settings.config.agency_baselines {
        targets.load_agency_baselines(path)?;
    }
    Ok(Loaded {
        registry,
        inputs,
        schedules,
        targets,
    })
}

/// Resolves the period to report on.
pub fn resolve_period(settings: &RunSettings, inputs: &Inputs) -> Result<Period, Error> {
    match &settings.period {
        PeriodChoice::Label(label) => Ok(Period::parse(label, settings.mode)?),
        PeriodChoice::LatestComplete => {
            let last = inputs.last_day().ok_or_else(|| {
                Error::NoData(
                    "the inputs hold no accepted record or response, so there is no period to report on; see the findings".to_string(),
                )
            })?;
            Period::latest_complete_quarter(last, settings.mode)
                .ok_or_else(|| Error::NoData("the data ends before 1900".to_string()))
        }
    }
}

/// Computes the summary of `period` from loaded inputs.
pub fn summarise(
    loaded: &Loaded,
    period: &Period,
    as_of: Option<Day>,
    config: &Config,
) -> Result<Summary, Error> {
    Ok(compute(loaded, period, as_of, config)?.summary)
}

/// Computes the summary and the overdue list of `period` from loaded inputs.
pub fn compute(
    loaded: &Loaded,
    period: &Period,
    as_of: Option<Day>,
    config: &Config,
) -> Result<Computed, Error> {
    let data = RunData {
        inputs: &loaded.inputs,
        registry: &loaded.registry,
        schedules: &loaded.schedules,
        targets: &loaded.targets,
    };
    Ok(crate::metrics::compute::compute(
        data, period, as_of, config,
    )?)
}

/// A report written for one period.
#[derive(Debug)]
pub struct Written {
    /// The period reported on.
    pub period: Period,
    /// What was computed for it.
    pub computed: Computed,
    /// The files written.
    pub files: crate::report::ReportFiles,
}

/// Computes the period `settings` choose from loaded inputs and writes the
/// whole report, in `lang`, into the folder `folder_of` names for it (an
/// earlier report there is replaced only once the new one is complete).
/// `sipas report` and `sipas serve` both write their reports here. The
/// records and responses are freed once the numbers are computed (the
/// findings and the accounts stay in `loaded`), so that a large run never
/// holds them and the report's files at once.
pub fn write_period_report(
    loaded: &mut Loaded,
    settings: &RunSettings,
    lang: crate::report::labels::Lang,
    folder_of: impl FnOnce(&Period) -> PathBuf,
    observer: &dyn crate::observe::Observer,
) -> Result<Written, Error> {
    let period = resolve_period(settings, &loaded.inputs)?;
    let stop = || -> Result<(), Error> {
        match observer.cancelled() {
            true => Err(Error::Ingest(IngestError::Cancelled)),
            false => Ok(()),
        }
    };
    stop()?;
    observer.stage(&Stage::Computing);
    let computed = compute(loaded, &period, settings.as_of, &settings.config)?;
    loaded.inputs.release_records();
    stop()?;
    let input = crate::report::ReportInput {
        summary: &computed.summary,
        overdue: &computed.overdue,
        due_soon: &computed.due_soon,
        agency_fields: &computed.agency_fields,
        findings: &loaded.inputs.findings,
        lang,
    };
    observer.stage(&Stage::WritingReport);
    let files = crate::report::write_report(&input, &folder_of(&period))?;
    Ok(Written {
        period,
        computed,
        files,
    })
}
