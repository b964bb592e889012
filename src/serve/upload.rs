//! Uploads: multipart parts streamed to `tmp/` with their SHA-256 and size
//! counted on the way, checked to be what their extension says, then
//! recognised and stored (or, for `.toml`, kept as the configuration or a
//! profile).

use super::error::ApiError;
use crate::messages::Said;
use std::io::Write;

use axum::extract::Multipart;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use crate::config::profile::Profile;
use crate::config::Config;

use super::check::recognise;
use super::workspace::{safe_name, FileKind, StoredFile, Workspace};

/// A part received whole, not yet stored.
#[derive(Debug)]
pub struct Received {
    /// The name it was sent with.
    pub name: String,
    /// Where its bytes are.
    pub staged: tempfile::TempPath,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// What became of one uploaded part.
#[derive(Debug, Clone)]
pub enum Stored {
    /// A data file or registry, new or already there.
    File(StoredFile, bool),
    /// The workspace configuration.
    Config(String),
    /// A saved profile, by name.
    Profile(String),
    /// A file the configuration names (holiday schedule, targets,
    /// per-agency baselines), by the name it is kept under.
    Attachment(String),
}

/// A refused upload: the status and one sentence in both languages.
pub type Refusal = ApiError;

/// A refusal of `status` saying `vi` and `en`.
fn refuse(status: StatusCode, vi: String, en: String) -> Refusal {
    ApiError::new(status, Said::new(vi, en))
}

/// The upload could not be kept on the server's disk.
fn not_kept(e: impl std::fmt::Display) -> Refusal {
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Máy chủ không lưu được tệp tải lên: hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại."
            .to_string(),
        e.to_string(),
    )
}

/// Reads every part of the request: parts named `file` are streamed to
/// disk, a part named `kind` says what they hold.
pub async fn receive(
    workspace: &Workspace,
    mut multipart: Multipart,
    max_mb: u64,
) -> Result<(Vec<Received>, Option<FileKind>), Refusal> {
    let mut received = Vec::new();
    let mut kind = None;
    let too_large = |e: axum::extract::multipart::MultipartError| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(status, super::guard::upload_limit_message(max_mb))
        } else {
            refuse(
                status,
                "Không đọc được nội dung tải lên: hãy tải tệp lên lại.".to_string(),
                format!("the upload could not be read: {}", e.body_text()),
            )
        }
    };
    while let Some(mut field) = multipart.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("kind") => {
                let text = field.text().await.map_err(too_large)?;
                kind = Some(FileKind::parse(&text).ok_or_else(|| {
                    refuse(
                        StatusCode::BAD_REQUEST,
                        format!(
                            "“{}” không phải một loại tệp: hãy chọn phản ánh, kiến nghị, khảo sát hoặc danh mục cơ quan.",
                            text.trim()
                        ),
                        format!(
                            "'{}' is not a kind of file: use feedback, survey or agencies",
                            text.trim()
                        ),
                    )
                })?);
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let mut file = tempfile::NamedTempFile::new_in(workspace.root().join("tmp"))
                    .map_err(not_kept)?;
                let mut hasher = Sha256::new();
                let mut size = 0u64;
                while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                    size += chunk.len() as u64;
                    hasher.update(&chunk);
                    file.write_all(&chunk).map_err(not_kept)?;
                }
                let sha256: String = hasher
                    .finalize()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                received.push(Received {
                    name,
                    staged: file.into_temp_path(),
                    sha256,
                    size,
                });
            }
            // Other parts are read and ignored.
            _ => while field.chunk().await.map_err(too_large)?.is_some() {},
        }
    }
    if received.is_empty() {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "Chưa chọn tệp nào để tải lên.".to_string(),
            "the request holds no part named 'file': send the files as multipart parts named file"
                .to_string(),
        ));
    }
    Ok((received, kind))
}

/// The extension of a name, lower case.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Checks that the bytes are what the extension says.
fn check_format(part: &Received) -> Result<(), Refusal> {
    let unsupported = StatusCode::UNSUPPORTED_MEDIA_TYPE;
    let mut head = [0u8; 8];
    let read = std::fs::File::open(&part.staged)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = &head[..read];
    let name = &part.name;
    match extension(name).as_str() {
        "xlsx" | "ods" if !head.starts_with(b"PK\x03\x04") => Err(refuse(
            unsupported,
            format!("Tệp “{name}” không phải bảng tính, dù tên tệp có đuôi .{}: hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại.", extension(name)),
            format!("{name} is not a workbook, whatever its extension says: save it again from Excel or LibreOffice"),
        )),
        "xls" if !head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => Err(refuse(
            unsupported,
            format!("Tệp “{name}” không phải bảng tính Excel 97–2003, dù tên tệp có đuôi .xls: hãy mở tệp bằng Excel và lưu lại."),
            format!("{name} is not an Excel 97–2003 workbook, whatever its extension says: save it again from Excel"),
        )),
        "csv" | "xlsx" | "xls" | "ods" | "toml" => Ok(()),
        _ => Err(refuse(
            unsupported,
            format!("Tệp “{name}” không phải tệp .csv, .xlsx, .xls hay .ods: hãy lưu tệp ở một trong các định dạng này."),
            format!("{name} is not a .csv, .xlsx, .xls or .ods file (or a sipas.toml or profile .toml)"),
        )),
    }
}

/// Whether TOML text is a holiday schedule or a targets file (a file a
/// configuration names).
fn is_settings_table(text: &str) -> bool {
    crate::calendar::Schedules::parse(text, "").is_ok()
        || crate::config::targets::Targets::parse(text, "").is_ok()
}

/// Whether a CSV is a table of per-agency baselines: a `code` column and
/// columns of indicators only (TC1–TC4, element).
fn is_agency_baselines(path: &std::path::Path) -> bool {
    let Ok(mut reader) = csv::Reader::from_path(path) else {
        return false;
    };
    let Ok(headers) = reader.headers() else {
        return false;
    };
    let names: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    names.first().is_some_and(|h| h == "code")
        && names.len() > 1
        && names[1..]
            .iter()
            .all(|h| matches!(h.as_str(), "tc1" | "tc2" | "tc3" | "tc4" | "element"))
}

/// Stores one received part (blocking: it reads the file).
pub fn store(
    workspace: &Workspace,
    part: Received,
    kind: Option<FileKind>,
) -> Result<Stored, Refusal> {
    check_format(&part)?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if extension(&part.name) == "toml" {
        if part.size > 1 << 20 {
            return Err(refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "Tệp “{}” lớn hơn 1 MB, mức tối đa của một tệp cấu hình hay hồ sơ ánh xạ.",
                    part.name
                ),
                format!(
                    "{} is larger than the 1 MB a configuration or profile may be",
                    part.name
                ),
            ));
        }
        let text = std::fs::read_to_string(&part.staged).map_err(|_| {
            refuse(
                unprocessable,
                format!("Tệp “{}” không phải văn bản UTF-8.", part.name),
                format!("{} is not UTF-8 text", part.name),
            )
        })?;
        let stem = safe_name(&part.name);
        let stem = stem.trim_end_matches(".toml").replace('.', "-");
        if let Ok(profile) = Profile::parse(&text, &part.name) {
            if profile.feedback.is_some() || profile.survey.is_some() {
                workspace
                    .save_profile(&stem, &text)
                    .map_err(|e| ApiError::new(unprocessable, e.said()))?;
                return Ok(Stored::Profile(stem));
            }
        }
        // A configuration names the files it reads by name alone; they are
        // checked when it is used (uploaded before or after it).
        let config = Config::parse_with(&text, &part.name, |key, file| {
            match workspace.attachment(key, file) {
                Err(message) if message.contains("not the name") => Err(message),
                _ => Ok(file.to_path_buf()),
            }
        });
        match config {
            Ok(_) => {
                workspace.save_config(&text).map_err(not_kept)?;
                return Ok(Stored::Config(part.name));
            }
            Err(crate::config::ConfigError::Toml { .. }) if is_settings_table(&text) => {
                let stored = workspace
                    .save_attachment(&part.name, text.as_bytes())
                    .map_err(not_kept)?;
                return Ok(Stored::Attachment(stored));
            }
            Err(e) => {
                return Err(refuse(
                    unprocessable,
                    format!(
                        "Tệp “{}” không phải tệp cấu hình hay hồ sơ ánh xạ của sipas.",
                        part.name
                    ),
                    format!(
                        "{} is neither a configuration nor a mapping profile: {e}",
                        part.name
                    ),
                ))
            }
        }
    }
    if extension(&part.name) == "csv" && is_agency_baselines(&part.staged) {
        let bytes = crate::files::read_capped(&part.staged, crate::files::MAX_SETTINGS_TABLE_BYTES)
            .map_err(|e| {
                refuse(
                    unprocessable,
                    format!("Không đọc được bảng giá trị gốc “{}”.", part.name),
                    format!("{}: {e}", part.name),
                )
            })?;
        let stored = workspace
            .save_attachment(&part.name, &bytes)
            .map_err(not_kept)?;
        return Ok(Stored::Attachment(stored));
    }
    // The reader wants the extension, so the bytes are looked at under their name.
    let staging = workspace.staging().map_err(not_kept)?;
    let named = staging.path().join(safe_name(&part.name));
    std::fs::rename(&part.staged, &named).map_err(not_kept)?;
    let (kind, profile) = recognise(workspace, &named, kind).map_err(|e| {
        let names = super::names::UploadNames::one(&named, &part.name);
        ApiError::new(unprocessable, Said::of(&e, &names))
    })?;
    let (record, created) = workspace
        .add_file(&named, &part.name, kind, &part.sha256, part.size, profile)
        .map_err(not_kept)?;
    Ok(Stored::File(record, created))
}
