//! One run of the pipeline: read inputs, build the working-day table, compute
//! the metrics of a period, and hand a [`Summary`] to the report writers.

use std::path::PathBuf;

use thiserror::Error;

use crate::calendar::days::format_iso;
use crate::calendar::{Day, Period, PeriodError, PeriodMode, Schedules, WorkingCalendar};
use crate::config::profile::{Profile, ProfileError};
use crate::config::targets::Targets;
use crate::config::{Config, ConfigError};
use crate::ingest::{expand_paths, read_registry, IngestError, InputRules, Inputs};
use crate::metrics::frames::{due_dates, feedback_frame, survey_frame};
use crate::metrics::funnel::FunnelLimits;
use crate::metrics::overdue::{overdue_records, OverdueRecord};
use crate::metrics::quarters::{HandlingQuarters, SatisfactionQuarters};
use crate::metrics::subjects::{subjects, AgencyFieldResults, FieldIndex};
use crate::metrics::summary::{
    evaluate_targets, rank_agencies, AgencyChange, AgencyResults, BaselineChange, ChannelResults,
    DayOff, FindingCounts, LevelResults, Summary, UnitResults,
};
use crate::metrics::{handling, handling_by, satisfaction, satisfaction_by, Grouping, Handling};
use crate::model::Registry;
use crate::model::{AgencyLevel, Channel};

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
    observer.stage("writing the Parquet datasets");
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

/// The years the working-day table must cover: every date of the records,
/// the period and the as-of date, plus one year for deadlines that run past
/// the last date.
fn calendar_years(inputs: &Inputs, period: &Period, as_of: Day) -> (i32, i32) {
    let records = &inputs.feedback;
    let optional = [
        &records.forwarded,
        &records.due,
        &records.resolved,
        &records.notified,
        &records.published,
    ];
    let days = records
        .received
        .iter()
        .copied()
        .chain(optional.iter().flat_map(|c| c.iter().flatten()))
        .chain(inputs.survey.surveyed.iter().copied())
        .chain([period.start, period.end, as_of]);
    let (min, max) = days.fold((Day::MAX, Day::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let year = |d: Day| chrono::Datelike::year(&crate::calendar::days::date_of(d));
    (year(min), year(max) + 1)
}

/// What one run computes for its period: the summary and the overdue list.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The indicators of the period.
    pub summary: Summary,
    /// Every PAKN handled late in the period or pending past its deadline on
    /// the as-of date.
    pub overdue: Vec<OverdueRecord>,
    /// Handling per agency and subject field (`fields.csv`).
    pub agency_fields: Vec<AgencyFieldResults>,
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
    let as_of = as_of.unwrap_or(period.end);
    let (first_year, last_year) = calendar_years(&loaded.inputs, period, as_of);
    let calendar = WorkingCalendar::build(first_year, last_year, &loaded.schedules);

    // The survey's queries run first: the columns they compute (the
    // weighted indicators of the element intervals) are freed before the
    // feedback frame is built, so that the two are never held together.
    let questionnaire = config.questionnaire();
    let periods = periods_covered(&loaded.inputs, period.mode);
    // Agencies as they stand on the period's last day: the records of an
    // agency that ended before it count under its successor, in this
    // period and in every one it is compared with.
    let map = loaded.registry.reporting_map(period.end);
    let survey_agencies = counted_under(&loaded.inputs.survey.agency, &map);
    let survey = survey_frame(&loaded.inputs.survey, &survey_agencies, &questionnaire)?;
    drop(survey_agencies);
    let satisfaction = satisfaction(&survey, period, config.min_sample, &questionnaire)?;
    let before = period.previous();
    let satisfaction_before = before
        .as_ref()
        .map(|before| {
            crate::metrics::satisfaction(&survey, before, config.min_sample, &questionnaire)
        })
        .transpose()?;
    let survey_quarters = SatisfactionQuarters::compute(
        &survey,
        &periods,
        period.mode,
        config.min_sample,
        &questionnaire,
    )?;

    let due = due_dates(&loaded.inputs.feedback, &calendar, config);
    let mut fields = FieldIndex::of(&loaded.inputs.feedback.field);
    // The frame takes the field keys and a copy of the deadlines; the
    // overdue list is drawn now so that the deadlines can go before the
    // metrics' queries run.
    let field_keys = std::mem::take(&mut fields.keys);
    let feedback_agencies = counted_under(&loaded.inputs.feedback.agency, &map);
    let feedback = feedback_frame(
        &loaded.inputs.feedback,
        &feedback_agencies,
        &due,
        field_keys,
        &calendar,
    )?;
    drop(feedback_agencies);
    let mut overdue = overdue_records(
        &loaded.inputs.feedback,
        &loaded.inputs.sources,
        &due,
        &calendar,
        period,
        as_of,
    );
    drop(due);
    for record in &mut overdue {
        record.agency = map[record.agency as usize];
    }
    let handling = handling(&feedback, period, as_of, config)?;
    let handling_before = before
        .as_ref()
        .map(|before| handling_of(&feedback, before, config))
        .transpose()?;
    let handling_quarters = HandlingQuarters::compute(&feedback, &periods, period.mode)?;
    let trend = trend_of(
        &loaded.inputs,
        periods,
        (&handling_quarters, &survey_quarters),
        (&feedback, &survey),
        config,
        &questionnaire,
    )?;
    let previous = before
        .zip(satisfaction_before)
        .zip(handling_before)
        .map(|((before, satisfied), handled)| (before, satisfied, handled));
    let channels = handling_by(&feedback, period, as_of, config, Grouping::Channel)?;
    let subjects = subjects(
        &feedback,
        &fields,
        loaded.registry.agencies().len(),
        period,
        previous.as_ref().map(|(before, _, _)| before),
        as_of,
        config,
    )?;

    let agencies: Vec<AgencyResults> = loaded
        .registry
        .agencies()
        .iter()
        .enumerate()
        .filter(|(index, _)| map[*index] as usize == *index)
        .filter_map(|(index, agency)| {
            let id = index as u32;
            let (survey, handling) = (satisfaction.agency(id), handling.agency(id));
            if !crate::metrics::succession::listed(agency, period.end, &survey, &handling) {
                return None;
            }
            let predecessors = crate::metrics::succession::predecessors(&loaded.registry, &map, id);
            let change_previous = previous
                .as_ref()
                .map(|(before, s, h)| AgencyChange {
                    period: Some(before.to_string()),
                    ..AgencyChange::between((&survey, &handling), (&s.agency(id), &h.agency(id)))
                })
                .unwrap_or_default();
            Some(AgencyResults {
                code: agency.code.clone(),
                name: agency.name.clone(),
                level: agency.level,
                as_named: agency.as_named,
                targets: evaluate_targets(
                    &survey,
                    &handling,
                    &loaded.targets.for_successor(&agency.code, &predecessors),
                    config.min_sample,
                ),
                rank: Default::default(),
                funnel: Default::default(),
                change_previous,
                survey,
                handling,
                predecessors,
            })
        })
        .collect();
    let mut agencies = agencies;
    rank_agencies(
        &mut agencies,
        config.min_sample,
        loaded.targets.min_handled,
        config.rank_by_volume,
    );
    let levels = level_subtotals(&agencies);
    let channels = Channel::ALL
        .iter()
        .map(|&channel| ChannelResults {
            channel,
            online: channel.is_online(),
            handling: channels.channel(channel),
        })
        .filter(|c| c.handling.received + c.handling.handled + c.handling.pending > 0)
        .collect();
    let days_off = calendar
        .weekdays_off_between(period.start, period.end)
        .into_iter()
        .map(|(day, holiday)| DayOff {
            date: format_iso(day),
            holiday,
        })
        .collect();
    let (city_survey, city_handling) = (satisfaction.city(), handling.city());
    let funnel = FunnelLimits::of_city(&city_survey, &city_handling);
    for agency in &mut agencies {
        agency.funnel = funnel.bands(&agency.survey, &agency.handling);
    }
    let city = UnitResults {
        targets: evaluate_targets(
            &city_survey,
            &city_handling,
            &loaded.targets,
            config.min_sample,
        ),
        survey: city_survey,
        handling: city_handling,
    };
    let listed: Vec<crate::metrics::disclosure::ListedAgency<'_>> = agencies
        .iter()
        .map(|a| crate::metrics::disclosure::ListedAgency {
            code: &a.code,
            name: &a.name,
            level: a.level,
            as_named: a.as_named,
            handling: &a.handling,
            respondents: a.survey.respondents,
        })
        .collect();
    let public =
        crate::metrics::disclosure::disclose(&listed, &subjects.fields, config.public_min_count);
    let summary = Summary {
        change_vs_baseline: BaselineChange::of(&city.survey, &config.baseline),
        period: period.into(),
        as_of: format_iso(as_of),
        reporting_unit: config.reporting_unit.clone(),
        receiving_unit: config.receiving_unit.clone(),
        inputs: loaded.inputs.accounts.clone(),
        city,
        agencies,
        funnel,
        levels,
        channels,
        public,
        mergers: crate::metrics::succession::mergers(&loaded.registry, &map),
        categories: subjects.categories,
        fields: subjects.fields,
        baseline: config.baseline.clone(),
        findings: FindingCounts::of(&loaded.inputs.findings, &loaded.inputs.accounts),
        days_off,
        deadline_working_days: config.deadline_working_days,
        min_sample: config.min_sample,
        min_handled: loaded.targets.min_handled,
        config: config.clone(),
        trend,
    };
    Ok(Computed {
        summary,
        overdue,
        agency_fields: subjects.agency_fields,
    })
}

/// Handling of a period other than the report's own, as of its own end.
fn handling_of(
    feedback: &polars::prelude::DataFrame,
    period: &Period,
    config: &Config,
) -> Result<crate::metrics::HandlingResults, Error> {
    Ok(handling(feedback, period, period.end, config)?)
}

/// The agency each record counts under: `agencies` through `map`, or
/// `agencies` themselves when no agency moves.
fn counted_under<'a>(
    agencies: &'a [crate::model::AgencyId],
    map: &[crate::model::AgencyId],
) -> std::borrow::Cow<'a, [crate::model::AgencyId]> {
    if map.iter().enumerate().all(|(k, &to)| to as usize == k) {
        return std::borrow::Cow::Borrowed(agencies);
    }
    std::borrow::Cow::Owned(
        agencies
            .iter()
            .map(|&a| map.get(a as usize).copied().unwrap_or(a))
            .collect(),
    )
}

/// Handling subtotals per level, for the levels the registry uses.
fn level_subtotals(agencies: &[AgencyResults]) -> Vec<LevelResults> {
    AgencyLevel::ALL
        .iter()
        .filter_map(|&level| {
            let members: Vec<&AgencyResults> =
                agencies.iter().filter(|a| a.level == level).collect();
            (!members.is_empty()).then(|| LevelResults {
                level,
                agencies: members.len(),
                handling: Handling::total(members.iter().map(|a| &a.handling)),
            })
        })
        .collect()
}

/// Every quarter from the first to the last day of the data, and the
/// half-years and years they make up (each computed as of its own end).
fn periods_covered(inputs: &Inputs, mode: crate::calendar::PeriodMode) -> Vec<Period> {
    use crate::calendar::PeriodSpan;
    let days = inputs
        .feedback
        .received
        .iter()
        .chain(inputs.survey.surveyed.iter());
    let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
        return Vec::new();
    };
    let mut periods = Vec::new();
    let mut quarter = Period::quarter_containing(*first, mode);
    while let Some(q) = quarter.filter(|q| q.start <= *last) {
        periods.push(q);
        let half = if let PeriodSpan::Quarter(n) = q.span {
            n.div_ceil(2)
        } else {
            1
        };
        for larger in [
            Period::new(q.year, PeriodSpan::Half(half), mode),
            Period::new(q.year, PeriodSpan::Year, mode),
        ]
        .into_iter()
        .flatten()
        {
            if !periods.contains(&larger) {
                periods.push(larger);
            }
        }
        quarter = Period::new(
            q.year + i32::from(q.span == PeriodSpan::Quarter(4)),
            match q.span {
                PeriodSpan::Quarter(n) => PeriodSpan::Quarter(n % 4 + 1),
                other => other,
            },
            mode,
        );
    }
    periods.sort_by_key(|p| (p.start, p.end));
    periods
}

/// The city's trend over `periods`, from the per-quarter totals (a period
/// not made of whole quarters computed from the frames on its own).
fn trend_of(
    inputs: &Inputs,
    periods: Vec<Period>,
    (handling_quarters, survey_quarters): (&HandlingQuarters, &SatisfactionQuarters),
    (feedback, survey): (&polars::prelude::DataFrame, &polars::prelude::DataFrame),
    config: &Config,
    questionnaire: &crate::config::questionnaire::Questionnaire,
) -> Result<Vec<crate::metrics::trend::TrendEntry>, Error> {
    let days = inputs
        .feedback
        .received
        .iter()
        .chain(inputs.survey.surveyed.iter());
    let covered = (
        days.clone().min().copied().unwrap_or_default(),
        days.max().copied().unwrap_or_default(),
    );
    let mut results = Vec::new();
    for period in periods {
        // Every period of the trend is made of whole quarters; one that is
        // not would be computed on its own.
        let handled = match handling_quarters.handling(&period) {
            Some(handled) => handled,
            None => handling_by(feedback, &period, period.end, config, Grouping::CityOnly)?.city(),
        };
        let satisfied = match survey_quarters.satisfaction(&period) {
            Some(satisfied) => satisfied,
            None => {
                satisfaction_by(survey, &period, config.min_sample, questionnaire, None)?.city()
            }
        };
        results.push((period, satisfied, handled));
    }
    Ok(crate::metrics::trend::build(&results, covered))
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
/// `sipas report` and `sipas serve` both write their reports here.
pub fn write_period_report(
    loaded: &Loaded,
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
    observer.stage("tính chỉ số / computing");
    let computed = compute(loaded, &period, settings.as_of, &settings.config)?;
    stop()?;
    let input = crate::report::ReportInput {
        summary: &computed.summary,
        overdue: &computed.overdue,
        agency_fields: &computed.agency_fields,
        findings: &loaded.inputs.findings,
        lang,
    };
    observer.stage("ghi báo cáo / writing the report");
    let files = crate::report::write_report(&input, &folder_of(&period))?;
    Ok(Written {
        period,
        computed,
        files,
    })
}
