//! What every request passes before a handler sees it: the `Host` check
//! against DNS rebinding, the same-origin check of state-changing
//! requests, the access token of a shared machine, the upload size limit
//! (by `Content-Length`), and the security headers of every response.

use super::i18n::Lang;
use crate::messages::Said;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::AppState;

/// The Content-Security-Policy of every response: only the server itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Name of the cookie holding the access token.
pub const TOKEN_COOKIE: &str = "sipas_token";

/// A refusal as JSON for the API and as one sentence of text elsewhere.
pub fn refusal(status: StatusCode, path: &str, lang: Lang, said: &Said) -> Response {
    if path.starts_with("/api/") {
        super::error::error(status, said)
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            said.pick(lang).to_string(),
        )
            .into_response()
    }
}

/// The host name of a `Host` or `Origin` authority, without the port; None
/// when the authority is anything but `host[:port]` (a name of letters,
/// digits, `.` and `-`, an IPv4 address, or an IPv6 address in brackets,
/// and a port of digits): `localhost:18301@evil.com` is not one.
fn host_name(authority: &str) -> Option<&str> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if !inside
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return None;
        }
        (inside, after.strip_prefix(':'))
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let name = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
        if host.is_empty() || !host.bytes().all(name) {
            return None;
        }
        (host, port)
    };
    match port {
        Some(port) if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) => None,
        _ => Some(host),
    }
}

/// Whether the `Host` header names this server.
fn host_allowed(state: &AppState, host: &str) -> bool {
    let Some(name) = host_name(host) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1") {
        return true;
    }
    let listen = state.options.listen;
    if listen.is_unspecified() {
        // Every address of the machine: an address literal, or a name given.
        return name.parse::<std::net::IpAddr>().is_ok()
            || state.options.allowed_hosts.contains(&name);
    }
    name == listen.to_string() || state.options.allowed_hosts.contains(&name)
}

/// Whether a state-changing request comes from another site: the
/// browser's `Sec-Fetch-Site` says so, or (from browsers that do not send
/// it) an `Origin` other than this server. Tools such as `curl` send
/// neither and are let through (the server listens on loopback, or asks for
/// the token).
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .unwrap_or("");
        return authority != host;
    }
    false
}

/// The value of cookie `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether the request carries the access token (always, on loopback
/// without one). A wrong token is answered only after the wrong ones
/// before it, a quarter of a second each: guessing is slowed to a few
/// tries a second whatever the number of connections.
async fn has_token(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = &state.options.token else {
        return true;
    };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let given = bearer.or_else(|| cookie(headers, TOKEN_COOKIE));
    match given {
        Some(given) if same_secret(given, token) => true,
        Some(_) => {
            slow_down(state).await;
            false
        }
        None => false,
    }
}

/// Holds a wrong guess of the token for its turn: wrong tokens are
/// answered one after the other, [`WRONG_TOKEN_DELAY`] each.
pub async fn slow_down(state: &AppState) {
    let _turn = state.wrong_tokens.lock().await;
    tokio::time::sleep(WRONG_TOKEN_DELAY).await;
}

/// How long each wrong token waits, one after the other.
pub const WRONG_TOKEN_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// What a visitor without the token may ask for: the login page, the style
/// and script, and the language switch (it only sets a cookie).
fn open_to_all(path: &str) -> bool {
    path.starts_with("/assets/") || path == "/login" || path == "/lang"
}

/// The middleware.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let headers = request.headers();
    let lang = super::i18n::page_lang(headers);
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut response = if !host_allowed(&state, host) {
        refusal(
            StatusCode::MISDIRECTED_REQUEST,
            &path,
            lang,
            &Said::new(
                "Máy chủ này chỉ trả lời các yêu cầu gửi đúng địa chỉ của nó (localhost hoặc địa chỉ riêng của máy chủ).",
                "this server answers only requests addressed to it (localhost or its own address)",
            ),
        )
    } else if request.method() != Method::GET
        && request.method() != Method::HEAD
        && cross_site(headers)
    {
        refusal(
            StatusCode::FORBIDDEN,
            &path,
            lang,
            &Said::new(
                "Một trang web khác không thể thay đổi không gian làm việc: hãy thao tác ngay trên trang của sipas.",
                "a request from another site cannot change the workspace",
            ),
        )
    } else if !open_to_all(&path) && !has_token(&state, headers).await {
        if path.starts_with("/api/") {
            refusal(
                StatusCode::UNAUTHORIZED,
                &path,
                lang,
                &Said::new(
                    "Hãy gửi kèm mã truy cập mà máy chủ sipas đã in ra khi khởi động.",
                    "give the access token printed by `sipas serve` (header Authorization: Bearer TOKEN)",
                ),
            )
        } else {
            Redirect::to("/login").into_response()
        }
    } else if too_large(&state, &request) {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            &path,
            lang,
            &upload_limit_message(state.options.max_upload_mb),
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
        ("cache-control", "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The sentence of a refused upload.
pub fn upload_limit_message(max_mb: u64) -> crate::messages::Said {
    crate::messages::Said::new(
        format!("Tệp tải lên lớn hơn {max_mb} MB mà máy chủ này nhận: hãy tách tệp theo kỳ, hoặc nhờ người quản trị tăng giới hạn tải lên."),
        format!("the upload is larger than the {max_mb} MB this server accepts: split the file, or start `sipas serve --max-upload-mb N` with a larger N"),
    )
}

fn too_large(state: &AppState, request: &Request) -> bool {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    declared.is_some_and(|length| length > state.options.max_upload_bytes())
}
