//! A reporting period as people write it: `2025-Q2` on the command line,
//! `Q2/2025`, `Quý II/2025`, `quý 2 năm 2025`, `6 tháng đầu năm 2025` or
//! `năm 2025` in a Vietnamese form.

use super::PeriodSpan;

/// The year and span a label names, or None when it names none.
///
/// The label is cut into words at spaces, `/`, `-`, `,` and `.`; the one
/// four-digit word is the year; the words "năm" (year) and "year" are
/// passed over; what remains names the span:
///
/// | words | span |
/// |---|---|
/// | none | the year |
/// | `q2`, `quý 2`, `quý ii`, `q ii` | the 2nd quarter |
/// | `h1`, `6 tháng đầu` | the first half-year |
/// | `h2`, `6 tháng cuối` | the second half-year |
pub fn read(label: &str) -> Option<(i32, PeriodSpan)> {
    let lower = label.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut year = None;
    let mut rest = Vec::new();
    for word in words {
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            if year.is_some() {
                return None;
            }
            year = word.parse::<i32>().ok();
        } else if !matches!(word, "năm" | "nam" | "year") {
            rest.push(word);
        }
    }
    Some((year?, span(&rest)?))
}

/// The span named by the words left when the year is taken out.
fn span(words: &[&str]) -> Option<PeriodSpan> {
    match words {
        [] => Some(PeriodSpan::Year),
        ["6", "tháng" | "thang", "đầu" | "dau"] => Some(PeriodSpan::Half(1)),
        ["6", "tháng" | "thang", "cuối" | "cuoi"] => Some(PeriodSpan::Half(2)),
        ["quý" | "quy" | "q", number] => Some(PeriodSpan::Quarter(number_of(number)?)),
        [word] => {
            if let Some(number) = word.strip_prefix('q') {
                Some(PeriodSpan::Quarter(number_of(number)?))
            } else {
                let number = word.strip_prefix('h')?;
                Some(PeriodSpan::Half(number_of(number)?))
            }
        }
        _ => None,
    }
}

/// `1`–`4` written in digits or roman numerals.
fn number_of(word: &str) -> Option<u8> {
    match word {
        "1" | "i" => Some(1),
        "2" | "ii" => Some(2),
        "3" | "iii" => Some(3),
        "4" | "iv" => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_analysts_write_a_period() {
        let cases: [(&str, Option<(i32, PeriodSpan)>); 20] = [
            ("2025-Q2", Some((2025, PeriodSpan::Quarter(2)))),
            ("2025-q2", Some((2025, PeriodSpan::Quarter(2)))),
            ("Q2/2025", Some((2025, PeriodSpan::Quarter(2)))),
            ("Q2 2025", Some((2025, PeriodSpan::Quarter(2)))),
            ("Quý II/2025", Some((2025, PeriodSpan::Quarter(2)))),
            ("QUÝ IV NĂM 2024", Some((2024, PeriodSpan::Quarter(4)))),
            ("quý 2 năm 2025", Some((2025, PeriodSpan::Quarter(2)))),
            ("Quy 3/2025", Some((2025, PeriodSpan::Quarter(3)))),
            ("6 tháng đầu năm 2025", Some((2025, PeriodSpan::Half(1)))),
            ("6 tháng cuối năm 2025", Some((2025, PeriodSpan::Half(2)))),
            ("2025-H2", Some((2025, PeriodSpan::Half(2)))),
            ("năm 2025", Some((2025, PeriodSpan::Year))),
            ("Năm 2025", Some((2025, PeriodSpan::Year))),
            ("2025", Some((2025, PeriodSpan::Year))),
            ("Year 2025", Some((2025, PeriodSpan::Year))),
            ("Quý 5/2025", None),
            ("Q2/25", None),
            ("2024 2025", None),
            ("quý", None),
            ("9 tháng đầu năm 2025", None),
        ];
        for (label, expected) in cases {
            assert_eq!(read(label), expected, "{label}");
        }
    }
}
