//! The city's indicators over every period the data covers, with the change
//! against the previous period and the same period a year earlier.
//!
//! A change is marked significant when the two periods' 95% Wilson
//! intervals do not overlap (a conservative test: non-overlap implies a
//! difference at well under 5%). The element index, a mean of four indices,
//! has no interval, so its changes carry no mark.

use std::collections::BTreeMap;

use serde::Serialize;

use super::interval::{round2, wilson, Z_95};
use super::{Handling, Satisfaction};
use crate::calendar::days::format_iso;
use crate::calendar::Period;

/// An indicator value with its interval, when it has one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Point {
    /// The value, in percent.
    #[serde(serialize_with = "super::serialize_rate")]
    pub value: Option<f64>,
    /// Lower end of the 95% interval.
    #[serde(serialize_with = "super::serialize_rate")]
    pub ci_low: Option<f64>,
    /// Upper end of the 95% interval.
    #[serde(serialize_with = "super::serialize_rate")]
    pub ci_high: Option<f64>,
}

/// A change between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// Difference in points (as published: both values at 2 decimals).
    #[serde(serialize_with = "super::serialize_points")]
    pub points: f64,
    /// Whether the intervals do not overlap; None without intervals.
    pub significant: Option<bool>,
}

impl Point {
    /// The change from `earlier` to this point.
    pub fn change_from(&self, earlier: &Point) -> Option<Change> {
        let points = round2(self.value?) - round2(earlier.value?);
        let significant = match (self.ci_low, self.ci_high, earlier.ci_low, earlier.ci_high) {
            (Some(low), Some(high), Some(earlier_low), Some(earlier_high)) => {
                Some(low > earlier_high || high < earlier_low)
            }
            _ => None,
        };
        Some(Change {
            points: round2(points),
            significant,
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

/// The trend points of one period's results.
pub fn points(survey: &Satisfaction, handling: &Handling) -> Vec<(String, Point)> {
    let criterion = |c: &super::Criterion| Point {
        value: c.index,
        ci_low: c.ci_low,
        ci_high: c.ci_high,
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
        Point {
            value: handling.on_time_rate,
            ci_low: interval.map(|i| i.0),
            ci_high: interval.map(|i| i.1),
        }
    };
    let criteria = survey.criteria();
    let values = [
        criterion(criteria[0]),
        criterion(criteria[1]),
        criterion(criteria[2]),
        criterion(criteria[3]),
        Point {
            value: survey.element,
            ci_low: None,
            ci_high: None,
        },
        on_time,
    ];
    let mut points: Vec<(String, Point)> = TREND_INDICATORS
        .iter()
        .map(|n| n.to_string())
        .zip(values)
        .collect();
    // The questionnaire's other elements and the overall index, when it has
    // more than the PAKN element (they have no interval).
    if survey.elements.len() > 1 {
        let bare = |value| Point {
            value,
            ci_low: None,
            ci_high: None,
        };
        for element in survey.elements.iter().skip(1) {
            points.push((element.code.clone(), bare(element.index)));
        }
        points.push((OVERALL.to_string(), bare(survey.overall)));
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
    fn significance_is_non_overlap_of_intervals() {
        // 80% of 400 (Wilson 75.80–83.63) against 70% of 400 (65.34–74.28): no overlap.
        let (a, b) = (wilson(0.8, 400.0, Z_95), wilson(0.7, 400.0, Z_95));
        let point = |p: f64, i: Option<(f64, f64)>| Point {
            value: Some(p),
            ci_low: i.map(|x| x.0),
            ci_high: i.map(|x| x.1),
        };
        let change = point(80.0, a).change_from(&point(70.0, b));
        assert_eq!(
            change,
            Some(Change {
                points: 10.0,
                significant: Some(true)
            })
        );
        // 80% against 76% of 400 (71.58–79.93): the intervals overlap.
        let c = wilson(0.76, 400.0, Z_95);
        assert_eq!(
            point(80.0, a)
                .change_from(&point(76.0, c))
                .and_then(|x| x.significant),
            Some(false)
        );
        // Without intervals there is no mark.
        assert_eq!(
            point(80.0, None)
                .change_from(&point(76.0, None))
                .and_then(|x| x.significant),
            None
        );
    }
}
