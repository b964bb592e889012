//! Reporting periods in both modes, at year boundaries.

use sipas::calendar::days::format_iso;
use sipas::calendar::{Period, PeriodMode};

use crate::common::day;

fn bounds(label: &str, mode: PeriodMode) -> (String, String) {
    let p = Period::parse(label, mode).expect("valid period");
    (format_iso(p.start), format_iso(p.end))
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn decree_09_cut_off() {
    let m = PeriodMode::Decree09;
    assert_eq!(bounds("2024-Q1", m), pair("2023-12-15", "2024-03-14"));
    assert_eq!(bounds("2024-Q2", m), pair("2024-03-15", "2024-06-14"));
    assert_eq!(bounds("2024-Q3", m), pair("2024-06-15", "2024-09-14"));
    assert_eq!(bounds("2024-Q4", m), pair("2024-09-15", "2024-12-14"));
    assert_eq!(bounds("2024-H1", m), pair("2023-12-15", "2024-06-14"));
    assert_eq!(bounds("2024-H2", m), pair("2024-06-15", "2024-12-14"));
    assert_eq!(bounds("2024", m), pair("2023-12-15", "2024-12-14"));
}

#[test]
fn calendar_periods() {
    let m = PeriodMode::Calendar;
    assert_eq!(bounds("2024-Q1", m), pair("2024-01-01", "2024-03-31"));
    assert_eq!(bounds("2024-Q4", m), pair("2024-10-01", "2024-12-31"));
    assert_eq!(bounds("2024-H2", m), pair("2024-07-01", "2024-12-31"));
    assert_eq!(bounds("2024", m), pair("2024-01-01", "2024-12-31"));
}

#[test]
fn days_at_year_boundaries_fall_in_the_right_quarter() {
    let label = |d, m| Period::quarter_containing(d, m).map(|p| p.to_string());
    // Decree 09: 14/12 closes Q4; 15/12 opens Q1 of the next year.
    assert_eq!(
        label(day(2023, 12, 14), PeriodMode::Decree09).as_deref(),
        Some("2023-Q4")
    );
    assert_eq!(
        label(day(2023, 12, 15), PeriodMode::Decree09).as_deref(),
        Some("2024-Q1")
    );
    assert_eq!(
        label(day(2024, 1, 1), PeriodMode::Decree09).as_deref(),
        Some("2024-Q1")
    );
    assert_eq!(
        label(day(2024, 3, 15), PeriodMode::Decree09).as_deref(),
        Some("2024-Q2")
    );
    // Calendar quarters.
    assert_eq!(
        label(day(2023, 12, 31), PeriodMode::Calendar).as_deref(),
        Some("2023-Q4")
    );
    assert_eq!(
        label(day(2024, 1, 1), PeriodMode::Calendar).as_deref(),
        Some("2024-Q1")
    );
}

#[test]
fn previous_and_latest_complete_quarters() {
    let q1 = Period::parse("2024-Q1", PeriodMode::Decree09).expect("valid");
    assert_eq!(
        q1.previous().map(|p| p.to_string()).as_deref(),
        Some("2023-Q4")
    );
    let latest =
        |d| Period::latest_complete_quarter(d, PeriodMode::Decree09).map(|p| p.to_string());
    assert_eq!(latest(day(2025, 6, 13)).as_deref(), Some("2025-Q1"));
    assert_eq!(latest(day(2025, 6, 14)).as_deref(), Some("2025-Q2"));
}

#[test]
fn bad_labels_are_refused_with_the_accepted_forms() {
    for label in [
        "2024-Q5", "2024-H3", "24-Q1", "2024Q1", "Q5/2024", "", "2024-Q",
    ] {
        let error = Period::parse(label, PeriodMode::Decree09).expect_err(label);
        assert!(error.to_string().contains("2024-Q1"), "{error}");
    }
}
