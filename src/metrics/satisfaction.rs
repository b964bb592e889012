//! SIPAS satisfaction (docs/definitions.md, “Satisfaction”): the four PAKN criteria TC1–TC4 and
//! their element index, every other element of the questionnaire with its
//! criteria, and the overall index ("chỉ số hài lòng chung").

use polars::prelude::*;
use serde::Serialize;

use super::aggregate::{count_where, sum_where, Aggregates, UnitValues};
use super::covariance::linear_se;
use super::criteria::criterion_masks;
use super::frames::criterion_column;
use super::interval::{normal, wilson, Z_95};
use crate::calendar::Period;
use crate::config::questionnaire::Questionnaire;
use crate::model::{AgencyId, CRITERIA};

/// The index of one criterion ("tiêu chí") for one unit and period.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Criterion {
    /// Answers 1–5 counted (after the gave-feedback rule).
    pub n: u64,
    /// Answers of 4 or 5.
    pub satisfied: u64,
    /// 100 × satisfied ÷ answered (weighted when the survey has weights).
    pub index: Option<f64>,
    /// Lower end of the 95% Wilson interval, in percent.
    pub ci_low: Option<f64>,
    /// Upper end of the 95% Wilson interval, in percent.
    pub ci_high: Option<f64>,
    /// Kish effective sample size (Σw)² ÷ Σw²; equals n without weights.
    pub effective_n: Option<f64>,
    /// Mean answer on the 1–5 scale.
    pub mean: Option<f64>,
    /// Count of answers 1, 2, 3, 4 and 5.
    pub distribution: [u64; 5],
    /// Fewer answers than the configured minimum sample.
    pub small_sample: bool,
}

/// One criterion of the questionnaire with its code and question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// Criterion code (`TC1`, `TTHC1`).
    pub code: String,
    /// The question.
    pub label: String,
    /// Its index and the counts behind it.
    #[serde(flatten)]
    pub criterion: Criterion,
}

/// One element of the questionnaire ("yếu tố").
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementResult {
    /// Element code (`PAKN`, `TTHC`).
    pub code: String,
    /// Element name.
    pub label: String,
    /// The mean of its criteria's unrounded indices; None unless every
    /// criterion has answers.
    pub index: Option<f64>,
    /// Lower end of the 95% interval (normal approximation from the
    /// linearised standard error of the covariance sums).
    pub ci_low: Option<f64>,
    /// Upper end of the 95% interval.
    pub ci_high: Option<f64>,
    /// Standard error of the index, in points.
    #[serde_with(skip_apply)]
    #[serde(skip)]
    pub se: Option<f64>,
    /// Its criteria, in order.
    pub criteria: Vec<CriterionResult>,
}

/// The satisfaction results of one unit (the city or an agency).
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    pub element: Option<f64>,
    /// Lower end of the element index's 95% interval.
    pub element_ci_low: Option<f64>,
    /// Upper end of the element index's 95% interval.
    pub element_ci_high: Option<f64>,
    /// Every element of the questionnaire, PAKN first.
    pub elements: Vec<ElementResult>,
    /// The overall index ("chỉ số hài lòng chung"): the mean of the
    /// elements' indices (weighted where the questionnaire gives weights);
    /// None unless every element has an index.
    pub overall: Option<f64>,
    /// Lower end of the overall index's 95% interval.
    pub overall_ci_low: Option<f64>,
    /// Upper end of the overall index's 95% interval.
    pub overall_ci_high: Option<f64>,
    /// Standard error of the overall index, in points.
    #[serde_with(skip_apply)]
    #[serde(skip)]
    pub overall_se: Option<f64>,
}

impl Satisfaction {
    /// TC1–TC4's indices, then the element's.
    pub fn pakn_indices(&self) -> [Option<f64>; 5] {
        [
            self.tc1.index,
            self.tc2.index,
            self.tc3.index,
            self.tc4.index,
            self.element,
        ]
    }

    /// The four criteria in order.
    pub fn criteria(&self) -> [&Criterion; CRITERIA] {
        [&self.tc1, &self.tc2, &self.tc3, &self.tc4]
    }

    /// The element of `code`, if the questionnaire has it.
    pub fn element_of(&self, code: &str) -> Option<&ElementResult> {
        self.elements.iter().find(|e| e.code == code)
    }

    /// Whether any criterion of any element has fewer answers than the
    /// minimum sample.
    pub fn any_small_sample(&self) -> bool {
        self.elements
            .iter()
            .flat_map(|e| &e.criteria)
            .any(|c| c.criterion.small_sample)
    }

    fn from_values(v: UnitValues<'_>, min_sample: u32, questionnaire: &Questionnaire) -> Self {
        let criterion = |code: &str| {
            let name = criterion_column(code);
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
        let mean = |values: &[Option<f64>]| -> Option<f64> {
            let values = values.iter().copied().collect::<Option<Vec<f64>>>()?;
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        };
        let elements: Vec<ElementResult> = questionnaire
            .elements
            .iter()
            .map(|spec| {
                let criteria: Vec<CriterionResult> = spec
                    .criteria
                    .iter()
                    .map(|c| CriterionResult {
                        code: c.code.clone(),
                        label: c.label.clone(),
                        criterion: criterion(&c.code),
                    })
                    .collect();
                let indices: Vec<Option<f64>> =
                    criteria.iter().map(|c| c.criterion.index).collect();
                let index = mean(&indices);
                let share = 1.0 / spec.criteria.len().max(1) as f64;
                let terms: Vec<(String, f64)> = spec
                    .criteria
                    .iter()
                    .map(|c| (criterion_column(&c.code), share))
                    .collect();
                let se = index.and_then(|_| linear_se(&v, &terms));
                let interval = index.zip(se).map(|(i, se)| normal(i, se, Z_95));
                ElementResult {
                    code: spec.code.clone(),
                    label: spec.label.clone(),
                    index,
                    ci_low: interval.map(|i| i.0),
                    ci_high: interval.map(|i| i.1),
                    se,
                    criteria,
                }
            })
            .collect();
        let pakn = |k: usize| {
            elements
                .first()
                .and_then(|e| e.criteria.get(k))
                .map(|c| c.criterion)
                .unwrap_or_default()
        };
        let overall = overall_index(
            &elements
                .iter()
                .zip(&questionnaire.elements)
                .map(|(e, spec)| (e.index, spec.weight))
                .collect::<Vec<_>>(),
        );
        // The overall index is Σ c_e·(mean of element e's criteria): each
        // criterion weighs c_e ÷ K_e.
        let shares = element_shares(questionnaire);
        let terms: Vec<(String, f64)> = questionnaire
            .elements
            .iter()
            .zip(&shares)
            .flat_map(|(spec, share)| {
                let each = share / spec.criteria.len().max(1) as f64;
                spec.criteria
                    .iter()
                    .map(move |c| (criterion_column(&c.code), each))
            })
            .collect();
        let overall_se = overall.and_then(|_| linear_se(&v, &terms));
        let overall_interval = overall.zip(overall_se).map(|(i, se)| normal(i, se, Z_95));
        let first = elements.first();
        Self {
            respondents: v.count("respondents"),
            tc1: pakn(0),
            tc2: pakn(1),
            tc3: pakn(2),
            tc4: pakn(3),
            element: first.and_then(|e| e.index),
            element_ci_low: first.and_then(|e| e.ci_low),
            element_ci_high: first.and_then(|e| e.ci_high),
            overall,
            overall_ci_low: overall_interval.map(|i| i.0),
            overall_ci_high: overall_interval.map(|i| i.1),
            overall_se,
            elements,
        }
    }
}

/// Each element's share of the overall index: its weight over the sum of
/// weights (an element without one weighs 1), or 1 ÷ the number of elements.
fn element_shares(questionnaire: &Questionnaire) -> Vec<f64> {
    let weighted = questionnaire.elements.iter().any(|e| e.weight.is_some());
    let weights: Vec<f64> = questionnaire
        .elements
        .iter()
        .map(|e| {
            if weighted {
                e.weight.unwrap_or(1.0)
            } else {
                1.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| w / total.max(f64::MIN_POSITIVE))
        .collect()
}

/// The overall index of elements given as (index, weight): the mean of the
/// indices, weighted when any element has a weight (an element without one
/// weighs 1); None unless every element has an index.
pub fn overall_index(elements: &[(Option<f64>, Option<f64>)]) -> Option<f64> {
    let weighted = elements.iter().any(|(_, w)| w.is_some());
    let mut sum = 0.0;
    let mut total = 0.0;
    for (index, weight) in elements {
        let w = if weighted { weight.unwrap_or(1.0) } else { 1.0 };
        sum += w * (*index)?;
        total += w;
    }
    (total > 0.0).then(|| sum / total)
}

/// Satisfaction results for the city (all respondents pooled) and per agency.
#[derive(Debug, Clone, Default)]
pub struct SatisfactionResults {
    aggregates: Aggregates,
    min_sample: u32,
    questionnaire: Questionnaire,
}

impl SatisfactionResults {
    /// The city's results.
    pub fn city(&self) -> Satisfaction {
        Satisfaction::from_values(self.aggregates.city(), self.min_sample, &self.questionnaire)
    }

    /// An agency's results (no answers when it has no response).
    pub fn agency(&self, agency: AgencyId) -> Satisfaction {
        Satisfaction::from_values(
            self.aggregates.group(agency),
            self.min_sample,
            &self.questionnaire,
        )
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
    questionnaire: &Questionnaire,
) -> PolarsResult<SatisfactionResults> {
    satisfaction_by(frame, period, min_sample, questionnaire, Some("agency"))
}

/// As [`satisfaction`], for the city alone when `grouping` is None (one
/// pass without grouping, for the trend).
pub fn satisfaction_by(
    frame: &DataFrame,
    period: &Period,
    min_sample: u32,
    questionnaire: &Questionnaire,
    grouping: Option<&str>,
) -> PolarsResult<SatisfactionResults> {
    let surveyed = col("surveyed");
    let in_period = surveyed
        .clone()
        .gt_eq(lit(period.start))
        .and(surveyed.lt_eq(lit(period.end)));
    let aggregates = Aggregates::compute_derived(
        frame,
        in_period,
        grouping.map(col),
        &super::criteria::weighted_columns(questionnaire),
        &aggregations(questionnaire),
    )?;
    Ok(SatisfactionResults {
        aggregates,
        min_sample,
        questionnaire: questionnaire.clone(),
    })
}

impl SatisfactionResults {
    /// Results read from aggregates of [`aggregations`] (summed over quarters).
    pub(super) fn of(
        aggregates: Aggregates,
        min_sample: u32,
        questionnaire: &Questionnaire,
    ) -> Self {
        Self {
            aggregates,
            min_sample,
            questionnaire: questionnaire.clone(),
        }
    }
}

/// The sums and counts the satisfaction indices are computed from, for
/// every criterion of `questionnaire`; they add up across groups and periods.
/// The gave-feedback rule applies to TC2–TC4 only.
pub(super) fn aggregations(questionnaire: &Questionnaire) -> Vec<Expr> {
    let weight = col("weight");
    let mut aggregations = vec![count_where(col("agency").is_not_null(), "respondents")];
    let masks = criterion_masks(questionnaire);
    let names: Vec<String> = masks.iter().map(|m| m.name.clone()).collect();
    for mask in masks {
        let (name, answer) = (&mask.name, col(mask.name.as_str()));
        let (answered, satisfied) = (mask.answered, mask.satisfied);
        aggregations.extend([
            count_where(answered.clone(), &format!("{name}_n")),
            count_where(satisfied.clone(), &format!("{name}_sat")),
            sum_where(answered.clone(), weight.clone(), &format!("{name}_w")),
            sum_where(satisfied.clone(), weight.clone(), &format!("{name}_ws")),
            sum_where(
                answered.clone(),
                weight.clone() * weight.clone(),
                &format!("{name}_w2"),
            ),
            sum_where(
                satisfied,
                weight.clone() * weight.clone(),
                &format!("{name}_w2s"),
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
    aggregations.extend(super::covariance::pair_aggregations(&names));
    aggregations
}
