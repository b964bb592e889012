//! Targets as configuration (TOML): per indicator a baseline, a target range
//! as an increase in points or in percent, an absolute floor, or an absolute
//! level. The Plan 181/KH-UBND targets are shipped as the default
//! (`config/plan-181-targets.toml`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ConfigError;

/// The targets shipped with the tool.
pub const PLAN_181: &str = include_str!("../../config/plan-181-targets.toml");

/// Indicators a target may be set for, in report order.
pub const INDICATORS: [&str; 9] = [
    "TC1",
    "TC2",
    "TC3",
    "TC4",
    "element",
    "on_time_rate",
    "forwarded_on_time_rate",
    "notified_on_time_rate",
    "published_on_time_rate",
];

/// How a target range is expressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncreaseMode {
    /// An increase in percentage points over the baseline.
    #[default]
    Points,
    /// An increase in percent of the baseline.
    Relative,
}

/// The target of one indicator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTarget {
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Year of the baseline.
    pub baseline_year: Option<i32>,
    /// Target range `[min, max]` as an increase over the baseline.
    pub increase: Option<[f64; 2]>,
    /// How `increase` is expressed.
    #[serde(default)]
    pub mode: IncreaseMode,
    /// The value must exceed this.
    pub above: Option<f64>,
    /// An absolute level to reach (for rates without a baseline).
    pub at_least: Option<f64>,
}

impl IndicatorTarget {
    /// The value that meets the lower and the upper end of the range.
    pub fn range(&self) -> Option<(f64, f64)> {
        if let Some(level) = self.at_least {
            return Some((level, level));
        }
        let (baseline, [low, high]) = (self.baseline?, self.increase?);
        Some(match self.mode {
            IncreaseMode::Points => (baseline + low, baseline + high),
            IncreaseMode::Relative => (
                baseline * (1.0 + low / 100.0),
                baseline * (1.0 + high / 100.0),
            ),
        })
    }
}

/// All targets of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// Fewer handled PAKN than this make the handling rates "not enough data".
    pub min_handled: u32,
    /// Indicator → target.
    pub indicators: BTreeMap<String, IndicatorTarget>,
    /// Agency code → indicator → the agency's own baseline.
    pub agency_baselines: BTreeMap<String, BTreeMap<String, f64>>,
}

#[derive(Deserialize)]
struct RawTargets {
    min_handled: Option<u32>,
    #[serde(flatten)]
    indicators: BTreeMap<String, IndicatorTarget>,
}

impl Targets {
    /// The Plan 181 targets.
    pub fn plan_181() -> Result<Self, ConfigError> {
        Self::parse(PLAN_181, "config/plan-181-targets.toml")
    }

    /// Reads a targets file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = super::read_settings(path)?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses targets TOML; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ConfigError> {
        let raw: RawTargets = toml::from_str(text).map_err(|e| ConfigError::Toml {
            path: origin.to_string(),
            message: e.message().to_string(),
        })?;
        for (name, target) in &raw.indicators {
            if !INDICATORS.contains(&name.as_str()) {
                let hint = crate::text_match::closest(name, INDICATORS)
                    .map(|c| format!("; did you mean [{c}]?"))
                    .unwrap_or_else(|| format!("; use one of {}", INDICATORS.join(", ")));
                return Err(ConfigError::Invalid {
                    path: origin.to_string(),
                    message: format!("[{name}] is not an indicator{hint}"),
                });
            }
            if target.range().is_none() && target.above.is_none() {
                return Err(ConfigError::Invalid {
                    path: origin.to_string(),
                    message: format!(
                        "[{name}] needs baseline and increase = [min, max], or at_least, or above"
                    ),
                });
            }
            for (key, value) in [
                ("baseline", target.baseline),
                ("above", target.above),
                ("at_least", target.at_least),
            ] {
                if let Some(value) = value.filter(|v| !(0.0..=100.0).contains(v)) {
                    return Err(ConfigError::Invalid {
                        path: origin.to_string(),
                        message: format!(
                            "[{name}] {key} = {value} is not a percentage; give a value from 0 to 100"
                        ),
                    });
                }
            }
            if let Some((low, high)) = target.range().filter(|(l, h)| *l < 0.0 || *h > 100.0) {
                return Err(ConfigError::Invalid {
                    path: origin.to_string(),
                    message: format!(
                        "[{name}] baseline and increase give a target of {low:.2} to {high:.2}, outside 0 to 100; check increase"
                    ),
                });
            }
            if let Some([low, high]) = target.increase {
                if low > high {
                    return Err(ConfigError::Invalid {
                        path: origin.to_string(),
                        message: format!(
                            "[{name}] increase = [{low}, {high}]: the minimum is above the maximum"
                        ),
                    });
                }
            }
        }
        Ok(Self {
            min_handled: raw.min_handled.unwrap_or(5),
            indicators: raw.indicators,
            agency_baselines: BTreeMap::new(),
        })
    }

    /// Reads per-agency baselines from a CSV with a `code` column and one
    /// column per indicator (`TC1` … `element`); a blank cell keeps the city's.
    pub fn load_agency_baselines(&mut self, path: &Path) -> Result<(), ConfigError> {
        let origin = path.display().to_string();
        let invalid = |message: String| ConfigError::Invalid {
            path: origin.clone(),
            message,
        };
        let bytes = crate::files::read_capped(path, crate::files::MAX_SETTINGS_TABLE_BYTES)
            .map_err(|source| ConfigError::Read {
                path: origin.clone(),
                source,
            })?;
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| invalid(e.to_string()))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let Some(code_column) = headers.iter().position(|h| h.eq_ignore_ascii_case("code")) else {
            return Err(invalid(
                "needs a 'code' column naming each agency".to_string(),
            ));
        };
        for (line, record) in reader.records().enumerate() {
            let record = record.map_err(|e| invalid(e.to_string()))?;
            let code = record
                .get(code_column)
                .unwrap_or_default()
                .trim()
                .to_string();
            let mut baselines = BTreeMap::new();
            for (column, header) in headers.iter().enumerate() {
                let text = record.get(column).unwrap_or_default().trim();
                if column == code_column
                    || text.is_empty()
                    || !INDICATORS.contains(&header.as_str())
                {
                    continue;
                }
                let value: f64 = text.replace(',', ".").parse().map_err(|_| {
                    invalid(format!(
                        "row {}: {header} = '{text}' is not a number",
                        line + 2
                    ))
                })?;
                if !(0.0..=100.0).contains(&value) {
                    return Err(invalid(format!(
                        "row {}: {header} = {text} is not a percentage; give a value from 0 to 100",
                        line + 2
                    )));
                }
                baselines.insert(header.clone(), value);
            }
            self.agency_baselines
                .insert(crate::text_match::fold(&code), baselines);
        }
        Ok(())
    }

    /// The targets of one agency: its own baselines where it has them.
    pub fn for_agency(&self, code: &str) -> std::borrow::Cow<'_, Targets> {
        self.for_successor(code, &[])
    }

    /// The targets of an agency whose records pool those of the agencies
    /// it took over (`predecessors`, by code): its own baselines where it
    /// has them; else, indicator by indicator, the mean of its
    /// predecessors' own baselines; else the city's.
    pub fn for_successor(
        &self,
        code: &str,
        predecessors: &[String],
    ) -> std::borrow::Cow<'_, Targets> {
        let own = self.agency_baselines.get(&crate::text_match::fold(code));
        let pooled;
        let baselines = match own {
            Some(own) if !own.is_empty() => Some(own),
            _ => {
                let mut sums: BTreeMap<String, (f64, u32)> = BTreeMap::new();
                for predecessor in predecessors {
                    if let Some(theirs) = self
                        .agency_baselines
                        .get(&crate::text_match::fold(predecessor))
                    {
                        for (indicator, value) in theirs {
                            let entry = sums.entry(indicator.clone()).or_default();
                            entry.0 += value;
                            entry.1 += 1;
                        }
                    }
                }
                pooled = sums
                    .into_iter()
                    .map(|(indicator, (sum, n))| (indicator, sum / f64::from(n)))
                    .collect::<BTreeMap<String, f64>>();
                (!pooled.is_empty()).then_some(&pooled)
            }
        };
        match baselines {
            Some(own) => {
                let mut targets = self.clone();
                for (indicator, baseline) in own {
                    if let Some(target) = targets.indicators.get_mut(indicator) {
                        target.baseline = Some(*baseline);
                    }
                }
                std::borrow::Cow::Owned(targets)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}
