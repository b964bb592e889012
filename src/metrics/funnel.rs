//! Funnel plots: each agency's element index and on-time rate held against
//! the city's value at the agency's own sample size, so that a ward with 12
//! answers and a department with 400 are compared fairly (Spiegelhalter,
//! "Funnel plots for comparing institutional performance", 2005).
//!
//! The control limits at n are centre ± z·sd ÷ √n, with z = 1.96 (95%) and
//! 3.09 (99.8%). For the on-time rate, a proportion, sd = √(p₀(1 − p₀)) and n
//! is the PAKN handled. For the element index, a mean of correlated
//! proportions, sd is the city's standard deviation per respondent (the
//! city's linearised standard error × √respondents) and n the agency's
//! respondents.

use serde::Serialize;

use super::{Handling, Satisfaction};

/// z of the 95% limits.
pub const Z_95: f64 = 1.96;
/// z of the 99.8% limits.
pub const Z_998: f64 = 3.09;

/// Where an agency's value falls against the city's control limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Band {
    /// Above the upper 99.8% limit.
    #[serde(rename = "above_99_8")]
    Above998,
    /// Above the upper 95% limit (within 99.8%).
    #[serde(rename = "above_95")]
    Above95,
    /// Within the 95% limits.
    #[serde(rename = "within")]
    Within,
    /// Below the lower 95% limit (within 99.8%).
    #[serde(rename = "below_95")]
    Below95,
    /// Below the lower 99.8% limit.
    #[serde(rename = "below_99_8")]
    Below998,
}

impl Band {
    /// Whether the value is outside the 99.8% limits.
    pub fn is_outside_99_8(self) -> bool {
        matches!(self, Band::Above998 | Band::Below998)
    }
}

/// The limits of one indicator: its centre and the spread per unit.
#[serde_with::apply(Option<f64> => #[serde(serialize_with = "super::serialize_rate")])]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Limits {
    /// The city's value, in percent; None when the city has none.
    pub centre: Option<f64>,
    /// The standard deviation per unit (respondent or PAKN), in points.
    pub sd: Option<f64>,
}

impl Limits {
    /// The band of `value` observed on `n` units; None without a value, a
    /// centre or units.
    pub fn band(&self, value: Option<f64>, n: u64) -> Option<Band> {
        let (value, centre, sd) = (value?, self.centre?, self.sd?);
        if n == 0 {
            return None;
        }
        let se = sd / (n as f64).sqrt();
        Some(if value > centre + Z_998 * se {
            Band::Above998
        } else if value > centre + Z_95 * se {
            Band::Above95
        } else if value < centre - Z_998 * se {
            Band::Below998
        } else if value < centre - Z_95 * se {
            Band::Below95
        } else {
            Band::Within
        })
    }

    /// The limit at `n` units for `z` (negative for the lower one).
    pub fn at(&self, n: f64, z: f64) -> Option<f64> {
        Some(self.centre? + z * self.sd? / n.sqrt())
    }
}

/// The city's funnel limits of the two indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct FunnelLimits {
    /// The element index (n = respondents).
    pub element: Limits,
    /// The on-time rate (n = PAKN handled).
    pub on_time_rate: Limits,
}

impl FunnelLimits {
    /// The limits around the city's results.
    pub fn of_city(survey: &Satisfaction, handling: &Handling) -> Self {
        let element_se = survey.elements.first().and_then(|e| e.se);
        let respondents = survey.respondents as f64;
        let on_time = handling.on_time_rate;
        Self {
            element: Limits {
                centre: survey.element,
                sd: element_se
                    .filter(|_| respondents > 0.0)
                    .map(|se| se * respondents.sqrt()),
            },
            on_time_rate: Limits {
                centre: on_time,
                sd: on_time.map(|p| 100.0 * (p / 100.0 * (1.0 - p / 100.0)).max(0.0).sqrt()),
            },
        }
    }

    /// The bands of one agency.
    pub fn bands(&self, survey: &Satisfaction, handling: &Handling) -> AgencyFunnel {
        AgencyFunnel {
            element: self.element.band(survey.element, survey.respondents),
            on_time_rate: self
                .on_time_rate
                .band(handling.on_time_rate, handling.handled),
        }
    }
}

/// An agency's bands on the two funnel plots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct AgencyFunnel {
    /// The element index against the city's.
    pub element: Option<Band>,
    /// The on-time rate against the city's.
    pub on_time_rate: Option<Band>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_widen_as_samples_shrink() {
        // City on-time rate 90%: sd = √(0.9 × 0.1) = 30 points.
        let limits = Limits {
            centre: Some(90.0),
            sd: Some(30.0),
        };
        // 400 handled: se = 1.5; 95% limits 87.06–92.94, 99.8% 85.365–94.635.
        assert_eq!(limits.band(Some(86.0), 400), Some(Band::Below95));
        assert_eq!(limits.band(Some(85.0), 400), Some(Band::Below998));
        assert_eq!(limits.band(Some(93.0), 400), Some(Band::Above95));
        assert_eq!(limits.band(Some(95.0), 400), Some(Band::Above998));
        assert_eq!(limits.band(Some(88.0), 400), Some(Band::Within));
        // 12 handled: se = 8.66; 95% lower limit 73.03: 75% is within.
        assert_eq!(limits.band(Some(75.0), 12), Some(Band::Within));
        // One handled PAKN, late (0%): se = 30, lower 99.8% limit 90 − 92.7 <
        // 0, lower 95% limit 31.2: below 95% only.
        assert_eq!(limits.band(Some(0.0), 1), Some(Band::Below95));
        // An agency with none: no band.
        assert_eq!(limits.band(None, 0), None);
        assert_eq!(limits.band(Some(50.0), 0), None);
    }
}
