//! `sipas calendar YEAR`: the year's days off and worked Saturdays.

use anyhow::{bail, Result};

use crate::cli::{load_config, CalendarArgs, Said, UsageError};
use sipas::calendar::days::{format_vn, weekday};
use sipas::calendar::YearCalendar;

const WEEKDAYS: [&str; 7] = [
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ Nhật",
];

fn weekday_name(day: i32) -> &'static str {
    WEEKDAYS
        .get(weekday(day) as usize - 1)
        .copied()
        .unwrap_or_default()
}

/// Prints the calendar.
pub fn run(args: &CalendarArgs) -> Result<()> {
    if !(1900..=2100).contains(&args.year) {
        bail!(UsageError::Said(Said::new(
            format!(
                "Năm {} nằm ngoài các năm sipas hỗ trợ (1900–2100).",
                args.year
            ),
            format!("{} is outside the supported years 1900–2100", args.year),
        )));
    }
    let config = load_config(args.config.as_deref())?;
    let schedules = config.schedules()?;
    let year = YearCalendar::build(args.year, &schedules);
    say!("Lịch nghỉ năm {} (cán bộ, công chức)", args.year);
    for holiday in &year.holidays {
        let source = if holiday.official {
            "lịch chính thức"
        } else {
            "tính theo Bộ luật Lao động"
        };
        say!("{} ({source}):", holiday.kind.name_vi());
        let mut days = holiday.days.clone();
        days.sort();
        for day in days {
            let note = if weekday(day) >= 6 {
                " (cuối tuần)"
            } else {
                ""
            };
            say!("  {} {}{}", weekday_name(day), format_vn(day), note);
        }
    }
    say!("Thứ Bảy làm việc bù:");
    if year.saturdays_worked.is_empty() {
        say!("  không có");
    }
    for day in &year.saturdays_worked {
        say!("  {} {}", weekday_name(*day), format_vn(*day));
    }
    say!(
        "Ngày thứ Hai–thứ Sáu được nghỉ: {}",
        year.weekdays_off().len()
    );
    say!("Số ngày làm việc trong năm: {}", year.working_days);
    Ok(())
}
