//! The catalogue of what sipas says when it cannot do what was asked: every
//! error of the library, in Vietnamese and English.
//!
//! An error carries what it is about as data (file, line, field, value,
//! reason); its `Display` is the English sentence, and [`Message::say`]
//! renders it in the user's language. The front ends name files through
//! [`FileNames`]: the command line as the user typed them, the workbench as
//! they were uploaded, never by the workspace's internal paths.
//!
//! The Vietnamese sentences are written beside each other, by error type,
//! in this folder; every `match` lists its variants without a wildcard, so
//! a new error does not build until it has its Vietnamese sentence, and the
//! tests render an example of every variant in both languages.

mod ingest;
mod run;

use crate::lang::Lang;

/// How a front end names the files a message is about.
pub trait FileNames {
    /// The name to show for `path`.
    fn name(&self, path: &str) -> String;
}

/// Files named as they were given (the command line).
pub struct AsGiven;

impl FileNames for AsGiven {
    fn name(&self, path: &str) -> String {
        path.to_string()
    }
}

/// Files named by their last component only: never a folder of the
/// machine the message is read on.
pub struct FileNameOnly;

impl FileNames for FileNameOnly {
    fn name(&self, path: &str) -> String {
        last_component(path).to_string()
    }
}

/// The part of `path` after its last `/` or `\`.
pub fn last_component(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// An error sipas can say in both languages.
pub trait Message: std::fmt::Display {
    /// The sentence in Vietnamese, files named by `names`.
    fn vietnamese(&self, names: &dyn FileNames) -> String;

    /// The paths of files the English sentence names (as `Display` writes
    /// them), to be renamed by a front end.
    fn paths(&self) -> Vec<&str>;

    /// The sentence in `lang`, files named by `names`.
    fn say(&self, lang: Lang, names: &dyn FileNames) -> String {
        match lang {
            Lang::Vi => self.vietnamese(names),
            Lang::En => {
                let mut text = self.to_string();
                let mut paths = self.paths();
                // The longest first, so that a path never renames part of another.
                paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
                for path in paths.into_iter().filter(|p| !p.is_empty()) {
                    text = text.replace(path, &names.name(path));
                }
                text
            }
        }
    }
}

/// A sentence said in both languages, kept to be shown later in the
/// language of whoever reads it; `Display` writes the English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Said {
    /// The Vietnamese sentence.
    pub vi: String,
    /// The English sentence.
    pub en: String,
}

impl Said {
    /// The sentence in `vi` and `en`.
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// `message` in both languages, files named by `names`.
    pub fn of(message: &dyn Message, names: &dyn FileNames) -> Self {
        Self {
            vi: message.say(Lang::Vi, names),
            en: message.say(Lang::En, names),
        }
    }

    /// The sentence in `lang`.
    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.vi, &self.en)
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Said {}

/// Items joined as a Vietnamese list: "a", "a và b", "a, b và c".
fn joined_vi(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// Items each in Vietnamese quotation marks.
fn quoted_vi(items: &[String]) -> Vec<String> {
    items.iter().map(|i| format!("“{i}”")).collect()
}

#[cfg(test)]
mod tests;
