//! The calendar stage: day numbers, the Vietnamese lunar calendar, statutory
//! holidays and official schedules, the working-day table and reporting
//! periods. Everything later counts time through this module.

pub mod date_text;
pub mod days;
pub mod holidays;
pub mod lunar;
pub mod period;
pub mod period_words;
pub mod schedule;
pub mod workdays;

pub use days::Day;
pub use holidays::HolidayKind;
pub use period::{Period, PeriodError, PeriodMode, PeriodSpan};
pub use schedule::{ScheduleError, Schedules};
pub use workdays::{WorkingCalendar, YearCalendar};
