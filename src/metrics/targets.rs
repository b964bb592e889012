//! Whether an indicator meets its target (Plan 181/KH-UBND by default).
//!
//! An index is compared as published, rounded to 2 decimals, so that a
//! value printed as 83.92 meets a target of 83.92. "Above 85" means at least
//! 85.01 at that precision.

use serde::Serialize;

use super::interval::round2;
use crate::config::targets::IndicatorTarget;

/// Status of an indicator against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetStatus {
    /// Reached the upper end of the target range ("Đạt").
    #[serde(rename = "dat")]
    Met,
    /// Reached the lower end only ("Đạt mức tối thiểu").
    #[serde(rename = "dat_toi_thieu")]
    MetMinimum,
    /// Below the lower end ("Chưa đạt").
    #[serde(rename = "chua_dat")]
    NotMet,
    /// No value, or too small a sample ("Không đủ dữ liệu").
    #[serde(rename = "khong_du_du_lieu")]
    InsufficientData,
}

impl TargetStatus {
    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            TargetStatus::Met => "Đạt",
            TargetStatus::MetMinimum => "Đạt mức tối thiểu",
            TargetStatus::NotMet => "Chưa đạt",
            TargetStatus::InsufficientData => "Không đủ dữ liệu",
        }
    }
}

/// One indicator against its target.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    /// Indicator name (`TC1` … `element`, `on_time_rate` …).
    pub indicator: String,
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Current value.
    pub value: Option<f64>,
    /// The value that meets the lower end of the target.
    pub target_min: Option<f64>,
    /// The value that meets the upper end of the target.
    pub target_max: Option<f64>,
    /// Status.
    pub status: TargetStatus,
    /// Points still to go to the lower end (0 when reached; None without data).
    pub gap: Option<f64>,
}

/// Evaluates `value` against `target`; `enough` is false for a small sample.
pub fn evaluate(
    indicator: &str,
    target: &IndicatorTarget,
    value: Option<f64>,
    enough: bool,
) -> TargetResult {
    let range = target
        .range()
        .map(|(low, high)| (round2(low), round2(high)));
    let floor = target.above.map(|above| round2(above + 0.01));
    // The lowest value that meets the lower end and the floor.
    let lowest = match (range, floor) {
        (Some((low, _)), Some(floor)) => Some(low.max(floor)),
        (Some((low, _)), None) => Some(low),
        (None, floor) => floor,
    };
    let highest = match (range, floor) {
        (Some((_, high)), Some(floor)) => Some(high.max(floor)),
        (Some((_, high)), None) => Some(high),
        (None, floor) => floor,
    };
    let (status, gap) = match (value.map(round2), enough) {
        (Some(v), true) => {
            let status = match (lowest, highest) {
                (_, Some(high)) if v >= high => TargetStatus::Met,
                (Some(low), _) if v >= low => TargetStatus::MetMinimum,
                _ => TargetStatus::NotMet,
            };
            (status, lowest.map(|low| round2((low - v).max(0.0))))
        }
        _ => (TargetStatus::InsufficientData, None),
    };
    TargetResult {
        indicator: indicator.to_string(),
        baseline: target.baseline,
        value,
        target_min: range.map(|r| r.0),
        target_max: range.map(|r| r.1),
        status,
        gap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::targets::{IncreaseMode, Targets};

    fn plan(indicator: &str) -> IndicatorTarget {
        Targets::plan_181()
            .ok()
            .and_then(|t| t.indicators.get(indicator).cloned())
            .unwrap_or_default()
    }

    /// Checks the status and the points still to go of Plan 181's target of
    /// `indicator` at each value of `cases`.
    fn assert_statuses(indicator: &str, cases: &[(f64, TargetStatus, f64)]) {
        let target = plan(indicator);
        for &(value, status, gap) in cases {
            let result = evaluate(indicator, &target, Some(value), true);
            assert_eq!((result.status, result.gap), (status, Some(gap)), "{value}");
        }
    }

    #[test]
    fn tc2_boundaries_in_points() {
        // TC2: 2021 baseline 78.92, +5 to +7 points: 83.92 to 85.92.
        // Unrounded 83.915 is published as 83.92.
        assert_statuses(
            "TC2",
            &[
                (83.91, TargetStatus::NotMet, 0.01),
                (83.92, TargetStatus::MetMinimum, 0.0),
                (83.915, TargetStatus::MetMinimum, 0.0),
                (85.91, TargetStatus::MetMinimum, 0.0),
                (85.92, TargetStatus::Met, 0.0),
            ],
        );
        let at = |v: f64| evaluate("TC2", &plan("TC2"), Some(v), true);
        assert_eq!(
            (at(83.92).target_min, at(83.92).target_max),
            (Some(83.92), Some(85.92))
        );
    }

    #[test]
    fn relative_mode() {
        // Baseline 80, +5% to +10% of it: 84 to 88.
        let target = IndicatorTarget {
            baseline: Some(80.0),
            increase: Some([5.0, 10.0]),
            mode: IncreaseMode::Relative,
            ..IndicatorTarget::default()
        };
        let at = |v: f64| evaluate("TC1", &target, Some(v), true).status;
        assert_eq!(at(83.99), TargetStatus::NotMet);
        assert_eq!(at(84.0), TargetStatus::MetMinimum);
        assert_eq!(at(88.0), TargetStatus::Met);
    }

    #[test]
    fn element_must_also_be_above_85() {
        // 79.73 + 3 to 5 = 82.73 to 84.73, and above 85 (85.01 at 2 decimals).
        assert_statuses(
            "element",
            &[
                (84.80, TargetStatus::NotMet, 0.21),
                (85.00, TargetStatus::NotMet, 0.01),
                (85.01, TargetStatus::Met, 0.0),
            ],
        );
    }

    #[test]
    fn rates_at_100_and_missing_data() {
        let on_time = plan("on_time_rate");
        assert_eq!(
            evaluate("on_time_rate", &on_time, Some(100.0), true).status,
            TargetStatus::Met
        );
        let short = evaluate("on_time_rate", &on_time, Some(95.01), true);
        assert_eq!(
            (short.status, short.gap),
            (TargetStatus::NotMet, Some(4.99))
        );
        assert_eq!(
            evaluate("TC1", &plan("TC1"), None, true).status,
            TargetStatus::InsufficientData
        );
        assert_eq!(
            evaluate("TC1", &plan("TC1"), Some(90.0), false).status,
            TargetStatus::InsufficientData
        );
    }
}
