//! Run configuration (TOML): the reporting unit, the legal time limits, the
//! sample-size threshold, the baseline, and extra holiday schedules. Every
//! default lives in [`Config::default`]. Mapping profiles for foreign exports
//! are in [`profile`].

pub mod document;
pub mod draft;
pub mod profile;
pub mod questionnaire;
pub mod targets;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A configuration or schedule file that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// File path.
        path: String,
        /// Underlying error.
        source: crate::files::CappedReadError,
    },
    /// The file is not valid TOML or has the wrong shape.
    #[error("{path} is not a valid configuration file: {message}")]
    Toml {
        /// File path.
        path: String,
        /// Parser message.
        message: String,
    },
    /// The holiday schedule file cannot be used.
    #[error(transparent)]
    Schedule(#[from] crate::calendar::ScheduleError),
    /// A file the configuration names cannot be used where it is.
    #[error("{path}: {message}")]
    NamedFile {
        /// File path.
        path: String,
        /// The file it names, as written.
        named: String,
        /// Why it cannot be used.
        message: String,
    },
    /// A value is out of its allowed range.
    #[error("{path}: {message}")]
    Invalid {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Baseline values of the satisfaction criteria (the 2021 SIPAS results for
/// Hanoi by default, Plan 181/KH-UBND section II).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Year of the baseline survey.
    pub year: i32,
    /// Criterion 1 index.
    #[serde(rename = "TC1")]
    pub tc1: f64,
    /// Criterion 2 index.
    #[serde(rename = "TC2")]
    pub tc2: f64,
    /// Criterion 3 index.
    #[serde(rename = "TC3")]
    pub tc3: f64,
    /// Criterion 4 index.
    #[serde(rename = "TC4")]
    pub tc4: f64,
    /// Element index ("chỉ số thành phần") as published.
    pub element: f64,
}

impl Default for Baseline {
    fn default() -> Self {
        Self {
            year: 2021,
            tc1: 82.12,
            tc2: 78.92,
            tc3: 78.92,
            tc4: 78.92,
            element: 79.73,
        }
    }
}

impl Baseline {
    /// The baseline of criterion `index` (0 = TC1 … 3 = TC4).
    pub fn criterion(&self, index: usize) -> Option<f64> {
        [self.tc1, self.tc2, self.tc3, self.tc4].get(index).copied()
    }
}

/// Settings of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The reporting unit printed in the title block ("Đơn vị báo cáo").
    pub reporting_unit: String,
    /// The receiving unit ("Đơn vị nhận báo cáo").
    pub receiving_unit: String,
    /// Working days to handle a PAKN when the record has no deadline (N).
    pub deadline_working_days: u32,
    /// Working days allowed to forward a PAKN (Decree 20/2008/NĐ-CP, Art. 9).
    pub forward_limit_working_days: u32,
    /// Working days allowed to notify the result after handling.
    pub notify_limit_working_days: u32,
    /// Working days allowed to publish the result after handling.
    pub publish_limit_working_days: u32,
    /// Fewer answers than this flag an index as a small sample.
    pub min_sample: u32,
    /// A pending PAKN is due soon ("sắp đến hạn") when its deadline is at
    /// most this many working days after the as-of date.
    pub due_soon_working_days: u32,
    /// The survey plan's margin: each PAKN criterion's 95% interval at most
    /// ± this many points.
    pub survey_margin_points: f64,
    /// PAKN a subject field or an agency taken as named in the data must
    /// be shared by to be shown on the page for publishing (the small-cell
    /// rule; see [`crate::metrics::disclosure`]).
    pub public_min_count: u64,
    /// An extra official holiday schedule, laid over the shipped 2024–2026 ones
    /// (relative to the configuration file).
    pub holiday_schedule: Option<PathBuf>,
    /// The baseline the criteria are compared with.
    pub baseline: Baseline,
    /// A targets file replacing the shipped Plan 181 targets.
    pub targets: Option<PathBuf>,
    /// A CSV of per-agency baselines (`code`, `TC1` … `element`).
    pub agency_baselines: Option<PathBuf>,
    /// Rank agencies within high- and low-volume halves of each level.
    pub rank_by_volume: bool,
    /// The feedback files are successive exports of the same systems,
    /// oldest first (as `--snapshots`).
    pub snapshots: bool,
    /// The survey's elements beyond PAKN (`[[questionnaire]]` tables; see
    /// [`questionnaire`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questionnaire: Vec<questionnaire::ElementSpec>,
    /// Who issues and signs the report document (`[document]`).
    pub document: document::DocumentConfig,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            reporting_unit: "Sở Nội vụ".to_string(),
            receiving_unit: "Ủy ban nhân dân Thành phố".to_string(),
            deadline_working_days: 15,
            forward_limit_working_days: 5,
            notify_limit_working_days: 2,
            publish_limit_working_days: 2,
            min_sample: 30,
            due_soon_working_days: 5,
            survey_margin_points: 5.0,
            public_min_count: 5,
            holiday_schedule: None,
            baseline: Baseline::default(),
            targets: None,
            agency_baselines: None,
            rank_by_volume: false,
            snapshots: false,
            questionnaire: Vec::new(),
            document: document::DocumentConfig::default(),
        }
    }
}

/// The text of a settings file (configuration, schedule, targets), at most
/// [`crate::files::MAX_SETTINGS_BYTES`].
pub fn read_settings(path: &Path) -> Result<String, ConfigError> {
    crate::files::read_text_capped(path, crate::files::MAX_SETTINGS_BYTES).map_err(|source| {
        ConfigError::Read {
            path: path.display().to_string(),
            source,
        }
    })
}

impl Config {
    /// Reads a configuration file; keys left out keep their defaults. The
    /// files it names, when relative, are taken relative to its folder.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = read_settings(path)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Self::parse_with(&text, &path.display().to_string(), |_, file| {
            Ok(if file.is_relative() {
                folder.join(file)
            } else {
                file.to_path_buf()
            })
        })
    }

    /// Parses configuration TOML; `origin` names the file in errors. Each
    /// file it names (`holiday_schedule`, `targets`, `agency_baselines`)
    /// is given to `resolve` with its key, which says where it is or why
    /// it may not be read.
    pub fn parse_with(
        text: &str,
        origin: &str,
        resolve: impl Fn(&str, &Path) -> Result<PathBuf, String>,
    ) -> Result<Self, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: origin.to_string(),
            message,
        };
        let mut config: Config = toml::from_str(text).map_err(|e| ConfigError::Toml {
            path: origin.to_string(),
            message: e.message().to_string(),
        })?;
        for (key, file) in [
            ("holiday_schedule", &mut config.holiday_schedule),
            ("targets", &mut config.targets),
            ("agency_baselines", &mut config.agency_baselines),
        ] {
            if let Some(file) = file {
                *file = resolve(key, file).map_err(|message| ConfigError::NamedFile {
                    path: origin.to_string(),
                    named: file.display().to_string(),
                    message,
                })?;
            }
        }
        config.validate().map_err(invalid)?;
        Ok(config)
    }

    /// The official holiday schedules in force: the shipped ones, with the
    /// configuration's `holiday_schedule` laid over them.
    pub fn schedules(&self) -> Result<crate::calendar::Schedules, ConfigError> {
        let mut schedules = crate::calendar::Schedules::shipped()?;
        if let Some(path) = &self.holiday_schedule {
            let text = read_settings(path)?;
            schedules.overlay(crate::calendar::Schedules::parse(
                &text,
                &path.display().to_string(),
            )?);
        }
        Ok(schedules)
    }

    /// The questionnaire in force: the PAKN element, then the declared ones
    /// (as checked when the file was read; unchecked declarations made in
    /// code fall back to PAKN alone).
    pub fn questionnaire(&self) -> questionnaire::Questionnaire {
        questionnaire::Questionnaire::from_config(&self.questionnaire).unwrap_or_default()
    }

    /// Refuses settings that parse but make no sense, naming the key.
    pub fn validate(&self) -> Result<(), String> {
        for (key, value) in [
            ("deadline_working_days", self.deadline_working_days),
            (
                "forward_limit_working_days",
                self.forward_limit_working_days,
            ),
            ("notify_limit_working_days", self.notify_limit_working_days),
            (
                "publish_limit_working_days",
                self.publish_limit_working_days,
            ),
            ("due_soon_working_days", self.due_soon_working_days),
        ] {
            if value > MAX_WORKING_DAYS {
                return Err(format!(
                    "{key} = {value} is more working days than a year has; give at most {MAX_WORKING_DAYS}"
                ));
            }
        }
        if self.deadline_working_days == 0 {
            return Err("deadline_working_days must be at least 1".to_string());
        }
        let margin = self.survey_margin_points;
        if !(margin > 0.0 && margin <= 50.0) {
            return Err(format!(
                "survey_margin_points = {margin} is not a margin; give points above 0 and at most 50"
            ));
        }
        questionnaire::Questionnaire::from_config(&self.questionnaire)?;
        let b = &self.baseline;
        for (key, value) in [
            ("TC1", b.tc1),
            ("TC2", b.tc2),
            ("TC3", b.tc3),
            ("TC4", b.tc4),
            ("element", b.element),
        ] {
            if !(0.0..=100.0).contains(&value) {
                return Err(format!(
                    "[baseline] {key} = {value} is not a percentage; give a value from 0 to 100"
                ));
            }
        }
        Ok(())
    }
}

/// Working-day limits above this are refused: no legal time limit of PAKN
/// handling runs longer than a year.
pub const MAX_WORKING_DAYS: u32 = 365;
