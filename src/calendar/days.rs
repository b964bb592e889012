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

/// Day number of a year, month and day, if it is a real date (proleptic
/// Gregorian calendar, the years chrono's dates hold).
pub fn ymd(year: i32, month: u32, day: u32) -> Option<Day> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(-262_143..=262_142).contains(&year) || day == 0 || day > days_in_month {
        return None;
    }
    // Days before the month in a year that starts on 1 March, so that the
    // leap day falls last; then whole 400-year eras of 146,097 days.
    let (year, month) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * month as i32 + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719,468 days from 0000-03-01 to 1970-01-01.
    Some(era * 146_097 + day_of_era - 719_468)
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

/// Today in Vietnam (UTC+7), by the machine's clock.
pub fn today_local() -> Day {
    let now = chrono::Utc::now() + chrono::Duration::hours(7);
    day_of(now.date_naive())
}

/// The day of a date the test knows to exist (the Unix epoch if not).
#[cfg(test)]
pub(crate) fn test_day(year: i32, month: u32, day: u32) -> Day {
    ymd(year, month, day).unwrap_or_default()
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
    fn day_numbers_agree_with_chrono_on_every_date_of_1899_to_2101() {
        let start = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(2101, 12, 31).unwrap_or_default();
        let mut checked = 0;
        for date in start.iter_days().take_while(|d| *d <= end) {
            assert_eq!(
                ymd(date.year(), date.month(), date.day()),
                Some(day_of(date))
            );
            checked += 1;
        }
        // 203 years of 365 days and 49 leap days (1904 to 2096; 1900 and 2100 are not).
        assert_eq!(checked, 74_144);
        for (year, month, day) in [
            (2100, 2, 29),
            (2024, 2, 30),
            (2025, 4, 31),
            (2025, 13, 1),
            (2025, 0, 1),
            (2025, 1, 0),
        ] {
            assert_eq!(ymd(year, month, day), None, "{year}-{month}-{day}");
        }
        // 2000-01-01 is day 10,957 (30 years, 7 of them leap); then 31 + 28 days.
        assert_eq!(ymd(2000, 2, 29), Some(11_016));
        for (year, month, day) in [(1, 1, 1), (0, 3, 1), (-1, 12, 31), (9999, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(year, month, day).map(day_of);
            assert_eq!(ymd(year, month, day), date, "{year}-{month}-{day}");
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(0), 4);
        assert_eq!(weekday(ymd(2025, 3, 7).unwrap_or_default()), 5);
        assert_eq!(weekday(ymd(2025, 3, 9).unwrap_or_default()), 7);
        assert_eq!(weekday(ymd(1900, 1, 1).unwrap_or_default()), 1);
    }
}
