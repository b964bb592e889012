//! The [`Summary`] of a period, assembled from the results of the queries:
//! each agency's results with its targets, rank, funnel band and change,
//! the levels' subtotals, the channels, the days off, what the public page
//! may show, and the city's totals.

use super::compute::RunData;
use super::disclosure::{disclose, ListedAgency};
use super::funnel::FunnelLimits;
use super::subjects::{AgencyFieldResults, Subjects};
use super::succession::{listed, mergers, predecessors};
use super::summary::{
    evaluate_targets, rank_agencies, AgencyChange, AgencyResults, BaselineChange, ChannelResults,
    DayOff, FindingCounts, LevelResults, Summary, UnitResults,
};
use super::survey_plan::{CitySurveyPlan, SurveyPlans};
use super::trend::TrendEntry;
use super::{Handling, HandlingResults, SatisfactionResults};
use crate::calendar::days::format_iso;
use crate::calendar::{Day, Period, WorkingCalendar};
use crate::config::Config;
use crate::model::{AgencyId, AgencyLevel, Channel};

/// The period before, with its satisfaction and handling results.
pub type Previous = (Period, SatisfactionResults, HandlingResults);

/// What the summary is assembled from.
pub struct Parts<'a> {
    /// The records, registry, schedules and targets.
    pub data: RunData<'a>,
    /// The agency each registry entry counts under on the period's last day.
    pub map: &'a [AgencyId],
    /// The working-day table.
    pub calendar: &'a WorkingCalendar,
    /// The period reported on.
    pub period: &'a Period,
    /// The as-of date of pending counts.
    pub as_of: Day,
    /// The run's settings.
    pub config: &'a Config,
    /// Satisfaction in the period.
    pub satisfaction: &'a SatisfactionResults,
    /// Handling in the period.
    pub handling: &'a HandlingResults,
    /// The period before, when there is one.
    pub previous: Option<&'a Previous>,
    /// Handling per channel.
    pub channels: &'a HandlingResults,
    /// Handling per classification and subject field.
    pub subjects: Subjects,
    /// The city's indicators per period.
    pub trend: Vec<TrendEntry>,
    /// PAKN due soon per agency id (as counted on the period's last day).
    pub due_soon: &'a [u64],
    /// The survey plan of every agency.
    pub plans: &'a SurveyPlans,
}

/// Assembles the summary; also returns the handling per agency and field
/// (`fields.csv`), which the summary does not carry.
pub fn assemble(parts: Parts<'_>) -> (Summary, Vec<AgencyFieldResults>) {
    let Parts {
        data,
        period,
        config,
        ..
    } = parts;
    let mut agencies = agency_results(&parts);
    rank_agencies(
        &mut agencies,
        config.min_sample,
        data.targets.min_handled,
        config.rank_by_volume,
    );
    let levels = level_subtotals(&agencies);
    let (city_survey, mut city_handling) = (parts.satisfaction.city(), parts.handling.city());
    city_handling.due_soon = Some(parts.due_soon.iter().sum());
    let funnel = FunnelLimits::of_city(&city_survey, &city_handling);
    for agency in &mut agencies {
        agency.funnel = funnel.bands(&agency.survey, &agency.handling);
    }
    let city = UnitResults {
        targets: evaluate_targets(
            &city_survey,
            &city_handling,
            data.targets,
            config.min_sample,
        ),
        survey: city_survey,
        handling: city_handling,
    };
    let plans = agencies.iter().filter_map(|a| a.survey_plan.as_ref());
    let agencies_needed = plans.clone().map(|p| p.respondents_needed).sum();
    let agencies_short = plans.map(|p| p.shortfall).sum();
    let shown: Vec<ListedAgency<'_>> = agencies.iter().map(as_listed).collect();
    let public = disclose(&shown, &parts.subjects.fields, config.public_min_count);
    let inputs = data.inputs;
    let summary = Summary {
        change_vs_baseline: BaselineChange::of(&city.survey, &config.baseline),
        period: period.into(),
        as_of: format_iso(parts.as_of),
        reporting_unit: config.reporting_unit.clone(),
        receiving_unit: config.receiving_unit.clone(),
        inputs: inputs.accounts.clone(),
        city,
        agencies,
        funnel,
        levels,
        channels: channel_results(parts.channels),
        public,
        mergers: mergers(data.registry, parts.map),
        categories: parts.subjects.categories,
        fields: parts.subjects.fields,
        baseline: config.baseline.clone(),
        findings: FindingCounts::of(&inputs.findings, &inputs.accounts),
        days_off: days_off(parts.calendar, period),
        deadline_working_days: config.deadline_working_days,
        min_sample: config.min_sample,
        min_handled: data.targets.min_handled,
        config: config.clone(),
        trend: parts.trend,
        survey_plan: CitySurveyPlan {
            respondents_needed: agencies_needed,
            shortfall: agencies_short,
            ..parts.plans.city.clone()
        },
    };
    (summary, parts.subjects.agency_fields)
}

/// Each listed agency's results, in registry order, before ranking.
fn agency_results(parts: &Parts<'_>) -> Vec<AgencyResults> {
    let (registry, map, end) = (parts.data.registry, parts.map, parts.period.end);
    registry
        .agencies()
        .iter()
        .enumerate()
        .filter(|(index, _)| map[*index] as usize == *index)
        .filter_map(|(index, agency)| {
            let id = index as AgencyId;
            let survey = parts.satisfaction.agency(id);
            let mut handling = parts.handling.agency(id);
            handling.due_soon = parts.due_soon.get(index).copied();
            if !listed(agency, end, &survey, &handling) {
                return None;
            }
            let predecessors = predecessors(registry, map, id);
            let change_previous = parts
                .previous
                .map(|(before, s, h)| AgencyChange {
                    period: Some(before.to_string()),
                    ..AgencyChange::between((&survey, &handling), (&s.agency(id), &h.agency(id)))
                })
                .unwrap_or_default();
            let targets = parts
                .data
                .targets
                .for_successor(&agency.code, &predecessors);
            Some(AgencyResults {
                code: agency.code.clone(),
                name: agency.name.clone(),
                level: agency.level,
                as_named: agency.as_named,
                targets: evaluate_targets(&survey, &handling, &targets, parts.config.min_sample),
                rank: Default::default(),
                funnel: Default::default(),
                change_previous,
                survey_plan: agency
                    .lifetime
                    .covers(end)
                    .then(|| parts.plans.agencies[index].against(survey.respondents)),
                survey,
                handling,
                predecessors,
            })
        })
        .collect()
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

/// An agency's results as disclosure control sees them.
fn as_listed(agency: &AgencyResults) -> ListedAgency<'_> {
    ListedAgency {
        code: &agency.code,
        name: &agency.name,
        level: agency.level,
        as_named: agency.as_named,
        handling: &agency.handling,
        respondents: agency.survey.respondents,
    }
}

/// Handling per channel of receipt, for the channels with PAKN.
fn channel_results(channels: &HandlingResults) -> Vec<ChannelResults> {
    Channel::ALL
        .iter()
        .map(|&channel| ChannelResults {
            channel,
            online: channel.is_online(),
            handling: channels.channel(channel),
        })
        .filter(|c| c.handling.received + c.handling.handled + c.handling.pending > 0)
        .collect()
}

/// The weekdays of the period that are not working days.
fn days_off(calendar: &WorkingCalendar, period: &Period) -> Vec<DayOff> {
    calendar
        .weekdays_off_between(period.start, period.end)
        .into_iter()
        .map(|(day, holiday)| DayOff {
            date: format_iso(day),
            holiday,
        })
        .collect()
}
