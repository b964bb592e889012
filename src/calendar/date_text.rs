//! Dates and date-times written as text, as they appear in exports and
//! settings, turned into local (UTC+7) day numbers.
//!
//! Accepted: `dd/mm/yyyy` (also with `-` or `.`), optionally followed by
//! `HH:MM` or `HH:MM:SS`; `yyyy-mm-dd`, optionally followed by a time (`T`
//! or a space), fractional seconds and a zone (`Z`, `+07:00`, `+0700`);
//! `yyyymmdd`; an Excel serial number of five digits. A date-time with a
//! zone is moved to UTC+7 before its date is taken; one without a zone is
//! taken as local time. Dates outside 1900–2100 are out of range.

use super::days::{ymd, Day, MAX_DAY, MIN_DAY};

/// Minutes east of UTC of Vietnam's time zone.
const LOCAL_OFFSET_MINUTES: i32 = 7 * 60;
/// Excel serial number of 1970-01-01 (serial 0 = 1899-12-30).
const EXCEL_SERIAL_OF_UNIX_EPOCH: f64 = 25_569.0;

/// Excel's serial number of a day (serial 0 = 1899-12-30).
pub fn excel_serial(day: Day) -> f64 {
    f64::from(day) + EXCEL_SERIAL_OF_UNIX_EPOCH
}

/// Why a date could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted format.
    Unreadable,
    /// A real date, but before 1900 or after 2100.
    OutOfRange,
}

/// `day` when it lies within 1900–2100.
fn in_range(day: Day) -> Result<Day, DateError> {
    if (MIN_DAY..=MAX_DAY).contains(&day) {
        Ok(day)
    } else {
        Err(DateError::OutOfRange)
    }
}

/// The day of an Excel serial number (its fraction, the time, dropped).
pub fn serial_day(serial: f64) -> Result<Day, DateError> {
    if !serial.is_finite() || serial < 1.0 {
        return Err(DateError::Unreadable);
    }
    let days = serial.floor() - EXCEL_SERIAL_OF_UNIX_EPOCH;
    if days < f64::from(MIN_DAY) || days > f64::from(MAX_DAY) {
        return Err(DateError::OutOfRange);
    }
    Ok(days as Day)
}

/// Reads a date or date-time written as trimmed, non-empty text.
pub fn parse_date_text(text: &str) -> Result<Day, DateError> {
    in_range(text_day(text)?)
}

/// As [`parse_date_text`], trying the chrono `formats` first (profile
/// formats such as `%m/%d/%Y %I:%M:%S %p`).
pub fn parse_date_text_with(text: &str, formats: &[String]) -> Result<Day, DateError> {
    for format in formats {
        let date = chrono::NaiveDateTime::parse_from_str(text, format)
            .map(|dt| dt.date())
            .or_else(|_| chrono::NaiveDate::parse_from_str(text, format));
        if let Ok(date) = date {
            return in_range(super::days::day_of(date));
        }
    }
    parse_date_text(text)
}

/// Reads `yyyy-mm-dd` alone (used by configuration files).
pub fn parse_iso_date(text: &str) -> Option<Day> {
    let mut cursor = Cursor::new(text);
    let day = cursor.iso_date()?;
    cursor.at_end().then_some(day)
}

fn text_day(text: &str) -> Result<Day, DateError> {
    let bytes = text.as_bytes();
    // `yyyy-mm-dd` exactly, the canonical form, read without the cursor.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let number = |digits: &[u8]| {
                digits
                    .iter()
                    .fold(0u32, |value, d| value * 10 + u32::from(d - b'0'))
            };
            let (year, month, day) = (
                number(&digits[..4]),
                number(&digits[4..6]),
                number(&digits[6..]),
            );
            return ymd(year as i32, month, day).ok_or(DateError::Unreadable);
        }
    }
    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) {
        return match bytes.len() {
            // An Excel serial number stored as text (10000 = 1927-05-18 … 99999 = 2173).
            5 => {
                let serial: f64 = text.parse().map_err(|_| DateError::Unreadable)?;
                serial_day(serial)
            }
            // A compact ISO date, yyyymmdd.
            8 => {
                let number = |range: std::ops::Range<usize>| {
                    text.get(range).and_then(|t| t.parse::<u32>().ok())
                };
                match (number(0..4), number(4..6), number(6..8)) {
                    (Some(y), Some(m), Some(d)) => ymd(y as i32, m, d).ok_or(DateError::Unreadable),
                    _ => Err(DateError::Unreadable),
                }
            }
            _ => Err(DateError::Unreadable),
        };
    }
    let mut cursor = Cursor::new(text);
    let day = if text.as_bytes().get(4).is_some_and(|b| *b == b'-') {
        let day = cursor.iso_date().ok_or(DateError::Unreadable)?;
        if cursor.at_end() {
            return Ok(day);
        }
        if !(cursor.eat(b'T') || cursor.eat(b' ')) {
            return Err(DateError::Unreadable);
        }
        let minutes = cursor.time().ok_or(DateError::Unreadable)?;
        cursor.fraction();
        cursor.skip_spaces();
        match cursor.zone() {
            Some(Some(offset)) => {
                let local = minutes - offset + LOCAL_OFFSET_MINUTES;
                day + local.div_euclid(24 * 60)
            }
            Some(None) => day,
            None => return Err(DateError::Unreadable),
        }
    } else {
        let day_of_month = cursor.number(1, 2).ok_or(DateError::Unreadable)?;
        let separator = cursor.separator().ok_or(DateError::Unreadable)?;
        let month = cursor.number(1, 2).ok_or(DateError::Unreadable)?;
        if !cursor.eat(separator) {
            return Err(DateError::Unreadable);
        }
        let year = cursor.number(4, 4).ok_or(DateError::Unreadable)?;
        let day = ymd(year as i32, month, day_of_month).ok_or(DateError::Unreadable)?;
        if !cursor.at_end() {
            cursor.skip_spaces();
            cursor.time().ok_or(DateError::Unreadable)?;
            cursor.skip_spaces();
            if !cursor.at_end() {
                return Err(DateError::Unreadable);
            }
        }
        day
    };
    Ok(day)
}

/// A byte cursor over an ASCII date text.
struct Cursor<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            position: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.position >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.position += 1;
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.position += 1;
        }
    }

    /// Between `min` and `max` ASCII digits.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.position;
        let mut value = 0u32;
        while self.position - start < max {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.position += 1;
                }
                _ => break,
            }
        }
        (self.position - start >= min).then_some(value)
    }

    fn separator(&mut self) -> Option<u8> {
        let byte = self.peek().filter(|b| matches!(b, b'/' | b'-' | b'.'))?;
        self.position += 1;
        Some(byte)
    }

    fn iso_date(&mut self) -> Option<Day> {
        let year = self.number(4, 4)?;
        if !self.eat(b'-') {
            return None;
        }
        let month = self.number(1, 2)?;
        if !self.eat(b'-') {
            return None;
        }
        let day = self.number(1, 2)?;
        ymd(year as i32, month, day)
    }

    /// `H:MM` or `H:MM:SS`, as minutes after midnight.
    fn time(&mut self) -> Option<i32> {
        let hours = self.number(1, 2)?;
        if !self.eat(b':') {
            return None;
        }
        let minutes = self.number(2, 2)?;
        if self.eat(b':') {
            let seconds = self.number(2, 2)?;
            if seconds > 60 {
                return None;
            }
        }
        (hours < 24 && minutes < 60).then_some((hours * 60 + minutes) as i32)
    }

    fn fraction(&mut self) {
        if self.eat(b'.') || self.eat(b',') {
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.position += 1;
            }
        }
    }

    /// `Some(Some(offset minutes))` for a zone, `Some(None)` for no zone,
    /// `None` for trailing text that is not a zone.
    fn zone(&mut self) -> Option<Option<i32>> {
        if self.at_end() {
            return Some(None);
        }
        if self.eat(b'Z') {
            return self.at_end().then_some(Some(0));
        }
        let sign = match self.peek()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.position += 1;
        let hours = self.number(2, 2)? as i32;
        self.eat(b':');
        let minutes = self.number(2, 2)? as i32;
        (self.at_end() && hours <= 14 && minutes < 60)
            .then_some(Some(sign * (hours * 60 + minutes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<Day> {
        ymd(y, m, d)
    }

    fn text(t: &str) -> Result<Option<Day>, DateError> {
        match t.trim() {
            "" => Ok(None),
            t => parse_date_text(t).map(Some),
        }
    }

    #[test]
    fn reads_vietnamese_and_iso_dates() {
        let march_7 = [
            "07/03/2025",
            "7/3/2025",
            "07-03-2025 14:30",
            "07/03/2025 14:30:59",
            "2025-03-07",
            "2025-03-07T23:59:59",
        ];
        for written in march_7 {
            assert_eq!(text(written), Ok(day(2025, 3, 7)), "{written}");
        }
        assert_eq!(text(""), Ok(None));
    }

    #[test]
    fn zoned_times_move_to_utc_plus_7() {
        // 18:00 UTC is 01:00 the next day in Hanoi.
        let cases = [
            ("2025-03-07T18:00:00Z", 8),
            ("2025-03-07T16:59:59.123Z", 7),
            ("2025-03-07T00:30:00+07:00", 7),
            ("2025-03-07T00:30:00+0900", 6),
        ];
        for (written, day_of_march) in cases {
            assert_eq!(text(written), Ok(day(2025, 3, day_of_march)), "{written}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(text("31/02/2025"), Err(DateError::Unreadable));
        assert_eq!(text("hôm qua"), Err(DateError::Unreadable));
        assert_eq!(text("07/03/2025 25:00"), Err(DateError::Unreadable));
        assert_eq!(text("01/01/1899"), Err(DateError::OutOfRange));
        assert_eq!(text("2025-03-07Tabc"), Err(DateError::Unreadable));
    }

    #[test]
    fn serials_and_compact_dates_stored_as_text() {
        assert_eq!(text("45723"), Ok(day(2025, 3, 7)));
        assert_eq!(text("20250307"), Ok(day(2025, 3, 7)));
        assert_eq!(text("20251307"), Err(DateError::Unreadable));
        assert_eq!(text("123"), Err(DateError::Unreadable));
    }

    #[test]
    fn the_canonical_form_reads_as_the_general_one() {
        // `yyyy-mm-dd` has a path of its own; the cursor reads the same text.
        let by_cursor = |t: &str| {
            let mut cursor = Cursor::new(t);
            let day = cursor.iso_date().ok_or(DateError::Unreadable)?;
            if !cursor.at_end() {
                return Err(DateError::Unreadable);
            }
            if (MIN_DAY..=MAX_DAY).contains(&day) {
                Ok(Some(day))
            } else {
                Err(DateError::OutOfRange)
            }
        };
        for year in [1899, 1900, 2000, 2023, 2024, 2100, 2101] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let t = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(text(&t), by_cursor(&t), "{t}");
                }
            }
        }
        assert_eq!(text("2024-02-29"), Ok(day(2024, 2, 29)));
        assert_eq!(text("2023-02-29"), Err(DateError::Unreadable));
        assert_eq!(text("1899-12-31"), Err(DateError::OutOfRange));
        assert_eq!(text("2024-1a-01"), Err(DateError::Unreadable));
        assert_eq!(text(" 2024-03-07 "), Ok(day(2024, 3, 7)));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(serial_day(45723.0), Ok(45723 - 25569));
        assert_eq!(serial_day(45723.75), serial_day(45723.0));
        assert_eq!(serial_day(0.5), Err(DateError::Unreadable));
        assert_eq!(serial_day(f64::NAN), Err(DateError::Unreadable));
    }
}
