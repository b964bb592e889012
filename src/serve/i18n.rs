//! The language of the pages, from the `lang` cookie.

use axum::http::HeaderMap;

pub use crate::report::html::words::{Words, EN, VI};

/// A language of the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl PageLang {
    /// The language the `lang` cookie asks for (Vietnamese unless `en`).
    pub fn of(headers: &HeaderMap) -> Self {
        match super::guard::cookie(headers, "lang") {
            Some("en") => Self::En,
            _ => Self::Vi,
        }
    }

    /// The report language of the same name, for the shared labels.
    pub fn report_lang(self) -> crate::report::labels::Lang {
        match self {
            PageLang::Vi => crate::report::labels::Lang::Vi,
            PageLang::En => crate::report::labels::Lang::En,
        }
    }

    /// The words of this language.
    pub fn words(self) -> &'static Words {
        match self {
            Self::Vi => &VI,
            Self::En => &EN,
        }
    }
}
