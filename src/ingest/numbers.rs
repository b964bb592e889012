//! Numbers written as text, with Vietnamese separators (`1.234,5`) or
//! English ones (`1,234.5`).

/// Reads a number written as text. With both `.` and `,`, the last one is the
/// decimal separator; with only `,`, it is the decimal separator (`1,5`);
/// with only `.`, groups of exactly three digits after each dot are thousands
/// (`1.234.567`), otherwise the dot is decimal (`1.5`).
pub fn parse_number(text: &str) -> Option<f64> {
    let text: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if text.is_empty() {
        return None;
    }
    let (dot, comma) = (text.rfind('.'), text.rfind(','));
    let normalised = match (dot, comma) {
        (Some(d), Some(c)) if c > d => text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text.replace(',', ""),
        (None, Some(_)) if text.matches(',').count() == 1 => text.replace(',', "."),
        (None, Some(_)) => text.replace(',', ""),
        (Some(_), None) => {
            let groups: Vec<&str> = text.split('.').collect();
            let thousands = groups.len() > 2
                || (groups.len() == 2
                    && groups[1].len() == 3
                    && !groups[0].is_empty()
                    && groups[0] != "0");
            if thousands && groups.iter().skip(1).all(|g| g.len() == 3) {
                text.replace('.', "")
            } else {
                text
            }
        }
        (None, None) => text,
    };
    normalised.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn vietnamese_and_english_separators() {
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("0.750"), Some(0.75));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number(" 2 "), Some(2.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number(""), None);
    }
}
