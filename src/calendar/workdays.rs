//! The working-day table: which days civil servants work, precomputed once
//! for the years a run needs, so that counting working days and finding
//! deadlines are table look-ups.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::days::{weekday, ymd, Day};
use super::holidays::{computed_year, HolidayKind};
use super::schedule::Schedules;

/// The days off of one holiday in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HolidayDays {
    /// Which holiday.
    pub kind: HolidayKind,
    /// Every day of the break, weekends and compensation days included.
    pub days: Vec<Day>,
    /// True when the days come from an official schedule, false when computed.
    pub official: bool,
}

/// The days off and swapped Saturdays of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCalendar {
    /// The year.
    pub year: i32,
    /// Holidays in date order.
    pub holidays: Vec<HolidayDays>,
    /// Saturdays worked in exchange for a weekday off ("làm bù").
    pub saturdays_worked: Vec<Day>,
    /// Number of working days in the year.
    pub working_days: u32,
}

impl YearCalendar {
    /// Builds the calendar of `year`: computed holidays, with official
    /// schedules replacing them holiday by holiday.
    pub fn build(year: i32, schedules: &Schedules) -> Self {
        let official = schedules.years.get(&year);
        let holidays = computed_year(year)
            .into_iter()
            .map(
                |(kind, computed)| match official.and_then(|o| o.holidays.get(&kind)) {
                    Some(days) => HolidayDays {
                        kind,
                        days: days.clone(),
                        official: true,
                    },
                    None => HolidayDays {
                        kind,
                        days: computed,
                        official: false,
                    },
                },
            )
            .collect();
        let saturdays_worked = official
            .map(|o| o.saturdays_worked.clone())
            .unwrap_or_default();
        let mut calendar = Self {
            year,
            holidays,
            saturdays_worked,
            working_days: 0,
        };
        let (first, last) = year_bounds(year);
        let off = calendar.days_off();
        let worked: BTreeSet<Day> = calendar.saturdays_worked.iter().copied().collect();
        calendar.working_days = (first..=last)
            .filter(|&d| is_working_day(d, &off, &worked))
            .count() as u32;
        calendar
    }

    /// Every day off of the year (holidays and compensation days, weekends included).
    pub fn days_off(&self) -> BTreeSet<Day> {
        self.holidays
            .iter()
            .flat_map(|h| h.days.iter().copied())
            .collect()
    }

    /// The weekdays (Monday–Friday) that are days off.
    pub fn weekdays_off(&self) -> Vec<Day> {
        self.days_off()
            .into_iter()
            .filter(|&d| weekday(d) <= 5)
            .collect()
    }
}

fn year_bounds(year: i32) -> (Day, Day) {
    (
        ymd(year, 1, 1).unwrap_or_default(),
        ymd(year, 12, 31).unwrap_or_default(),
    )
}

fn is_working_day(day: Day, off: &BTreeSet<Day>, worked_saturdays: &BTreeSet<Day>) -> bool {
    worked_saturdays.contains(&day) || (weekday(day) <= 5 && !off.contains(&day))
}

/// Working days of a span of years as a table.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    first: Day,
    /// `cumulative[i]` = working days in `[first, first + i]`.
    cumulative: Vec<u32>,
    /// The working days in order.
    working_days: Vec<Day>,
    years: BTreeMap<i32, YearCalendar>,
}

impl WorkingCalendar {
    /// Builds the table for the years `first_year..=last_year`.
    pub fn build(first_year: i32, last_year: i32, schedules: &Schedules) -> Self {
        let last_year = last_year.max(first_year);
        let years: BTreeMap<i32, YearCalendar> = (first_year..=last_year)
            .map(|y| (y, YearCalendar::build(y, schedules)))
            .collect();
        let off: BTreeSet<Day> = years.values().flat_map(YearCalendar::days_off).collect();
        let worked: BTreeSet<Day> = years
            .values()
            .flat_map(|y| y.saturdays_worked.iter().copied())
            .collect();
        let first = year_bounds(first_year).0;
        let last = year_bounds(last_year).1;
        let mut cumulative = Vec::with_capacity((last - first + 1) as usize);
        let mut working_days = Vec::new();
        let mut count = 0u32;
        for day in first..=last {
            if is_working_day(day, &off, &worked) {
                count += 1;
                working_days.push(day);
            }
            cumulative.push(count);
        }
        Self {
            first,
            cumulative,
            working_days,
            years,
        }
    }

    /// First and last day the table covers.
    pub fn range(&self) -> (Day, Day) {
        (self.first, self.first + self.cumulative.len() as Day - 1)
    }

    fn index(&self, day: Day) -> Option<usize> {
        usize::try_from(day - self.first)
            .ok()
            .filter(|&i| i < self.cumulative.len())
    }

    /// Working days from the table's start up to and including `day`.
    pub fn ordinal(&self, day: Day) -> Option<u32> {
        self.index(day).map(|i| self.cumulative[i])
    }

    /// Whether `day` is a working day (None outside the table).
    pub fn is_working(&self, day: Day) -> Option<bool> {
        let i = self.index(day)?;
        let before = if i == 0 { 0 } else { self.cumulative[i - 1] };
        Some(self.cumulative[i] > before)
    }

    /// WD(a, b]: the number of working days d with a < d ≤ b (0 when b ≤ a).
    pub fn working_days_between(&self, a: Day, b: Day) -> Option<u32> {
        Some(self.ordinal(b)?.saturating_sub(self.ordinal(a)?))
    }

    /// The `n`-th working day after `start` (the start day itself never counts).
    pub fn add_working_days(&self, start: Day, n: u32) -> Option<Day> {
        let target = self.ordinal(start)? + n;
        let position = usize::try_from(target).ok()?.checked_sub(1)?;
        self.working_days.get(position).copied()
    }

    /// The calendar of one year of the table.
    pub fn year(&self, year: i32) -> Option<&YearCalendar> {
        self.years.get(&year)
    }

    /// The weekdays off between `from` and `to` (inclusive) with their holiday.
    pub fn weekdays_off_between(&self, from: Day, to: Day) -> Vec<(Day, HolidayKind)> {
        let mut out: Vec<(Day, HolidayKind)> = self
            .years
            .values()
            .flat_map(|y| y.holidays.iter())
            .flat_map(|h| h.days.iter().map(move |&d| (d, h.kind)))
            .filter(|&(d, _)| d >= from && d <= to && weekday(d) <= 5)
            .collect();
        out.sort();
        out.dedup_by_key(|(d, _)| *d);
        out
    }
}
