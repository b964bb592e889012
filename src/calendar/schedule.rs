//! Official yearly schedules of days off (TOML), which override the computed
//! holidays holiday by holiday.

use std::collections::BTreeMap;

use super::date_text::parse_iso_date;
use super::days::Day;
use super::holidays::HolidayKind;

/// A schedule file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// Not valid TOML, or not a table of years.
    #[error("{origin} is not a valid schedule file: {message}")]
    Toml {
        /// The file.
        origin: String,
        /// The parser's message.
        message: String,
    },
    /// A year, key or date that cannot be used.
    #[error("{origin}: {message}")]
    Invalid {
        /// The file.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// The schedules shipped with the tool (2024–2026), from `config/official-schedules.toml`.
pub const SHIPPED_SCHEDULES: &str = include_str!("../../config/official-schedules.toml");

/// The official schedule of one year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearSchedule {
    /// Days off per holiday, replacing the computed ones for that holiday.
    pub holidays: BTreeMap<HolidayKind, Vec<Day>>,
    /// Saturdays worked in exchange for a weekday off ("làm bù").
    pub saturdays_worked: Vec<Day>,
}

/// Official schedules by year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedules {
    /// Year → schedule.
    pub years: BTreeMap<i32, YearSchedule>,
}

impl Schedules {
    /// The schedules shipped with the tool.
    pub fn shipped() -> Result<Self, ScheduleError> {
        Self::parse(SHIPPED_SCHEDULES, "config/official-schedules.toml")
    }

    /// Parses schedule TOML; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, ScheduleError> {
        let raw: BTreeMap<String, BTreeMap<String, Vec<String>>> =
            toml::from_str(text).map_err(|e| ScheduleError::Toml {
                origin: origin.to_string(),
                message: e.message().to_string(),
            })?;
        let invalid = |message: String| ScheduleError::Invalid {
            origin: origin.to_string(),
            message,
        };
        let mut years = BTreeMap::new();
        for (year_key, entries) in raw {
            let year: i32 = year_key
                .parse()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .ok_or_else(|| {
                    invalid(format!("[{year_key}] is not a year between 1900 and 2100"))
                })?;
            let mut schedule = YearSchedule::default();
            for (key, values) in entries {
                let mut days = Vec::new();
                for value in &values {
                    days.extend(parse_day_range(value).ok_or_else(|| {
                        invalid(format!(
                            "[{year}] {key}: '{value}' is not a date (yyyy-mm-dd) or a range (yyyy-mm-dd..yyyy-mm-dd)"
                        ))
                    })?);
                }
                if key == "saturdays_worked" {
                    schedule.saturdays_worked = days;
                } else if let Some(kind) = HolidayKind::ALL.iter().find(|k| k.key() == key) {
                    schedule.holidays.insert(*kind, days);
                } else {
                    let keys: Vec<&str> = HolidayKind::ALL.iter().map(|k| k.key()).collect();
                    return Err(invalid(format!(
                        "[{year}] has an unknown key '{key}'; use one of {}, saturdays_worked",
                        keys.join(", ")
                    )));
                }
            }
            years.insert(year, schedule);
        }
        Ok(Self { years })
    }

    /// Adds `other`'s entries over these, holiday by holiday.
    pub fn overlay(&mut self, other: Schedules) {
        for (year, schedule) in other.years {
            let target = self.years.entry(year).or_default();
            target.holidays.extend(schedule.holidays);
            if !schedule.saturdays_worked.is_empty() {
                target.saturdays_worked = schedule.saturdays_worked;
            }
        }
    }
}

fn parse_day_range(text: &str) -> Option<Vec<Day>> {
    match text.split_once("..") {
        Some((from, to)) => {
            let (from, to) = (parse_iso_date(from.trim())?, parse_iso_date(to.trim())?);
            (from <= to && to - from < 366).then(|| (from..=to).collect())
        }
        None => parse_iso_date(text.trim()).map(|d| vec![d]),
    }
}
