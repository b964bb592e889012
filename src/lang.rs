//! The two languages sipas speaks, Vietnamese and English, and how each
//! writes numbers and dates.

use std::str::FromStr;

/// Language of the report's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Vietnamese ("tiếng Việt"), the language of the official report.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The Vietnamese or the English text.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// A number with `decimals` decimals in the language's convention:
    /// `1.234,56` in Vietnamese, `1,234.56` in English.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let plain = format!("{:.*}", decimals, value.abs());
        let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
        let (thousands, decimal) = self.separators();
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        let sign = if value < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{decimal}{fraction}")
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        }
    }

    /// A `yyyy-mm-dd` date as `dd/mm/yyyy` (both languages).
    pub fn date(self, iso: &str) -> String {
        crate::calendar::date_text::parse_iso_date(iso)
            .map(crate::calendar::days::format_vn)
            .unwrap_or_else(|| iso.to_string())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}': use vi or en")),
        }
    }
}

/// `template` with each `{}` replaced by the next of `args`, as `format!`
/// would: one sentence written in two languages over the same values.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    debug_assert_eq!(template.matches("{}").count(), args.len());
    let mut text = String::with_capacity(template.len() + 16 * args.len());
    let mut pieces = template.split("{}");
    text.push_str(pieces.next().unwrap_or_default());
    for (piece, arg) in pieces.zip(args) {
        text.push_str(&arg.to_string());
        text.push_str(piece);
    }
    text
}
