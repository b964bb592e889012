//! Names that come from a request: the ids of files and runs, profile
//! names, and uploaded file names made safe to store and to show.

/// Whether `id` is a file id (16 lower-case hex digits).
pub fn is_file_id(id: &str) -> bool {
    id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Whether `id` is a run id (`r` and digits).
pub fn is_run_id(id: &str) -> bool {
    id.len() > 1
        && id.len() <= 12
        && id.starts_with('r')
        && id[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether `name` may name a saved profile: 1–64 letters (Vietnamese
/// ones too), digits, spaces, `-` and `_`, not starting or ending with a
/// space.
pub fn is_profile_name(name: &str) -> bool {
    let length = name.chars().count();
    (1..=64).contains(&length)
        && name.trim() == name
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        && !profile_stem(name).is_empty()
}

/// The file name (without `.toml`) a profile is kept under: the name
/// itself when it is ASCII letters, digits, `-` and `_`; otherwise its
/// letters without their marks, lower case, words joined by `-`
/// ("Tổng đài 1022" → `tong-dai-1022`). Two names that differ only in
/// their marks or case are one profile.
pub fn profile_stem(name: &str) -> String {
    if name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return name.to_string();
    }
    crate::text_match::fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A file name reduced to what is safe on every file system: the last
/// component of any path, ASCII letters, digits, `.`, `-`, `_` (anything
/// else becomes `_`), no leading dot, at most 100 characters, the
/// extension kept.
pub fn safe_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut safe: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while safe.starts_with('.') {
        safe.remove(0);
    }
    if safe.len() > 100 {
        let extension = safe
            .rsplit_once('.')
            .map(|(_, e)| e.to_string())
            .filter(|e| e.len() <= 8);
        safe.truncate(90);
        if let Some(extension) = extension {
            safe = format!("{safe}.{extension}");
        }
    }
    if safe.is_empty() || safe.chars().all(|c| c == '_' || c == '.') {
        safe = format!("file{safe}");
    }
    if is_reserved_on_windows(&safe) {
        safe = format!("_{safe}");
    }
    safe
}

/// Whether Windows reserves `name` for a device (`CON`, `PRN`, `AUX`,
/// `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with any extension), so that no
/// file may have it.
fn is_reserved_on_windows(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" => true,
        _ => {
            let (prefix, digit) = stem.split_at(stem.len().min(3));
            matches!(prefix, "COM" | "LPT")
                && digit.len() == 1
                && digit.bytes().all(|b| (b'1'..=b'9').contains(&b))
        }
    }
}

/// `text` with its control characters and the characters that reorder
/// text (right-to-left overrides and the like) written as `\u{…}`, so that
/// a name shows what it is.
pub fn visible(text: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Files named as the analyst knows them: an upload by the name it was
/// uploaded with, anything else by its last component; never a folder of
/// the server.
#[derive(Debug, Default)]
pub struct UploadNames {
    known: Vec<(String, String)>,
}

impl UploadNames {
    /// The file kept at `path`, uploaded as `name`.
    pub fn one(path: &std::path::Path, name: &str) -> Self {
        Self::default().with(path, name)
    }

    /// These names, and the file kept at `path` uploaded as `name`.
    pub fn with(mut self, path: &std::path::Path, name: &str) -> Self {
        self.known
            .push((path.display().to_string(), name.to_string()));
        self
    }
}

impl crate::messages::FileNames for UploadNames {
    fn name(&self, path: &str) -> String {
        self.known
            .iter()
            .find(|(kept, _)| kept == path)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| crate::messages::last_component(path).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_may_be_vietnamese_and_are_kept_under_safe_names() {
        for (name, stem) in [
            ("Tổng đài 1022", "tong-dai-1022"),
            ("Cổng DVC quốc gia", "cong-dvc-quoc-gia"),
            ("nyc311_2024-04", "nyc311_2024-04"),
        ] {
            assert!(is_profile_name(name), "{name}");
            assert_eq!(profile_stem(name), stem);
        }
        for refused in [
            "",
            " đầu",
            "cuối ",
            "../x",
            "a/b",
            "x.toml",
            "—",
            &"a".repeat(65),
        ] {
            assert!(!is_profile_name(refused), "{refused}");
        }
    }

    #[test]
    fn names_never_take_a_windows_device_name() {
        for (uploaded, kept) in [
            ("CON", "_CON"),
            ("con.csv", "_con.csv"),
            ("Nul.xlsx", "_Nul.xlsx"),
            ("COM1.csv", "_COM1.csv"),
            ("lpt9.ods", "_lpt9.ods"),
            ("COM10.csv", "COM10.csv"),
            ("console.csv", "console.csv"),
            ("LPT0.csv", "LPT0.csv"),
            ("báo:cáo?.csv", "b_o_c_o_.csv"),
        ] {
            assert_eq!(safe_name(uploaded), kept, "{uploaded}");
        }
    }

    #[test]
    fn names_never_become_paths() {
        // Only the last component of a path, in either separator.
        for path in ["../../x.csv", "..\\..\\x.csv", "/etc/x.csv"] {
            assert_eq!(safe_name(path), "x.csv");
        }
        // Nothing hidden, no parent folder, no markup.
        let cases = [
            (".hidden", "hidden"),
            ("Phản ánh Q1.xlsx", "Ph_n__nh_Q1.xlsx"),
            ("..", "file"),
            ("<script>.csv", "_script_.csv"),
        ];
        for (uploaded, kept) in cases {
            assert_eq!(safe_name(uploaded), kept, "{uploaded}");
        }
        let long = format!("{}.csv", "a".repeat(300));
        assert_eq!(safe_name(&long).len(), 94);
        assert!(safe_name(&long).ends_with(".csv"));
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_file_id("0123456789abcdef"));
        assert!(!is_file_id("../../etc/passwd"));
        assert!(!is_file_id("0123456789ABCDEF"));
        assert!(is_run_id("r0001"));
        assert!(!is_run_id("r../1"));
        assert!(is_profile_name("boston-311"));
        assert!(!is_profile_name("a/b"));
    }
}
