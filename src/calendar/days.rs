//! Day numbers: dates as `i32` counts of days since 1970-01-01, the form every
//! column of canonical records and every calendar table uses.

use chrono::{Datelike, NaiveDate};

/// A civil date as days since 1970-01-01 (negative before).
pub type Day = i32;

/// Days from 0001-01-01 (day 1 in chrono's count) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// The earliest date the tool accepts in an input (1900-01-01).
pub const MIN_DAY: Day = -25_567;
/// The latest date the tool accepts in an input (2100-12-31).
pub const MAX_DAY: Day = 47_846;

/// The day number of a date.
pub fn day_of(date: NaiveDate) -> Day {
    date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

/// The date of a day number (clamped to chrono's range, which is far wider than
/// any day the tool builds).
pub fn date_of(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day.saturating_add(UNIX_EPOCH_FROM_CE))
        .unwrap_or(NaiveDate::MIN)
}

/// Day number of a year, month and day, if it is a real date.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<Day> {
    NaiveDate::from_ymd_opt(year, month, day).map(day_of)
}

/// ISO weekday of a day number: 1 = Monday … 7 = Sunday.
pub fn weekday(day: Day) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((day.rem_euclid(7) + 3) % 7 + 1) as u32
}

/// `dd/mm/yyyy`, the date format of Vietnamese administrative documents.
pub fn format_vn(day: Day) -> String {
    date_of(day).format("%d/%m/%Y").to_string()
}

/// `yyyy-mm-dd`, the date format of machine-readable outputs.
pub fn format_iso(day: Day) -> String {
    date_of(day).format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(ymd(1970, 1, 1), Some(0));
        assert_eq!(ymd(1900, 1, 1), Some(MIN_DAY));
        assert_eq!(ymd(2100, 12, 31), Some(MAX_DAY));
        assert_eq!(
            format_iso(ymd(2024, 2, 29).unwrap_or_default()),
            "2024-02-29"
        );
        assert_eq!(ymd(2023, 2, 29), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(0), 4);
        assert_eq!(weekday(ymd(2025, 3, 7).unwrap_or_default()), 5);
        assert_eq!(weekday(ymd(2025, 3, 9).unwrap_or_default()), 7);
        assert_eq!(weekday(ymd(1900, 1, 1).unwrap_or_default()), 1);
    }
}
