//! The Vietnamese lunisolar calendar (âm lịch), computed astronomically at
//! UTC+7.
//!
//! Rules (the traditional Chinese/Vietnamese calendar rules, applied with
//! Vietnam's time zone, which is why Vietnam's Tết 2007 fell on 17 February and
//! China's on 18 February):
//! - a lunar month begins on the local day that contains a new moon;
//! - month 11 is the month containing the winter solstice (apparent solar
//!   longitude 270°);
//! - when thirteen months lie between two months 11, the first of them that
//!   contains no major solar term (a multiple of 30° of solar longitude) is the
//!   leap month and takes the number of the month before it.
//!
//! New moons use the series of J. Meeus, *Astronomical Algorithms* (2nd ed.,
//! ch. 49) with ΔT from the Espenak–Meeus polynomials; the Sun's apparent
//! longitude uses Meeus ch. 25 (about 0.01° accuracy). That is ample for
//! 1900–2100: only an event within minutes of local midnight could land on
//! the wrong day.

use super::days::Day;

/// Julian Day of 1970-01-01 00:00 UT is 2440587.5.
const JD_UNIX_EPOCH: f64 = 2_440_587.5;
/// Vietnam's time zone, UTC+7, in days.
const UTC_OFFSET_DAYS: f64 = 7.0 / 24.0;
/// Mean length of a synodic month in days.
const SYNODIC_MONTH: f64 = 29.530_588_861;

fn sin_deg(degrees: f64) -> f64 {
    degrees.to_radians().sin()
}

/// ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits), for a decimal year.
fn delta_t_seconds(year: f64) -> f64 {
    if year < 1900.0 {
        let t = year - 1860.0;
        7.62 + 0.5737 * t - 0.251754 * t.powi(2) + 0.01680668 * t.powi(3) - 0.0004473624 * t.powi(4)
            + t.powi(5) / 233_174.0
    } else if year < 1920.0 {
        let t = year - 1900.0;
        -2.79 + 1.494119 * t - 0.0598939 * t.powi(2) + 0.0061966 * t.powi(3) - 0.000197 * t.powi(4)
    } else if year < 1941.0 {
        let t = year - 1920.0;
        21.20 + 0.84493 * t - 0.076100 * t.powi(2) + 0.0020936 * t.powi(3)
    } else if year < 1961.0 {
        let t = year - 1950.0;
        29.07 + 0.407 * t - t.powi(2) / 233.0 + t.powi(3) / 2547.0
    } else if year < 1986.0 {
        let t = year - 1975.0;
        45.45 + 1.067 * t - t.powi(2) / 260.0 - t.powi(3) / 718.0
    } else if year < 2005.0 {
        let t = year - 2000.0;
        63.86 + 0.3345 * t - 0.060374 * t.powi(2)
            + 0.0017275 * t.powi(3)
            + 0.000651814 * t.powi(4)
            + 0.00002373599 * t.powi(5)
    } else if year < 2050.0 {
        let t = year - 2000.0;
        62.92 + 0.32217 * t + 0.005589 * t.powi(2)
    } else {
        -20.0 + 32.0 * ((year - 1820.0) / 100.0).powi(2) - 0.5628 * (2150.0 - year)
    }
}

/// Julian Ephemeris Day of the true new moon with lunation number `k`
/// (k = 0 is the new moon of 6 January 2000), Meeus ch. 49.
fn new_moon_jde(k: f64) -> f64 {
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let t4 = t3 * t;
    let jde = 2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
        + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let m = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3;
    let mp =
        201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4;
    let f =
        160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4;
    let omega = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3;

    let correction = -0.40720 * sin_deg(mp)
        + 0.17241 * e * sin_deg(m)
        + 0.01608 * sin_deg(2.0 * mp)
        + 0.01039 * sin_deg(2.0 * f)
        + 0.00739 * e * sin_deg(mp - m)
        - 0.00514 * e * sin_deg(mp + m)
        + 0.00208 * e * e * sin_deg(2.0 * m)
        - 0.00111 * sin_deg(mp - 2.0 * f)
        - 0.00057 * sin_deg(mp + 2.0 * f)
        + 0.00056 * e * sin_deg(2.0 * mp + m)
        - 0.00042 * sin_deg(3.0 * mp)
        + 0.00042 * e * sin_deg(m + 2.0 * f)
        + 0.00038 * e * sin_deg(m - 2.0 * f)
        - 0.00024 * e * sin_deg(2.0 * mp - m)
        - 0.00017 * sin_deg(omega)
        - 0.00007 * sin_deg(mp + 2.0 * m)
        + 0.00004 * sin_deg(2.0 * mp - 2.0 * f)
        + 0.00004 * sin_deg(3.0 * m)
        + 0.00003 * sin_deg(mp + m - 2.0 * f)
        + 0.00003 * sin_deg(2.0 * mp + 2.0 * f)
        - 0.00003 * sin_deg(mp + m + 2.0 * f)
        + 0.00003 * sin_deg(mp - m + 2.0 * f)
        - 0.00002 * sin_deg(mp - m - 2.0 * f)
        - 0.00002 * sin_deg(3.0 * mp + m)
        + 0.00002 * sin_deg(4.0 * mp);

    // Planetary arguments (Meeus table 49.B): (constant, rate per lunation, coefficient).
    const PLANETARY: [(f64, f64, f64); 13] = [
        (251.88, 0.016_321, 0.000_165),
        (251.83, 26.651_886, 0.000_164),
        (349.42, 36.412_478, 0.000_126),
        (84.66, 18.206_239, 0.000_110),
        (141.74, 53.303_771, 0.000_062),
        (207.14, 2.453_732, 0.000_060),
        (154.84, 7.306_860, 0.000_056),
        (34.52, 27.261_239, 0.000_047),
        (207.19, 0.121_824, 0.000_042),
        (291.34, 1.844_379, 0.000_040),
        (161.72, 24.198_154, 0.000_037),
        (239.56, 25.513_099, 0.000_035),
        (331.55, 3.592_518, 0.000_023),
    ];
    let a1 = 299.77 + 0.107_408 * k - 0.009_173 * t2;
    let planetary = 0.000_325 * sin_deg(a1)
        + PLANETARY
            .iter()
            .map(|(c, rate, coef)| coef * sin_deg(c + rate * k))
            .sum::<f64>();

    jde + correction + planetary
}

/// Decimal year of a Julian Day, precise enough for ΔT.
fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - 2_451_545.0) / 365.25
}

/// The local (UTC+7) day on which new moon `k` falls.
fn new_moon_day(k: i32) -> Day {
    let jde = new_moon_jde(f64::from(k));
    let jd_ut = jde - delta_t_seconds(decimal_year(jde)) / 86_400.0;
    (jd_ut - JD_UNIX_EPOCH + UTC_OFFSET_DAYS).floor() as Day
}

/// Apparent solar longitude in degrees [0, 360) at Julian Day `jd_ut` (Meeus ch. 25).
fn sun_longitude(jd_ut: f64) -> f64 {
    let jde = jd_ut + delta_t_seconds(decimal_year(jd_ut)) / 86_400.0;
    let t = (jde - 2_451_545.0) / 36_525.0;
    let l0 = 280.46646 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = 357.52911 + 35_999.050_29 * t - 0.000_153_7 * t * t;
    let c = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_289 * sin_deg(3.0 * m);
    let omega = 125.04 - 1934.136 * t;
    let apparent = l0 + c - 0.00569 - 0.00478 * sin_deg(omega);
    apparent.rem_euclid(360.0)
}

/// Solar longitude at the start (local midnight, UTC+7) of `day`.
fn sun_longitude_at_start(day: Day) -> f64 {
    sun_longitude(f64::from(day) + JD_UNIX_EPOCH - UTC_OFFSET_DAYS)
}

/// The major solar term (0..12, each 30° of longitude) in force at the start of `day`.
fn major_term_at_start(day: Day) -> i32 {
    (sun_longitude_at_start(day) / 30.0).floor() as i32
}

/// Lunation number of a new moon close to `day`.
fn approximate_lunation(day: Day) -> i32 {
    let jd = f64::from(day) + JD_UNIX_EPOCH;
    ((jd - 2_451_550.1) / SYNODIC_MONTH).round() as i32
}

/// The lunation whose month contains `day` (the last new moon on or before it).
fn lunation_containing(day: Day) -> i32 {
    let mut k = approximate_lunation(day);
    while new_moon_day(k) > day {
        k -= 1;
    }
    while new_moon_day(k + 1) <= day {
        k += 1;
    }
    k
}

/// Local day of the winter solstice of `year`: the day during which the Sun's
/// longitude reaches 270°.
fn winter_solstice_day(year: i32) -> Day {
    // Start a few days before the earliest possible date (19 December).
    let mut day = super::days::ymd(year, 12, 18).unwrap_or_default();
    while major_term_at_start(day + 1) != 9 {
        day += 1;
    }
    day
}

/// Lunation number of month 11 of the lunar year that ends in `year`'s winter.
fn month_eleven(year: i32) -> i32 {
    lunation_containing(winter_solstice_day(year))
}

/// The months between month 11 of `year - 1` and month 11 of `year`.
struct LunarYear {
    /// Lunation number of month 11 of the previous solar year.
    start: i32,
    /// Offset (from `start`) of the leap month, if this span has 13 months.
    leap_offset: Option<i32>,
}

impl LunarYear {
    fn ending_in(year: i32) -> Self {
        let start = month_eleven(year - 1);
        let end = month_eleven(year);
        let leap_offset = if end - start == 13 {
            (1..13).find(|&i| {
                major_term_at_start(new_moon_day(start + i))
                    == major_term_at_start(new_moon_day(start + i + 1))
            })
        } else {
            None
        };
        Self { start, leap_offset }
    }

    /// Lunation of (non-leap) lunar `month` 1..=10 of the new lunar year that
    /// begins in this span (month 11 and 12 belong to the previous one).
    fn lunation_of_month(&self, month: i32) -> i32 {
        // Month 11 is offset 0, month 12 offset 1, month 1 offset 2, ...
        let base = month + 1;
        match self.leap_offset {
            Some(leap) if leap <= base => self.start + base + 1,
            _ => self.start + base,
        }
    }
}

/// The solar day of `day` of lunar `month` (1..=10, the non-leap month) of the
/// lunar year that begins in solar year `year`.
pub fn lunar_to_solar(year: i32, month: i32, day: i32) -> Day {
    let lunation = LunarYear::ending_in(year).lunation_of_month(month);
    new_moon_day(lunation) + day - 1
}

/// The first day of the lunar new year (Tết Nguyên đán) that falls in solar `year`.
pub fn lunar_new_year(year: i32) -> Day {
    lunar_to_solar(year, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::super::days::ymd;
    use super::*;

    #[test]
    fn new_moon_of_meeus_example() {
        // Meeus example 49.a: new moon of 1977 February 18, 3h37m TD (k = -283).
        let jde = new_moon_jde(-283.0);
        assert!((jde - 2_443_192.651_18).abs() < 0.0001, "{jde}");
    }

    #[test]
    fn solstice_dates() {
        assert_eq!(
            winter_solstice_day(2023),
            ymd(2023, 12, 22).unwrap_or_default()
        );
        assert_eq!(
            winter_solstice_day(2024),
            ymd(2024, 12, 21).unwrap_or_default()
        );
    }
}
