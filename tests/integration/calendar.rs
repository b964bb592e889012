//! The lunar calendar, holidays and working-day deadlines.

use sipas::calendar::days::format_iso;
use sipas::calendar::lunar::{lunar_new_year, lunar_to_solar};
use sipas::calendar::{Schedules, WorkingCalendar, YearCalendar};

use crate::common::day;

#[test]
fn tet_in_vietnam_differs_from_china_in_2007_and_1985() {
    // Vietnam (UTC+7) celebrated Tết on 17 Feb 2007 and 21 Jan 1985; China on 18 Feb and 20 Feb.
    assert_eq!(format_iso(lunar_new_year(2007)), "2007-02-17");
    assert_eq!(format_iso(lunar_new_year(1985)), "1985-01-21");
}

#[test]
fn tet_every_year_2020_to_2030() {
    // 2030: the new moon is at 16:07 UTC on 2 February, 23:07 in Hanoi but 00:07 on
    // 3 February in Beijing, so Vietnam's Tết is a day before China's Spring Festival.
    let expected = [
        "2020-01-25",
        "2021-02-12",
        "2022-02-01",
        "2023-01-22",
        "2024-02-10",
        "2025-01-29",
        "2026-02-17",
        "2027-02-06",
        "2028-01-26",
        "2029-02-13",
        "2030-02-02",
    ];
    for (year, date) in (2020..=2030).zip(expected) {
        assert_eq!(format_iso(lunar_new_year(year)), date, "Tết {year}");
    }
}

#[test]
fn tet_across_the_supported_range_falls_between_21_january_and_20_february() {
    for year in 1900..=2100 {
        let tet = lunar_new_year(year);
        assert!(
            tet >= day(year, 1, 21) && tet <= day(year, 2, 20),
            "Tết {year}: {}",
            format_iso(tet)
        );
    }
}

#[test]
fn hung_kings_day_is_the_10th_of_the_3rd_lunar_month() {
    assert_eq!(format_iso(lunar_to_solar(2024, 3, 10)), "2024-04-18");
    assert_eq!(format_iso(lunar_to_solar(2025, 3, 10)), "2025-04-07");
    // 2023 has a leap 2nd month: the 3rd month starts a lunation later.
    assert_eq!(format_iso(lunar_to_solar(2023, 3, 10)), "2023-04-29");
    assert_eq!(format_iso(lunar_to_solar(2022, 3, 10)), "2022-04-10");
}

fn calendar(first: i32, last: i32) -> WorkingCalendar {
    WorkingCalendar::build(
        first,
        last,
        &Schedules::shipped().expect("shipped schedules"),
    )
}

#[test]
fn deadline_examples_of_the_domain() {
    let c = calendar(2025, 2025);
    // Received Friday 7/3/2025: 15 working days are 10–14, 17–21, 24–28 March.
    assert_eq!(
        c.add_working_days(day(2025, 3, 7), 15),
        Some(day(2025, 3, 28))
    );
    // Received Saturday 8/3/2025: the same deadline.
    assert_eq!(
        c.add_working_days(day(2025, 3, 8), 15),
        Some(day(2025, 3, 28))
    );
}

#[test]
fn deadline_across_tet_2024() {
    let c = calendar(2024, 2024);
    // Received Mon 5/2/2024; Tết off Thu 8/2 – Wed 14/2. Working days: 6, 7 Feb (2),
    // 15, 16 (4), 19–23 (9), 26 Feb – 1 Mar (14), Mon 4 Mar (15).
    assert_eq!(
        c.add_working_days(day(2024, 2, 5), 15),
        Some(day(2024, 3, 4))
    );
    assert_eq!(
        c.working_days_between(day(2024, 2, 5), day(2024, 3, 4)),
        Some(15)
    );
}

#[test]
fn deadline_across_tet_2025() {
    let c = calendar(2025, 2025);
    // Received Thu 23/1/2025; Tết off Sat 25/1 – Sun 2/2. Working days: Fri 24 Jan (1),
    // 3–7 Feb (6), 10–14 (11), 17–20 (15).
    assert_eq!(
        c.add_working_days(day(2025, 1, 23), 15),
        Some(day(2025, 2, 20))
    );
}

#[test]
fn deadline_across_weekend_holidays_of_a_computed_year() {
    // 2022 has no shipped schedule, so its holidays are computed.
    let c = calendar(2022, 2022);
    // Hùng Kings' day 10/4/2022 is a Sunday: Monday 11/4 is off instead.
    assert_eq!(
        c.add_working_days(day(2022, 4, 8), 1),
        Some(day(2022, 4, 12))
    );
    // 30/4 (Sat) and 1/5 (Sun) 2022 move to Mon 2/5 and Tue 3/5.
    assert_eq!(
        c.add_working_days(day(2022, 4, 29), 3),
        Some(day(2022, 5, 6))
    );
    assert_eq!(c.is_working(day(2022, 5, 3)), Some(false));
}

#[test]
fn official_schedules_replace_computed_days_and_add_worked_saturdays() {
    let schedules = Schedules::shipped().expect("shipped schedules");
    let year = YearCalendar::build(2025, &schedules);
    // Tết 2025: 25/1–2/2 as announced, not the computed 28/1–1/2 plus compensation.
    let weekdays_off: Vec<String> = year.weekdays_off().into_iter().map(format_iso).collect();
    assert!(weekdays_off.contains(&"2025-01-27".to_string()));
    assert!(!weekdays_off.contains(&"2025-02-03".to_string()));
    assert_eq!(year.saturdays_worked, vec![day(2025, 4, 26)]);
    let c = calendar(2025, 2025);
    assert_eq!(c.is_working(day(2025, 4, 26)), Some(true));
    assert_eq!(c.is_working(day(2025, 5, 2)), Some(false));
    // 2026 lists only New Year and Tết: Hùng Kings' day (26/4/2026, a Sunday) is computed,
    // so Monday 27/4 is off.
    let c = calendar(2026, 2026);
    assert_eq!(c.is_working(day(2026, 4, 27)), Some(false));
    assert_eq!(c.is_working(day(2026, 1, 10)), Some(true));
}

#[test]
fn working_days_between_counts_the_half_open_interval() {
    let c = calendar(2025, 2025);
    // WD(a, b] excludes a and includes b; Friday to Monday is one working day.
    assert_eq!(
        c.working_days_between(day(2025, 3, 7), day(2025, 3, 10)),
        Some(1)
    );
    assert_eq!(
        c.working_days_between(day(2025, 3, 7), day(2025, 3, 7)),
        Some(0)
    );
    assert_eq!(
        c.working_days_between(day(2025, 3, 10), day(2025, 3, 7)),
        Some(0)
    );
    // Outside the table: no answer rather than a wrong one.
    assert_eq!(
        c.working_days_between(day(2024, 12, 31), day(2025, 1, 2)),
        None
    );
}
