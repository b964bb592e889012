//! Reporting periods: quarters, half-years and years, with the cut-off of
//! Decree 09/2019/NĐ-CP Art. 12 (a quarter runs from the 15th of the month
//! before it to the 14th of its last month) or calendar periods.

use std::fmt;

use chrono::Datelike;
use serde::Serialize;
use thiserror::Error;

use super::days::{date_of, ymd, Day};

/// How period boundaries are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PeriodMode {
    /// Decree 09/2019/NĐ-CP Art. 12 cut-off: Q1 2024 = 15/12/2023 – 14/03/2024.
    #[serde(rename = "decree-09-2019")]
    Decree09,
    /// Calendar periods: Q1 2024 = 01/01/2024 – 31/03/2024.
    #[serde(rename = "calendar")]
    Calendar,
}

/// Which part of a year a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodSpan {
    /// Quarter 1–4 ("Quý").
    Quarter(u8),
    /// Half-year 1–2 ("6 tháng").
    Half(u8),
    /// The whole year ("năm").
    Year,
}

/// A reporting period ("kỳ báo cáo") with its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The year the period belongs to.
    pub year: i32,
    /// Quarter, half-year or year.
    pub span: PeriodSpan,
    /// Boundary rule.
    pub mode: PeriodMode,
    /// First day (inclusive).
    pub start: Day,
    /// Last day (inclusive).
    pub end: Day,
}

/// A period label that cannot be read.
#[derive(Debug, Error, PartialEq)]
#[error(
    "'{0}' is not a reporting period: write 2024-Q1 (quarter), 2024-H1 (half-year) or 2024 (year)"
)]
pub struct PeriodError(pub String);

impl Period {
    /// Builds a period, or None for a year outside 1900–2100 or a bad quarter/half.
    pub fn new(year: i32, span: PeriodSpan, mode: PeriodMode) -> Option<Self> {
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let (first_quarter, last_quarter) = match span {
            PeriodSpan::Quarter(q @ 1..=4) => (q, q),
            PeriodSpan::Half(h @ 1..=2) => (h * 2 - 1, h * 2),
            PeriodSpan::Year => (1, 4),
            _ => return None,
        };
        let (start, end) = match mode {
            PeriodMode::Decree09 => {
                let start_month = u32::from(first_quarter) * 3 - 3;
                let start = if start_month == 0 {
                    ymd(year - 1, 12, 15)?
                } else {
                    ymd(year, start_month, 15)?
                };
                (start, ymd(year, u32::from(last_quarter) * 3, 14)?)
            }
            PeriodMode::Calendar => {
                let start = ymd(year, u32::from(first_quarter) * 3 - 2, 1)?;
                let after = if last_quarter == 4 {
                    ymd(year + 1, 1, 1)?
                } else {
                    ymd(year, u32::from(last_quarter) * 3 + 1, 1)?
                };
                (start, after - 1)
            }
        };
        Some(Self {
            year,
            span,
            mode,
            start,
            end,
        })
    }

    /// Reads a period as analysts write it, in any case: `2024-Q1`,
    /// `2024-H2`, `2024`, and the Vietnamese ways, `Q2/2025`, `Quý II/2025`,
    /// `quý 2 năm 2025`, `6 tháng đầu năm 2025`, `6 tháng cuối năm 2025`,
    /// `năm 2025` (see [`super::period_words`]).
    pub fn parse(label: &str, mode: PeriodMode) -> Result<Self, PeriodError> {
        let (year, span) =
            super::period_words::read(label).ok_or_else(|| PeriodError(label.to_string()))?;
        Self::new(year, span, mode).ok_or_else(|| PeriodError(label.to_string()))
    }

    /// The quarter that contains `day`.
    pub fn quarter_containing(day: Day, mode: PeriodMode) -> Option<Self> {
        let date = date_of(day);
        let (mut year, mut month) = (date.year(), date.month());
        if mode == PeriodMode::Decree09 && date.day() >= 15 {
            month += 1;
            if month == 13 {
                month = 1;
                year += 1;
            }
        }
        Self::new(year, PeriodSpan::Quarter(((month - 1) / 3 + 1) as u8), mode)
    }

    /// The latest quarter that ends on or before `last_day` (the last day the
    /// data covers): the latest complete quarter.
    pub fn latest_complete_quarter(last_day: Day, mode: PeriodMode) -> Option<Self> {
        let quarter = Self::quarter_containing(last_day, mode)?;
        if quarter.end <= last_day {
            Some(quarter)
        } else {
            quarter.previous()
        }
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Option<Self> {
        let (year, span) = match self.span {
            PeriodSpan::Quarter(1) => (self.year - 1, PeriodSpan::Quarter(4)),
            PeriodSpan::Quarter(q) => (self.year, PeriodSpan::Quarter(q - 1)),
            PeriodSpan::Half(1) => (self.year - 1, PeriodSpan::Half(2)),
            PeriodSpan::Half(h) => (self.year, PeriodSpan::Half(h - 1)),
            PeriodSpan::Year => (self.year - 1, PeriodSpan::Year),
        };
        Self::new(year, span, self.mode)
    }

    /// Whether `day` lies in the period.
    pub fn contains(&self, day: Day) -> bool {
        self.start <= day && day <= self.end
    }

    /// Vietnamese name of the period, e.g. "Quý I năm 2024".
    pub fn name_vi(&self) -> String {
        match self.span {
            PeriodSpan::Quarter(q) => format!("Quý {} năm {}", roman(q), self.year),
            PeriodSpan::Half(1) => format!("6 tháng đầu năm {}", self.year),
            PeriodSpan::Half(_) => format!("6 tháng cuối năm {}", self.year),
            PeriodSpan::Year => format!("Năm {}", self.year),
        }
    }
}

fn roman(n: u8) -> &'static str {
    ["I", "II", "III", "IV"]
        .get(usize::from(n.max(1)) - 1)
        .copied()
        .unwrap_or("?")
}

impl fmt::Display for Period {
    /// The period's label: `2024-Q1`, `2024-H1` or `2024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            PeriodSpan::Quarter(q) => write!(f, "{}-Q{q}", self.year),
            PeriodSpan::Half(h) => write!(f, "{}-H{h}", self.year),
            PeriodSpan::Year => write!(f, "{}", self.year),
        }
    }
}
