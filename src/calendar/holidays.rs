//! Statutory public holidays (Labour Code 2019, Art. 112) and the rule for
//! holidays falling on a weekend (Art. 111(3)).

use serde::Serialize;

use super::days::{weekday, ymd, Day};
use super::lunar::{lunar_new_year, lunar_to_solar};

/// One of the public holidays of Labour Code 2019, Art. 112.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// New Year's Day, 1 January ("Tết Dương lịch").
    NewYear,
    /// Lunar New Year, five days ("Tết Nguyên đán").
    Tet,
    /// Hùng Kings' Commemoration Day, 10th day of the 3rd lunar month ("Giỗ Tổ Hùng Vương").
    HungKings,
    /// Reunification Day 30/4 and International Labour Day 1/5 ("Ngày Chiến thắng, Quốc tế Lao động").
    ReunificationLabour,
    /// National Day 2/9 and one adjacent day ("Quốc khánh").
    NationalDay,
}

impl HolidayKind {
    /// Every holiday, in the order they fall in a year.
    pub const ALL: [HolidayKind; 5] = [
        HolidayKind::NewYear,
        HolidayKind::Tet,
        HolidayKind::HungKings,
        HolidayKind::ReunificationLabour,
        HolidayKind::NationalDay,
    ];

    /// The key used in schedule files (`tet`, `hung_kings`, …).
    pub fn key(self) -> &'static str {
        match self {
            HolidayKind::NewYear => "new_year",
            HolidayKind::Tet => "tet",
            HolidayKind::HungKings => "hung_kings",
            HolidayKind::ReunificationLabour => "reunification_labour",
            HolidayKind::NationalDay => "national_day",
        }
    }

    /// Vietnamese name.
    pub fn name_vi(self) -> &'static str {
        match self {
            HolidayKind::NewYear => "Tết Dương lịch",
            HolidayKind::Tet => "Tết Nguyên đán",
            HolidayKind::HungKings => "Giỗ Tổ Hùng Vương",
            HolidayKind::ReunificationLabour => "Ngày Chiến thắng và Quốc tế Lao động",
            HolidayKind::NationalDay => "Quốc khánh",
        }
    }
}

/// The statutory days of one holiday in `year`, before any weekend compensation.
///
/// Where the law leaves the exact days to the Government (the five days of Tết,
/// the day next to National Day), the default is the one most announcements
/// follow: the last day of the lunar year and the first four of the new one;
/// 1 September when it is a weekday, otherwise 3 September.
pub fn statutory_days(kind: HolidayKind, year: i32) -> Vec<Day> {
    let date = |m, d| ymd(year, m, d).into_iter().collect::<Vec<_>>();
    match kind {
        HolidayKind::NewYear => date(1, 1),
        HolidayKind::Tet => {
            let first = lunar_new_year(year);
            (first - 1..=first + 3).collect()
        }
        HolidayKind::HungKings => vec![lunar_to_solar(year, 3, 10)],
        HolidayKind::ReunificationLabour => [date(4, 30), date(5, 1)].concat(),
        HolidayKind::NationalDay => {
            let mut days = date(9, 2);
            let first = ymd(year, 9, 1).unwrap_or_default();
            if weekday(first) <= 5 {
                days.insert(0, first);
            } else {
                days.push(first + 2);
            }
            days
        }
    }
}

fn is_weekend(day: Day) -> bool {
    weekday(day) >= 6
}

/// The computed days off of `year`: each holiday's statutory days plus, for
/// each of them that falls on a Saturday or Sunday, the next working day after
/// the holiday (Labour Code 2019, Art. 111(3)).
pub fn computed_year(year: i32) -> Vec<(HolidayKind, Vec<Day>)> {
    let statutory: Vec<(HolidayKind, Vec<Day>)> = HolidayKind::ALL
        .iter()
        .map(|&kind| (kind, statutory_days(kind, year)))
        .collect();
    let mut taken: Vec<Day> = statutory.iter().flat_map(|(_, d)| d.clone()).collect();
    statutory
        .into_iter()
        .map(|(kind, mut days)| {
            let on_weekend = days.iter().filter(|&&d| is_weekend(d)).count();
            let mut next = days.iter().copied().max().unwrap_or_default();
            for _ in 0..on_weekend {
                next += 1;
                while is_weekend(next) || taken.contains(&next) {
                    next += 1;
                }
                taken.push(next);
                days.push(next);
            }
            (kind, days)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days::test_day as d;

    #[test]
    fn national_day_adjacent_day() {
        // 2023: 2/9 Saturday -> 1/9 Friday, and Monday 4/9 for the Saturday.
        let year = computed_year(2023);
        let national = &year[4].1;
        assert_eq!(national, &vec![d(2023, 9, 1), d(2023, 9, 2), d(2023, 9, 4)]);
    }

    #[test]
    fn weekend_holiday_moves_to_next_working_day() {
        // 2022: 30/4 Saturday and 1/5 Sunday -> Monday 2/5 and Tuesday 3/5.
        let year = computed_year(2022);
        let days = &year[3].1;
        assert_eq!(
            days,
            &vec![d(2022, 4, 30), d(2022, 5, 1), d(2022, 5, 2), d(2022, 5, 3)]
        );
    }
}
