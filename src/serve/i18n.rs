//! The language of the pages, from the `lang` cookie: the report's own
//! [`Lang`], with the pages' words.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;

use super::AppState;

pub use crate::report::html::words::{Words, EN, VI};
pub use crate::report::labels::Lang;

/// The language the `lang` cookie asks for (Vietnamese unless `en`).
pub fn page_lang(headers: &HeaderMap) -> Lang {
    match super::guard::cookie(headers, "lang") {
        Some("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// Who a page is for, taken from its request: the server's state and the
/// language the `lang` cookie asks for.
pub struct Reader {
    /// The server's state.
    pub state: AppState,
    /// The language of the page.
    pub lang: Lang,
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Self {
            state: state.clone(),
            lang: page_lang(&parts.headers),
        })
    }
}

/// The pages' words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
