//! The results of a run for one period, in the shape the report writers and
//! `summary.json` use.

use serde::Serialize;

use std::collections::BTreeMap;

use super::rankings::{rank, Rank, RankInput};
use super::targets::{evaluate, TargetResult};
use super::trend::{points, Change};
use super::{Handling, Satisfaction};
use crate::calendar::days::format_iso;
use crate::calendar::{Day, HolidayKind, Period};
use crate::config::targets::{Targets, INDICATORS};
use crate::config::Baseline;
use crate::model::{AgencyLevel, Channel, Effect, FindingList, InputAccount};

/// The reporting period as written in outputs.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodInfo {
    /// `2024-Q1`, `2024-H1` or `2024`.
    pub label: String,
    /// First day, `yyyy-mm-dd`.
    pub start: String,
    /// Last day, `yyyy-mm-dd`.
    pub end: String,
    /// `decree-09-2019` or `calendar`.
    pub mode: crate::calendar::PeriodMode,
    /// Vietnamese name, e.g. "Quý I năm 2024".
    pub name_vi: String,
}

impl From<&Period> for PeriodInfo {
    fn from(period: &Period) -> Self {
        Self {
            label: period.to_string(),
            start: format_iso(period.start),
            end: format_iso(period.end),
            mode: period.mode,
            name_vi: period.name_vi(),
        }
    }
}

/// Satisfaction and handling of one unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitResults {
    /// SIPAS criteria.
    pub survey: Satisfaction,
    /// PAKN handling.
    pub handling: Handling,
    /// Each indicator against its target.
    pub targets: Vec<TargetResult>,
}

/// One agency's results.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyResults {
    /// Registry code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Administrative level.
    pub level: AgencyLevel,
    /// Taken as named in the data, not from the registry (see
    /// [`super::disclosure`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub as_named: bool,
    /// SIPAS criteria.
    pub survey: Satisfaction,
    /// PAKN handling.
    pub handling: Handling,
    /// Each indicator against its target (the city's targets).
    pub targets: Vec<TargetResult>,
    /// Ranks within the agency's level.
    pub rank: Rank,
    /// Where the agency falls on the funnel plots of the element index and
    /// the on-time rate.
    pub funnel: super::funnel::AgencyFunnel,
    /// Change against the previous period of the same length.
    pub change_previous: AgencyChange,
    /// Codes of the agencies that ended before the period's last day and
    /// whose records count under this one ("hợp nhất"): its numbers, and
    /// those of the periods it is compared with, pool theirs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<String>,
    /// How many citizens to survey next period ("kế hoạch khảo sát");
    /// null for an agency that has ended by the period's last day.
    pub survey_plan: Option<super::survey_plan::SurveyPlan>,
}

/// An agency's indicators against the previous period: the change in
/// points (as published: both values at 2 decimals) with the 95% interval
/// of the difference and whether it is significant (see
/// [`super::trend`]); null when either period has no value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgencyChange {
    /// Label of the previous period, e.g. `2024-Q4`.
    pub period: Option<String>,
    /// Element index change.
    pub element: Option<Change>,
    /// On-time rate change.
    pub on_time_rate: Option<Change>,
    /// Every indicator of the trend (TC1–TC4, element, on-time rate and,
    /// with a questionnaire of more elements, its elements, criteria and
    /// the overall index).
    pub indicators: BTreeMap<String, Option<Change>>,
}

impl AgencyChange {
    /// The change from the `before` values to the `now` values.
    pub fn between(now: (&Satisfaction, &Handling), before: (&Satisfaction, &Handling)) -> Self {
        let earlier = points(before.0, before.1);
        let indicators: BTreeMap<String, Option<Change>> = points(now.0, now.1)
            .into_iter()
            .zip(earlier)
            .map(|((name, point), (_, before))| (name, point.change_from(&before)))
            .collect();
        Self {
            period: None,
            element: indicators.get("element").copied().flatten(),
            on_time_rate: indicators.get("on_time_rate").copied().flatten(),
            indicators,
        }
    }
}

/// Handling of the PAKN received through one channel.
#[derive(Debug, Clone, Serialize)]
pub struct ChannelResults {
    /// Channel code.
    pub channel: Channel,
    /// Whether the channel counts as online ("trực tuyến").
    pub online: bool,
    /// Handling counts and rates of its PAKN.
    pub handling: Handling,
}

/// The handling subtotal of one agency level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelResults {
    /// Administrative level.
    pub level: AgencyLevel,
    /// Number of agencies of that level in the registry.
    pub agencies: usize,
    /// Counts of the level's agencies added up.
    pub handling: Handling,
}

/// The city's criteria against the baseline, in points (index − baseline).
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct BaselineChange {
    /// TC1 change.
    #[serde(rename = "TC1")]
    pub tc1: Option<f64>,
    /// TC2 change.
    #[serde(rename = "TC2")]
    pub tc2: Option<f64>,
    /// TC3 change.
    #[serde(rename = "TC3")]
    pub tc3: Option<f64>,
    /// TC4 change.
    #[serde(rename = "TC4")]
    pub tc4: Option<f64>,
    /// Element index change.
    pub element: Option<f64>,
}

impl BaselineChange {
    /// Change of `survey` against `baseline`.
    pub fn of(survey: &Satisfaction, baseline: &Baseline) -> Self {
        let change = |index: Option<f64>, base: f64| index.map(|i| i - base);
        Self {
            tc1: change(survey.tc1.index, baseline.tc1),
            tc2: change(survey.tc2.index, baseline.tc2),
            tc3: change(survey.tc3.index, baseline.tc3),
            tc4: change(survey.tc4.index, baseline.tc4),
            element: change(survey.element, baseline.element),
        }
    }

    /// The changes in order TC1…TC4, element.
    pub fn values(&self) -> [Option<f64>; 5] {
        [self.tc1, self.tc2, self.tc3, self.tc4, self.element]
    }
}

/// Findings by effect.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct FindingCounts {
    /// Rows rejected.
    pub rows_rejected: usize,
    /// Cells ignored in kept rows.
    pub cells_ignored: usize,
    /// Warnings on kept rows.
    pub warnings: usize,
}

impl FindingCounts {
    /// Counts `findings` by effect (a rejected row counts once however many
    /// reasons it has).
    pub fn of(findings: &FindingList, accounts: &[InputAccount]) -> Self {
        let count = |effect| findings.count_of(effect) as usize;
        Self {
            rows_rejected: accounts.iter().map(|a| a.rejected).sum(),
            cells_ignored: count(Effect::CellIgnored),
            warnings: count(Effect::Warning),
        }
    }
}

/// A weekday off inside the period.
#[derive(Debug, Clone, Serialize)]
pub struct DayOff {
    /// `yyyy-mm-dd`.
    pub date: String,
    /// The holiday it belongs to.
    pub holiday: HolidayKind,
}

/// Everything a report says about one period.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The reporting period.
    pub period: PeriodInfo,
    /// Date the pending counts are taken at, `yyyy-mm-dd`.
    pub as_of: String,
    /// Reporting unit ("Đơn vị báo cáo").
    pub reporting_unit: String,
    /// Receiving unit ("Đơn vị nhận báo cáo").
    pub receiving_unit: String,
    /// Row accounting per input file.
    pub inputs: Vec<InputAccount>,
    /// The whole city (all records and respondents pooled).
    pub city: UnitResults,
    /// Every agency of the registry, in registry order.
    pub agencies: Vec<AgencyResults>,
    /// The city's control limits of the funnel plots.
    pub funnel: super::funnel::FunnelLimits,
    /// Handling subtotals per agency level, in report order (levels with agencies only).
    pub levels: Vec<LevelResults>,
    /// Handling per channel of receipt, in report order (channels with PAKN only).
    pub channels: Vec<ChannelResults>,
    /// Handling by classification ("phân loại"): the four codes, then
    /// `chua_phan_loai`.
    pub categories: Vec<super::subjects::CategoryResults>,
    /// Handling by subject field ("lĩnh vực"), most received first; the
    /// records without a field last.
    pub fields: Vec<super::subjects::FieldResults>,
    /// The agencies that ended before the period's last day and count
    /// under another (see [`super::succession`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mergers: Vec<super::succession::Merger>,
    /// What the page for publishing may show of the agencies and fields
    /// (the small-cell rule; see [`super::disclosure`]).
    pub public: super::disclosure::Disclosure,
    /// The baseline of the criteria.
    pub baseline: Baseline,
    /// The city's criteria against the baseline, in points.
    pub change_vs_baseline: BaselineChange,
    /// Findings by effect.
    pub findings: FindingCounts,
    /// Weekdays off in the period (holidays and compensation days).
    pub days_off: Vec<DayOff>,
    /// Working days allowed to handle a PAKN without a deadline.
    pub deadline_working_days: u32,
    /// Minimum answers for an index not to be flagged as a small sample.
    pub min_sample: u32,
    /// Fewer handled PAKN than this make a handling rate "not enough data".
    pub min_handled: u32,
    /// The configuration in force (working-day limits, baseline, files used).
    pub config: crate::config::Config,
    /// The city's indicators for every quarter, half-year and year the data
    /// covers, with changes against the previous period and a year earlier.
    pub trend: Vec<super::trend::TrendEntry>,
    /// The survey plan's city side: the quarters it is drawn from, the
    /// answer shares and the agencies' total.
    pub survey_plan: super::survey_plan::CitySurveyPlan,
}

impl Summary {
    /// Day numbers of the as-of date, for writers that need the value.
    pub fn as_of_day(&self) -> Option<Day> {
        crate::calendar::date_text::parse_iso_date(&self.as_of)
    }
}

/// Evaluates every indicator that has a target for one unit. A criterion
/// with fewer answers than `min_sample`, or a rate over fewer PAKN than the
/// targets' `min_handled`, has "not enough data".
pub fn evaluate_targets(
    survey: &Satisfaction,
    handling: &Handling,
    targets: &Targets,
    min_sample: u32,
) -> Vec<TargetResult> {
    let criteria = survey.criteria();
    let enough_answers = |n: u64| n >= u64::from(min_sample);
    let enough_pakn = |n: u64| n >= u64::from(targets.min_handled);
    INDICATORS
        .iter()
        .filter_map(|&name| {
            let target = targets.indicators.get(name)?;
            let (value, enough) = match name {
                "TC1" | "TC2" | "TC3" | "TC4" => {
                    let k = name
                        .get(2..)
                        .and_then(|d| d.parse::<usize>().ok())
                        .unwrap_or(1)
                        - 1;
                    let c = criteria.get(k)?;
                    (c.index, enough_answers(c.n))
                }
                "element" => (survey.element, criteria.iter().all(|c| enough_answers(c.n))),
                "on_time_rate" => (handling.on_time_rate, enough_pakn(handling.handled)),
                "forwarded_on_time_rate" => (
                    handling.forwarded_on_time_rate,
                    enough_pakn(handling.forwarded),
                ),
                "notified_on_time_rate" => (
                    handling.notified_on_time_rate,
                    enough_pakn(handling.handled),
                ),
                _ => (
                    handling.published_on_time_rate,
                    enough_pakn(handling.handled),
                ),
            };
            Some(evaluate(name, target, value, enough))
        })
        .collect()
}

/// Sets every agency's ranks within its level: agencies with fewer answers
/// than `min_sample` on any criterion, or fewer handled PAKN than
/// `min_handled`, are not ranked on that indicator.
pub fn rank_agencies(
    agencies: &mut [AgencyResults],
    min_sample: u32,
    min_handled: u32,
    by_volume: bool,
) {
    let inputs: Vec<RankInput> = agencies
        .iter()
        .map(|a| RankInput {
            level: a.level,
            element: a.survey.element,
            enough_answers: a
                .survey
                .criteria()
                .iter()
                .all(|c| c.n >= u64::from(min_sample)),
            on_time: a.handling.on_time_rate,
            enough_handled: a.handling.handled >= u64::from(min_handled),
            volume: a.handling.received,
        })
        .collect();
    for (agency, ranks) in agencies.iter_mut().zip(rank(&inputs, by_volume)) {
        agency.rank = ranks;
    }
}
