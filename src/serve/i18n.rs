//! The language of the pages, from the `lang` cookie: the report's own
//! [`Lang`], with the pages' words.

use axum::http::HeaderMap;

pub use crate::report::html::words::{Words, EN, VI};
pub use crate::report::labels::Lang;

/// The language the `lang` cookie asks for (Vietnamese unless `en`).
pub fn page_lang(headers: &HeaderMap) -> Lang {
    match super::guard::cookie(headers, "lang") {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// The pages' words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
