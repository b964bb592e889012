//! Date cells of exports: workbook date cells, Excel serial numbers, and
//! text (see [`crate::calendar::date_text`]), turned into local day numbers;
//! a date that cannot be read is a finding's reason.

use crate::calendar::date_text::{parse_date_text_with, serial_day, DateError};
use crate::calendar::days::{day_of, MAX_DAY, MIN_DAY};
use crate::calendar::Day;
use crate::model::cell::trim_text;
use crate::model::{Cell, Reason};

/// The finding's reason of a date that cannot be read.
pub fn reason(error: DateError) -> Reason {
    match error {
        DateError::Unreadable => Reason::UnreadableDate,
        DateError::OutOfRange => Reason::DateOutOfRange,
    }
}

/// Reads a date cell: `Ok(None)` for a blank cell.
pub fn parse_date_cell(cell: &Cell<'_>) -> Result<Option<Day>, DateError> {
    parse_date_with(cell, &[])
}

/// Reads a date cell trying the chrono `formats` first (profile formats such
/// as `%m/%d/%Y %I:%M:%S %p`), then the built-in forms: `Ok(None)` for a
/// blank cell.
pub fn parse_date_with(cell: &Cell<'_>, formats: &[String]) -> Result<Option<Day>, DateError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(text) => match trim_text(text) {
            "" => Ok(None),
            text => parse_date_text_with(text, formats).map(Some),
        },
        Cell::DateTime(value) => {
            let day = day_of(value.date());
            if (MIN_DAY..=MAX_DAY).contains(&day) {
                Ok(Some(day))
            } else {
                Err(DateError::OutOfRange)
            }
        }
        Cell::Number(serial) => serial_day(*serial).map(Some),
        _ => Err(DateError::Unreadable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_date_and_serial_cells() {
        let day = |y, m, d| crate::calendar::days::ymd(y, m, d);
        assert_eq!(parse_date_cell(&Cell::Empty), Ok(None));
        assert_eq!(parse_date_cell(&Cell::Text("  ")), Ok(None));
        assert_eq!(
            parse_date_cell(&Cell::Text(" 07/03/2025 ")),
            Ok(day(2025, 3, 7))
        );
        assert_eq!(parse_date_cell(&Cell::Number(45723.0)), Ok(day(2025, 3, 7)));
        assert_eq!(
            parse_date_cell(&Cell::Number(45723.75)),
            Ok(day(2025, 3, 7))
        );
        assert_eq!(
            parse_date_cell(&Cell::Bool(true)),
            Err(DateError::Unreadable)
        );
        let formats = ["%m/%d/%Y %I:%M:%S %p".to_string()];
        assert_eq!(
            parse_date_with(&Cell::Text("03/07/2025 02:30:00 PM"), &formats),
            Ok(day(2025, 3, 7))
        );
        assert_eq!(reason(DateError::OutOfRange), Reason::DateOutOfRange);
    }
}
