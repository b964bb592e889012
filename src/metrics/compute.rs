//! One period's numbers from the records read: the working-day table, the
//! survey's and the handling's queries, the trend, and the [`Summary`]
//! assembled from them (see [`super::assemble`]). The pipeline calls
//! [`compute`]; every writer shows what it returns.

use std::borrow::Cow;

use polars::prelude::{DataFrame, PolarsResult};

use super::assemble::{assemble, Parts};
use super::breakdown::HandlingBreakdown;
use super::due_soon::{count_by_agency, due_soon_records, DueSoonRecord};
use super::frames::{due_dates, feedback_frame, survey_frame};
use super::listed::ListedPakn;
use super::overdue::{overdue_records, OverdueRecord};
use super::quarters::{HandlingQuarters, SatisfactionQuarters};
use super::subjects::{subjects, AgencyFieldResults, FieldIndex};
use super::summary::Summary;
use super::survey_plan::{plan, window, SurveyPlans};
use super::trend::TrendEntry;
use super::{handling_by, satisfaction, satisfaction_by, Grouping};
use crate::calendar::{Day, Period, PeriodMode, PeriodSpan, Schedules, WorkingCalendar};
use crate::config::questionnaire::Questionnaire;
use crate::config::targets::Targets;
use crate::config::Config;
use crate::model::{AgencyId, Inputs, Registry};

/// What a period's numbers are computed from: the records read, the agency
/// registry, the holiday schedules and the targets in force.
#[derive(Clone, Copy)]
pub struct RunData<'a> {
    /// Records, responses, findings and accounting.
    pub inputs: &'a Inputs,
    /// The agency registry.
    pub registry: &'a Registry,
    /// Official holiday schedules in force.
    pub schedules: &'a Schedules,
    /// Targets in force.
    pub targets: &'a Targets,
}

/// What one run computes for its period: the summary and the overdue list.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The indicators of the period.
    pub summary: Summary,
    /// Every PAKN handled late in the period or pending past its deadline on
    /// the as-of date.
    pub overdue: Vec<OverdueRecord>,
    /// Every accepted PAKN pending on the as-of date and due within
    /// `due_soon_working_days` working days, the earliest deadline first.
    pub due_soon: Vec<DueSoonRecord>,
    /// Handling per agency and subject field (`fields.csv`).
    pub agency_fields: Vec<AgencyFieldResults>,
}

/// Computes the summary and the overdue list of `period`, with pending
/// counts as of `as_of` (the period's last day when `None`).
pub fn compute(
    data: RunData<'_>,
    period: &Period,
    as_of: Option<Day>,
    config: &Config,
) -> PolarsResult<Computed> {
    let inputs = data.inputs;
    let as_of = as_of.unwrap_or(period.end);
    let (first_year, last_year) = calendar_years(inputs, period, as_of);
    let calendar = WorkingCalendar::build(first_year, last_year, data.schedules);
    let questionnaire = config.questionnaire();
    let covered = covered_days(inputs);
    let periods = periods_covered(covered, period.mode);
    let before = period.previous();
    // Agencies as they stand on the period's last day: the records of an
    // agency that ended before it count under its successor, in this
    // period and in every one it is compared with.
    let map = data.registry.reporting_map(period.end);

    // The survey's queries run first: the columns they compute (the
    // weighted indicators of the element intervals) are freed before the
    // feedback frame is built, so that the two are never held together.
    let survey_agencies = counted_under(&inputs.survey.agency, &map);
    let survey = survey_frame(&inputs.survey, &survey_agencies, &questionnaire)?;
    drop(survey_agencies);
    let satisfaction_now = satisfaction(&survey, period, config.min_sample, &questionnaire)?;
    let satisfaction_before = before
        .as_ref()
        .map(|before| satisfaction(&survey, before, config.min_sample, &questionnaire))
        .transpose()?;
    let plans = survey_plans(
        &survey,
        period,
        data.registry.agencies().len(),
        config,
        &questionnaire,
    )?;
    let survey_quarters = SatisfactionQuarters::compute(
        &survey,
        &periods,
        period.mode,
        config.min_sample,
        &questionnaire,
    )?;

    let due = due_dates(&inputs.feedback, &calendar, config);
    let mut fields = FieldIndex::of(&inputs.feedback.field);
    // The frame takes the field keys and a copy of the deadlines.
    let field_keys = std::mem::take(&mut fields.keys);
    let feedback_agencies = counted_under(&inputs.feedback.agency, &map);
    let feedback = feedback_frame(
        &inputs.feedback,
        &feedback_agencies,
        &due,
        field_keys,
        &calendar,
    )?;
    drop(feedback_agencies);
    let (records, sources) = (&inputs.feedback, &inputs.sources);
    let within = config.due_soon_working_days;
    let mut due_soon = due_soon_records(records, sources, &due, &calendar, as_of, within);
    count_under(due_soon.iter_mut().map(|r| &mut r.pakn), &map);
    let due_soon_counts = count_by_agency(&due_soon, map.len());
    let breakdown_now = HandlingBreakdown::compute(&feedback, period, as_of, config)?;
    let breakdown_before = before
        .as_ref()
        .map(|b| HandlingBreakdown::compute(&feedback, b, b.end, config))
        .transpose()?;
    let handling_now = breakdown_now.by(Grouping::Agency)?;
    let handling_before = breakdown_before
        .as_ref()
        .map(|b| b.by(Grouping::Agency))
        .transpose()?;
    let handling_quarters = HandlingQuarters::compute(&feedback, &periods, period.mode)?;
    let trend = trend_of(
        covered,
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
    let channels = breakdown_now.by(Grouping::Channel)?;
    let subjects = subjects(
        &breakdown_now,
        breakdown_before.as_ref(),
        &fields,
        data.registry.agencies().len(),
    )?;
    let (summary, agency_fields) = assemble(Parts {
        data,
        map: &map,
        calendar: &calendar,
        period,
        as_of,
        config,
        satisfaction: &satisfaction_now,
        handling: &handling_now,
        previous: previous.as_ref(),
        channels: &channels,
        subjects,
        trend,
        due_soon: &due_soon_counts,
        plans: &plans,
    });
    // The overdue list is drawn once the frame is freed, so that however
    // large the backlog it never adds to the memory the queries hold.
    drop(feedback);
    let mut overdue = overdue_records(records, sources, &due, &calendar, period, as_of);
    drop(due);
    count_under(overdue.iter_mut().map(|r| &mut r.pakn), &map);
    Ok(named_by_place(
        Computed {
            summary,
            overdue,
            due_soon,
            agency_fields,
        },
        data.registry,
    ))
}

/// Puts each PAKN of a list under the agency it counts under on the
/// period's last day (`map`), as the summary counts them.
fn count_under<'a>(listed: impl Iterator<Item = &'a mut ListedPakn>, map: &[AgencyId]) {
    for pakn in listed {
        pakn.agency = map[pakn.agency as usize];
    }
}

/// `computed` with its lists naming each agency by its place in the
/// summary's list, which leaves out the agencies merged into others and the
/// inactive ones (each PAKN is already under the agency it counts under).
fn named_by_place(mut computed: Computed, registry: &Registry) -> Computed {
    let places = places_in(&computed.summary, registry);
    let place = |agency: AgencyId| places[agency as usize];
    for record in &mut computed.overdue {
        record.pakn.agency = place(record.pakn.agency);
    }
    for record in &mut computed.due_soon {
        record.pakn.agency = place(record.pakn.agency);
    }
    for row in &mut computed.agency_fields {
        row.agency = place(row.agency);
    }
    computed
}

/// For each registry entry, its place in `summary.agencies`, or
/// [`NOT_LISTED`] when the summary does not list it.
fn places_in(summary: &Summary, registry: &Registry) -> Vec<AgencyId> {
    let by_code: std::collections::HashMap<&str, usize> = summary
        .agencies
        .iter()
        .enumerate()
        .map(|(place, agency)| (agency.code.as_str(), place))
        .collect();
    registry
        .agencies()
        .iter()
        .map(|agency| {
            by_code
                .get(agency.code.as_str())
                .map_or(NOT_LISTED, |&place| place as AgencyId)
        })
        .collect()
}

/// The place of an agency the summary does not list.
pub const NOT_LISTED: AgencyId = AgencyId::MAX;

/// The survey plan of every agency, from the four quarters ending with the
/// period's last (see [`super::survey_plan`]).
fn survey_plans(
    survey: &DataFrame,
    period: &Period,
    agencies: usize,
    config: &Config,
    questionnaire: &Questionnaire,
) -> PolarsResult<SurveyPlans> {
    let window = window(period).unwrap_or(*period);
    let results = satisfaction(survey, &window, config.min_sample, questionnaire)?;
    Ok(plan(
        &results,
        &window,
        agencies,
        config.min_sample,
        config.survey_margin_points,
    ))
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

/// The agency each record counts under: `agencies` through `map`, or
/// `agencies` themselves when no agency moves.
fn counted_under<'a>(agencies: &'a [AgencyId], map: &[AgencyId]) -> Cow<'a, [AgencyId]> {
    if map.iter().enumerate().all(|(k, &to)| to as usize == k) {
        return Cow::Borrowed(agencies);
    }
    Cow::Owned(
        agencies
            .iter()
            .map(|&a| map.get(a as usize).copied().unwrap_or(a))
            .collect(),
    )
}

/// The first and the last day a record was received or a response
/// surveyed, in one pass; `None` without any.
fn covered_days(inputs: &Inputs) -> Option<(Day, Day)> {
    let days = inputs
        .feedback
        .received
        .iter()
        .chain(inputs.survey.surveyed.iter());
    days.fold(None, |span, &day| match span {
        None => Some((day, day)),
        Some((first, last)) => Some((first.min(day), last.max(day))),
    })
}

/// Every quarter from the first to the last day of the data, and the
/// half-years and years they make up (each computed as of its own end).
fn periods_covered(covered: Option<(Day, Day)>, mode: PeriodMode) -> Vec<Period> {
    let Some((first, last)) = covered else {
        return Vec::new();
    };
    let mut periods = Vec::new();
    let mut quarter = Period::quarter_containing(first, mode);
    while let Some(q) = quarter.filter(|q| q.start <= last) {
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
    covered: Option<(Day, Day)>,
    periods: Vec<Period>,
    (handling_quarters, survey_quarters): (&HandlingQuarters, &SatisfactionQuarters),
    (feedback, survey): (&DataFrame, &DataFrame),
    config: &Config,
    questionnaire: &Questionnaire,
) -> PolarsResult<Vec<TrendEntry>> {
    let covered = covered.unwrap_or_default();
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
    Ok(super::trend::build(&results, covered))
}
