//! SIPAS satisfaction with the handling of feedback (domain.md §3): the four
//! criteria TC1–TC4 and their element index.

use polars::prelude::*;
use serde::Serialize;

use super::aggregate::{count_where, sum_where, Aggregates, UnitValues};
use super::frames::CRITERION_COLUMNS;
use super::interval::{wilson, Z_95};
use crate::calendar::Period;
use crate::model::{AgencyId, CRITERIA};

/// The index of one criterion ("tiêu chí") for one unit and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Criterion {
    /// Answers 1–5 counted (after the gave-feedback rule).
    pub n: u64,
    /// Answers of 4 or 5.
    pub satisfied: u64,
    /// 100 × satisfied ÷ answered (weighted when the survey has weights).
    #[serde(serialize_with = "super::serialize_rate")]
    pub index: Option<f64>,
    /// Lower end of the 95% Wilson interval, in percent.
    #[serde(serialize_with = "super::serialize_rate")]
    pub ci_low: Option<f64>,
    /// Upper end of the 95% Wilson interval, in percent.
    #[serde(serialize_with = "super::serialize_rate")]
    pub ci_high: Option<f64>,
    /// Kish effective sample size (Σw)² ÷ Σw²; equals n without weights.
    #[serde(serialize_with = "super::serialize_rate")]
    pub effective_n: Option<f64>,
    /// Mean answer on the 1–5 scale.
    #[serde(serialize_with = "super::serialize_rate")]
    pub mean: Option<f64>,
    /// Count of answers 1, 2, 3, 4 and 5.
    pub distribution: [u64; 5],
    /// Fewer answers than the configured minimum sample.
    pub small_sample: bool,
}

/// The satisfaction results of one unit (the city or an agency).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Satisfaction {
    /// Responses in the period.
    pub respondents: u64,
    /// TC1.
    #[serde(rename = "TC1")]
    pub tc1: Criterion,
    /// TC2.
    #[serde(rename = "TC2")]
    pub tc2: Criterion,
    /// TC3.
    #[serde(rename = "TC3")]
    pub tc3: Criterion,
    /// TC4.
    #[serde(rename = "TC4")]
    pub tc4: Criterion,
    /// Element index: the mean of the four criterion indices, unrounded;
    /// None unless all four have answers.
    #[serde(serialize_with = "super::serialize_rate")]
    pub element: Option<f64>,
}

impl Satisfaction {
    /// The four criteria in order.
    pub fn criteria(&self) -> [&Criterion; CRITERIA] {
        [&self.tc1, &self.tc2, &self.tc3, &self.tc4]
    }

    fn from_values(v: UnitValues<'_>, min_sample: u32) -> Self {
        let criterion = |name: &str| {
            let n = v.count(&format!("{name}_n"));
            let weight = v.get(&format!("{name}_w"));
            let weight_satisfied = v.get(&format!("{name}_ws"));
            let weight_squared = v.get(&format!("{name}_w2"));
            let weighted_score = v.get(&format!("{name}_wscore"));
            let has_answers = n > 0 && weight > 0.0;
            let index = has_answers.then(|| 100.0 * weight_satisfied / weight);
            let effective_n =
                (has_answers && weight_squared > 0.0).then(|| weight * weight / weight_squared);
            let interval = match (index, effective_n) {
                (Some(i), Some(e)) => wilson(i / 100.0, e, Z_95),
                _ => None,
            };
            let mut distribution = [0u64; 5];
            for (answer, count) in distribution.iter_mut().enumerate() {
                *count = v.count(&format!("{name}_{}", answer + 1));
            }
            Criterion {
                n,
                satisfied: v.count(&format!("{name}_sat")),
                index,
                ci_low: interval.map(|i| i.0),
                ci_high: interval.map(|i| i.1),
                effective_n,
                mean: has_answers.then(|| weighted_score / weight),
                distribution,
                small_sample: n < u64::from(min_sample),
            }
        };
        let [tc1, tc2, tc3, tc4] = CRITERION_COLUMNS.map(criterion);
        let indices = [tc1.index, tc2.index, tc3.index, tc4.index];
        let element = indices
            .iter()
            .copied()
            .collect::<Option<Vec<f64>>>()
            .map(|values| values.iter().sum::<f64>() / values.len() as f64);
        Self {
            respondents: v.count("respondents"),
            tc1,
            tc2,
            tc3,
            tc4,
            element,
        }
    }
}

/// Satisfaction results for the city (all respondents pooled) and per agency.
#[derive(Debug, Clone, Default)]
pub struct SatisfactionResults {
    aggregates: Aggregates,
    min_sample: u32,
}

impl SatisfactionResults {
    /// The city's results.
    pub fn city(&self) -> Satisfaction {
        Satisfaction::from_values(self.aggregates.city(), self.min_sample)
    }

    /// An agency's results (no answers when it has no response).
    pub fn agency(&self, agency: AgencyId) -> Satisfaction {
        Satisfaction::from_values(self.aggregates.group(agency), self.min_sample)
    }
}

/// Computes the criteria for the responses surveyed in `period` from the
/// survey frame (see [`super::frames::survey_frame`]).
///
/// TC2–TC4 are about feedback actually given: a respondent who said they
/// gave none is left out of them; a blank leaves the answers in.
pub fn satisfaction(
    frame: &DataFrame,
    period: &Period,
    min_sample: u32,
) -> PolarsResult<SatisfactionResults> {
    satisfaction_by(frame, period, min_sample, Some("agency"))
}

/// As [`satisfaction`], for the city alone when `grouping` is None (one
/// pass without grouping, for the trend).
pub fn satisfaction_by(
    frame: &DataFrame,
    period: &Period,
    min_sample: u32,
    grouping: Option<&str>,
) -> PolarsResult<SatisfactionResults> {
    let surveyed = col("surveyed");
    let in_period = surveyed
        .clone()
        .gt_eq(lit(period.start))
        .and(surveyed.lt_eq(lit(period.end)));
    let aggregates = Aggregates::compute(frame, in_period, grouping, &aggregations())?;
    Ok(SatisfactionResults {
        aggregates,
        min_sample,
    })
}

impl SatisfactionResults {
    /// Results read from aggregates of [`aggregations`] (summed over quarters).
    pub(super) fn of(aggregates: Aggregates, min_sample: u32) -> Self {
        Self {
            aggregates,
            min_sample,
        }
    }
}

/// The sums and counts the satisfaction indices are computed from; they add
/// up across groups and periods.
pub(super) fn aggregations() -> Vec<Expr> {
    let weight = col("weight");
    let mut aggregations = vec![count_where(col("agency").is_not_null(), "respondents")];
    for (k, name) in CRITERION_COLUMNS.iter().enumerate() {
        let answer = col(*name);
        let mut answered = answer.clone().is_not_null();
        if k > 0 {
            answered = answered.and(col("gave_feedback").fill_null(lit(true)));
        }
        let satisfied = answered.clone().and(answer.clone().gt_eq(lit(4)));
        aggregations.extend([
            count_where(answered.clone(), &format!("{name}_n")),
            count_where(satisfied.clone(), &format!("{name}_sat")),
            sum_where(answered.clone(), weight.clone(), &format!("{name}_w")),
            sum_where(satisfied, weight.clone(), &format!("{name}_ws")),
            sum_where(
                answered.clone(),
                weight.clone() * weight.clone(),
                &format!("{name}_w2"),
            ),
            sum_where(
                answered.clone(),
                weight.clone() * answer.clone().cast(DataType::Float64),
                &format!("{name}_wscore"),
            ),
        ]);
        for value in 1..=5 {
            aggregations.push(count_where(
                answered.clone().and(answer.clone().eq(lit(value))),
                &format!("{name}_{value}"),
            ));
        }
    }
    aggregations
}
