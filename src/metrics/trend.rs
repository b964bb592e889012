//! The city's indicators over every period the data covers, with the change
//! against the previous period and the same period a year earlier.
//!
//! Every change carries a 95% interval of the difference and is marked
//! significant when the interval excludes 0: for a proportion (a criterion,
//! the on-time rate) Newcombe's hybrid score interval built from the two
//! periods' Wilson intervals (with Kish's effective n when weighted); for a
//! mean of criteria (an element, the overall index) the normal
//! approximation from the two standard errors, the periods' respondents
//! being independent samples.

use std::collections::BTreeMap;

use serde::Serialize;

use super::interval::{newcombe, round2, wilson, Z_95};
use super::{Handling, Satisfaction};
use crate::calendar::days::format_iso;
use crate::calendar::Period;

/// An indicator value with its interval, when it has one.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Point {
    /// The value, in percent.
    pub value: Option<f64>,
    /// Lower end of the 95% interval.
    pub ci_low: Option<f64>,
    /// Upper end of the 95% interval.
    pub ci_high: Option<f64>,
    /// For a mean of criteria, its standard error in points (its interval is
    /// the normal one); None for a proportion (its interval is Wilson's).
    #[serde_with(skip_apply)]
    #[serde(skip)]
    pub se: Option<f64>,
}

/// A change between two periods.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// Difference in points (as published: both values at 2 decimals).
    #[serde(serialize_with = "super::serialize_points")]
    pub points: f64,
    /// Lower end of the 95% interval of the difference, in points.
    pub ci_low: Option<f64>,
    /// Upper end of the 95% interval of the difference, in points.
    pub ci_high: Option<f64>,
    /// Whether the interval excludes 0; None without intervals.
    pub significant: Option<bool>,
}

impl Point {
    /// A proportion with its Wilson interval.
    pub fn proportion(value: Option<f64>, interval: Option<(f64, f64)>) -> Self {
        Self {
            value,
            ci_low: interval.map(|i| i.0),
            ci_high: interval.map(|i| i.1),
            se: None,
        }
    }

    /// A mean of criteria with its normal interval and standard error.
    pub fn mean(
        value: Option<f64>,
        ci_low: Option<f64>,
        ci_high: Option<f64>,
        se: Option<f64>,
    ) -> Self {
        Self {
            value,
            ci_low,
            ci_high,
            se,
        }
    }

    /// The change from `earlier` to this point, with the interval of the
    /// difference when both have one.
    pub fn change_from(&self, earlier: &Point) -> Option<Change> {
        let (now, before) = (self.value?, earlier.value?);
        let interval =
            match (self.se, earlier.se) {
                (Some(a), Some(b)) => {
                    let half = Z_95 * (a * a + b * b).sqrt();
                    Some((now - before - half, now - before + half))
                }
                _ => match (self.ci_low, self.ci_high, earlier.ci_low, earlier.ci_high) {
                    (Some(low), Some(high), Some(earlier_low), Some(earlier_high)) => Some(
                        newcombe(now, (low, high), before, (earlier_low, earlier_high)),
                    ),
                    _ => None,
                },
            };
        Some(Change {
            points: round2(round2(now) - round2(before)),
            ci_low: interval.map(|i| i.0),
            ci_high: interval.map(|i| i.1),
            significant: interval.map(|(low, high)| low > 0.0 || high < 0.0),
        })
    }
}

/// Indicators compared across periods, in order.
pub const TREND_INDICATORS: [&str; 6] = ["TC1", "TC2", "TC3", "TC4", "element", "on_time_rate"];

/// The city's indicators for one period.
#[derive(Debug, Clone, Serialize)]
pub struct TrendEntry {
    /// Period label.
    pub label: String,
    /// First day, `yyyy-mm-dd`.
    pub start: String,
    /// Last day, `yyyy-mm-dd`.
    pub end: String,
    /// Whether the data covers the whole period (records or responses from its
    /// first to its last day).
    pub complete: bool,
    /// PAKN received in the period.
    pub received: u64,
    /// PAKN handled in the period.
    pub handled: u64,
    /// TC1…TC4, element and on-time rate ([`TREND_INDICATORS`]), then, for
    /// a questionnaire of more elements, each other element by its code and
    /// the overall index ([`OVERALL`]).
    pub indicators: BTreeMap<String, Point>,
    /// Change against the previous period of the same length, per indicator.
    pub change_previous: BTreeMap<String, Option<Change>>,
    /// Change against the same period a year earlier, per indicator.
    pub change_year_ago: BTreeMap<String, Option<Change>>,
}

/// The trend points of one period's results: TC1–TC4, the element index
/// and the on-time rate, then, for a questionnaire of more elements, every
/// other element and its criteria (by code) and the overall index.
pub fn points(survey: &Satisfaction, handling: &Handling) -> Vec<(String, Point)> {
    let criterion = |c: &super::Criterion| Point {
        value: c.index,
        ci_low: c.ci_low,
        ci_high: c.ci_high,
        se: None,
    };
    let on_time = {
        let on_time = handling.early + handling.on_due;
        let interval = (handling.handled > 0)
            .then(|| {
                wilson(
                    on_time as f64 / handling.handled as f64,
                    handling.handled as f64,
                    Z_95,
                )
            })
            .flatten();
        Point::proportion(handling.on_time_rate, interval)
    };
    let element = |e: Option<&super::satisfaction::ElementResult>| match e {
        Some(e) => Point::mean(e.index, e.ci_low, e.ci_high, e.se),
        None => Point::default(),
    };
    let criteria = survey.criteria();
    let values = [
        criterion(criteria[0]),
        criterion(criteria[1]),
        criterion(criteria[2]),
        criterion(criteria[3]),
        element(survey.elements.first()),
        on_time,
    ];
    let mut points: Vec<(String, Point)> = TREND_INDICATORS
        .iter()
        .map(std::string::ToString::to_string)
        .zip(values)
        .collect();
    if survey.elements.len() > 1 {
        for e in survey.elements.iter().skip(1) {
            points.push((e.code.clone(), element(Some(e))));
            for c in &e.criteria {
                points.push((c.code.clone(), criterion(&c.criterion)));
            }
        }
        points.push((
            OVERALL.to_string(),
            Point::mean(
                survey.overall,
                survey.overall_ci_low,
                survey.overall_ci_high,
                survey.overall_se,
            ),
        ));
    }
    points
}

/// The trend's key of the overall index.
pub const OVERALL: &str = "overall";

/// Builds the trend from each period's results; `covered` is the first and
/// last day the data covers.
pub fn build(results: &[(Period, Satisfaction, Handling)], covered: (i32, i32)) -> Vec<TrendEntry> {
    let find = |period: Option<Period>| {
        let period = period?;
        results
            .iter()
            .find(|(p, _, _)| *p == period)
            .map(|(_, s, h)| points(s, h))
    };
    let compare = |now: &[(String, Point)],
                   earlier: Option<Vec<(String, Point)>>|
     -> BTreeMap<String, Option<Change>> {
        now.iter()
            .enumerate()
            .map(|(i, (name, point))| {
                let change = earlier
                    .as_ref()
                    .and_then(|e| e.get(i))
                    .and_then(|(_, before)| point.change_from(before));
                (name.clone(), change)
            })
            .collect()
    };
    results
        .iter()
        .map(|(period, survey, handling)| {
            let now = points(survey, handling);
            let year_ago = Period::new(period.year - 1, period.span, period.mode);
            TrendEntry {
                label: period.to_string(),
                start: format_iso(period.start),
                end: format_iso(period.end),
                complete: covered.0 <= period.start && period.end <= covered.1,
                received: handling.received,
                handled: handling.handled,
                change_previous: compare(&now, find(period.previous())),
                change_year_ago: compare(&now, find(year_ago)),
                indicators: now.into_iter().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_carries_the_interval_of_the_difference() {
        let point = |p: f64, i: Option<(f64, f64)>| Point::proportion(Some(p), i);
        // 80% of 400 (Wilson 75.80–83.63) against 76% of 400 (71.58–79.93):
        // the intervals overlap, yet Newcombe's interval 4 − √(4.197² +
        // 3.933²) = −1.75 … 4 + √(3.626² + 4.420²) = 9.72 holds 0: not
        // significant. Against 70% (65.34–74.28) it is 10 − √(4.197² + 4.283²) =
        // 4.00 … 10 + √(3.626² + 4.664²) = 15.91.
        let (a, b, c) = (
            wilson(0.8, 400.0, Z_95),
            wilson(0.76, 400.0, Z_95),
            wilson(0.7, 400.0, Z_95),
        );
        let change = point(80.0, a).change_from(&point(76.0, b)).expect("change");
        assert_eq!(change.points, 4.0);
        assert_eq!(change.significant, Some(false));
        let change = point(80.0, a).change_from(&point(70.0, c)).expect("change");
        assert_eq!(change.significant, Some(true));
        assert!(
            (change.ci_low.unwrap_or_default() - 4.0031).abs() < 0.001,
            "{change:?}"
        );
        assert!((change.ci_high.unwrap_or_default() - 15.9078).abs() < 0.001);
        // Without intervals there is no mark.
        let bare = point(80.0, None)
            .change_from(&point(76.0, None))
            .expect("change");
        assert_eq!((bare.ci_low, bare.significant), (None, None));
        // Means: the normal interval of the difference from the two errors,
        // 3 ± 1.96 × √(1² + 1²) = 0.228 … 5.772.
        let mean = |v: f64| Point::mean(Some(v), None, None, Some(1.0));
        let change = mean(83.0).change_from(&mean(80.0)).expect("change");
        assert!((change.ci_low.unwrap_or_default() - 0.2281).abs() < 0.001);
        assert!((change.ci_high.unwrap_or_default() - 5.7719).abs() < 0.001);
        assert_eq!(change.significant, Some(true));
    }
}
