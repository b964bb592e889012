//! The survey plan ("kế hoạch khảo sát"): how many citizens to survey at
//! each agency next period so that each PAKN criterion's 95% Wilson
//! interval is at most ± the margin (docs/definitions.md, “Survey plan”).
//!
//! For each criterion c of TC1–TC4, p is the agency's share satisfied over
//! the four quarters ending with the period (0.5 when it has fewer than the
//! minimum sample of answers there), and the answers needed are the
//! smallest n whose Wilson half-width at p is at most the margin. An answer
//! to c counts only when it is 1–5 and, for TC2–TC4, the gave-feedback rule
//! keeps it; a_c, the share of the city's respondents over the same
//! quarters whose answer to c counts, turns answers into respondents:
//! respondents needed = max over c of ⌈answers needed ÷ a_c⌉.

use std::collections::BTreeMap;

use serde::Serialize;

use super::interval::Z_95;
use super::{Satisfaction, SatisfactionResults};
use crate::calendar::days::format_iso;
use crate::calendar::{Period, PeriodSpan};
use crate::model::{AgencyId, CRITERIA};

/// The criteria codes, in order.
const CODES: [&str; CRITERIA] = ["TC1", "TC2", "TC3", "TC4"];

/// The share assumed when an agency has too few answers: the one that
/// needs the most answers.
const UNKNOWN_SHARE: f64 = 0.5;

/// Half the width of the Wilson score interval of a proportion `p` from
/// `n` answers, as a proportion (not clipped to 0–1):
/// z·√(p(1−p)/n + z²/4n²) ÷ (1 + z²/n). Infinite for `n` = 0.
pub fn wilson_half_width(p: f64, n: f64, z: f64) -> f64 {
    if n <= 0.0 {
        return f64::INFINITY;
    }
    let z2 = z * z;
    z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n)
}

/// The smallest number of answers whose 95% Wilson half-width at `p` is at
/// most `margin_points` percentage points. The half-width falls as n grows,
/// so the answer is found by doubling then halving.
pub fn answers_needed(p: f64, margin_points: f64) -> u64 {
    let margin = margin_points / 100.0;
    let fits = |n: u64| wilson_half_width(p, n as f64, Z_95) <= margin;
    let mut high = 1u64;
    while !fits(high) {
        high *= 2;
    }
    let mut low = high / 2;
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fits(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

/// One criterion's plan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CriterionPlan {
    /// The share satisfied the plan assumes (0–1).
    #[serde(serialize_with = "serialize_share")]
    pub p: f64,
    /// Answers to this criterion needed for the margin.
    pub answers_needed: u64,
}

/// An agency's plan for the next survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyPlan {
    /// The margin planned for, in points.
    pub margin_points: f64,
    /// Respondents to survey: the most any criterion needs.
    pub respondents_needed: u64,
    /// Respondents needed beyond those of the period reported on.
    pub shortfall: u64,
    /// Each of TC1–TC4.
    pub criteria: BTreeMap<String, CriterionPlan>,
}

/// The city's side of the plan: the quarters it is drawn from, the share
/// of respondents whose answer counts for each criterion, and the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitySurveyPlan {
    /// The margin planned for, in points.
    pub margin_points: f64,
    /// First day of the four quarters, `yyyy-mm-dd`.
    pub from: String,
    /// Last day of the four quarters.
    pub to: String,
    /// a_c: the share of the city's respondents whose answer to each
    /// criterion counts (1 when there were none).
    pub answer_shares: BTreeMap<String, f64>,
    /// Respondents over the four quarters.
    pub respondents: u64,
    /// The agencies' respondents needed, summed.
    pub respondents_needed: u64,
    /// The agencies' shortfalls, summed.
    pub shortfall: u64,
}

impl SurveyPlan {
    /// The plan with its shortfall against the `respondents` of the period
    /// reported on.
    pub fn against(&self, respondents: u64) -> Self {
        Self {
            shortfall: self.respondents_needed.saturating_sub(respondents),
            ..self.clone()
        }
    }
}

/// The plans of every agency and the city.
#[derive(Debug, Clone)]
pub struct SurveyPlans {
    /// By agency id (as counted on the period's last day).
    pub agencies: Vec<SurveyPlan>,
    /// The city's side, without the total (summed over the listed agencies
    /// when the summary is assembled).
    pub city: CitySurveyPlan,
}

/// The four quarters ending with the quarter that holds `period`'s last
/// day, as one span; None when that quarter cannot be built.
pub fn window(period: &Period) -> Option<Period> {
    let last = Period::quarter_containing(period.end, period.mode)?;
    let first = last.previous()?.previous()?.previous()?;
    debug_assert!(matches!(last.span, PeriodSpan::Quarter(_)));
    Some(Period {
        start: first.start,
        ..last
    })
}

/// Plans every agency of `results` (satisfaction over the [`window`]) for
/// `agencies` registry entries.
pub fn plan(
    results: &SatisfactionResults,
    window: &Period,
    agencies: usize,
    min_sample: u32,
    margin_points: f64,
) -> SurveyPlans {
    let city = results.city();
    let shares = answer_shares(&city);
    let plans = (0..agencies)
        .map(|id| {
            agency_plan(
                &results.agency(id as AgencyId),
                &shares,
                min_sample,
                margin_points,
            )
        })
        .collect();
    SurveyPlans {
        agencies: plans,
        city: CitySurveyPlan {
            margin_points,
            from: format_iso(window.start),
            to: format_iso(window.end),
            answer_shares: CODES.map(String::from).into_iter().zip(shares).collect(),
            respondents: city.respondents,
            respondents_needed: 0,
            shortfall: 0,
        },
    }
}

/// a_c for each criterion: answers counted ÷ respondents, 1 without
/// respondents.
fn answer_shares(city: &Satisfaction) -> [f64; CRITERIA] {
    city.criteria().map(|c| {
        if city.respondents == 0 {
            1.0
        } else {
            c.n as f64 / city.respondents as f64
        }
    })
}

/// One agency's plan from its satisfaction over the window.
fn agency_plan(
    survey: &Satisfaction,
    shares: &[f64; CRITERIA],
    min_sample: u32,
    margin_points: f64,
) -> SurveyPlan {
    let mut respondents_needed = 0;
    let mut criteria = BTreeMap::new();
    for ((code, criterion), share) in CODES.iter().zip(survey.criteria()).zip(shares) {
        let p = match criterion.index {
            Some(index) if criterion.n >= u64::from(min_sample) => index / 100.0,
            _ => UNKNOWN_SHARE,
        };
        let answers = answers_needed(p, margin_points);
        // A criterion no respondent of the city could answer asks nothing
        // of the plan: no number of respondents would give its answers.
        if *share > 0.0 {
            let respondents = (answers as f64 / share).ceil() as u64;
            respondents_needed = respondents_needed.max(respondents);
        }
        criteria.insert(
            code.to_string(),
            CriterionPlan {
                p,
                answers_needed: answers,
            },
        );
    }
    SurveyPlan {
        margin_points,
        respondents_needed,
        shortfall: 0,
        criteria,
    }
}

/// Serialises a share with 4 decimals.
fn serialize_share<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64((value * 10_000.0).round() / 10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_matches_published_wilson_intervals() {
        // Newcombe (1998), "Two-sided confidence intervals for the single
        // proportion", Table I, method 3 (Wilson score): 81/263 gives
        // 0.2553–0.3662, 15/148 gives 0.0624–0.1605, 0/20 gives 0–0.1611.
        let half = |x: f64, n: f64| wilson_half_width(x / n, n, Z_95);
        assert!((half(81.0, 263.0) - (0.3662 - 0.2553) / 2.0).abs() < 1e-4);
        assert!((half(15.0, 148.0) - (0.1605 - 0.0624) / 2.0).abs() < 1e-4);
        // At 0 the interval is [0, 2·half]: upper end 0.1611.
        assert!((2.0 * half(0.0, 20.0) - 0.1611).abs() < 1e-4);
        assert_eq!(wilson_half_width(0.5, 0.0, Z_95), f64::INFINITY);
    }

    #[test]
    fn answers_needed_at_a_half_and_at_eighty_percent() {
        // p = 0.5: half = (z/2) ÷ √(n + z²) ≤ 0.05 ⇔ n ≥ (0.98/0.05)² − 3.8416
        // = 384.16 − 3.8416 = 380.32, so 381.
        assert_eq!(answers_needed(0.5, 5.0), 381);
        // p = 0.8: z²(0.16n + z²/4) ≤ 0.0025(n + z²)² ⇔ 0.0025n² − 0.595448n
        // − 3.652575 ≥ 0 ⇔ n ≥ (0.595448 + √0.391084) ÷ 0.005 = 244.16, so 245.
        assert_eq!(answers_needed(0.8, 5.0), 245);
        // p = 1: half = z² ÷ 2(n + z²) ≤ 0.05 ⇔ n ≥ 9z² = 34.57, so 35.
        assert_eq!(answers_needed(1.0, 5.0), 35);
    }
}
