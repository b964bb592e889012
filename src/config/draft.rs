//! A mapping profile being written (by `sipas serve`'s mapping form): the
//! choices as plain values, turned into the TOML text the command line
//! reads, so that a profile saved in the browser is an ordinary profile file.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::config::profile::{AgencyMode, Located, SheetChoice, SourceProfile};
use crate::text_match::toml_string;

/// The choices of a mapping profile for one kind of input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileDraft {
    /// `feedback` or `survey`.
    pub section: String,
    /// Sheet to read, by name.
    pub sheet: Option<String>,
    /// 1-based row of the first header row.
    pub header_row: Option<usize>,
    /// Rows of the header block.
    pub header_rows: Option<usize>,
    /// Encoding label of a CSV file that is not UTF-8.
    pub encoding: Option<String>,
    /// chrono formats tried before the built-in date forms.
    pub date_formats: Vec<String>,
    /// Take the agency names in the file as agencies (`agencies = "as-is"`).
    pub agencies_as_is: bool,
    /// Extra no-answer codes (survey).
    pub missing: Vec<String>,
    /// Canonical field → source header.
    pub columns: BTreeMap<String, String>,
    /// Canonical field → source value → canonical value.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// Canonical field → value used when the column is missing or blank.
    pub defaults: BTreeMap<String, String>,
    /// The files are successive exports (`snapshots = true`).
    pub snapshots: bool,
}

impl ProfileDraft {
    /// The draft of a saved profile's section, for the form to edit.
    pub fn of(section: &SourceProfile) -> Self {
        let unlocated = |entries: &BTreeMap<String, Located<String>>| {
            entries
                .iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        Self {
            section: section.section.clone(),
            sheet: section.sheet.as_ref().map(|sheet| match sheet {
                SheetChoice::Name(name) => name.clone(),
                SheetChoice::Index(index) => index.to_string(),
            }),
            header_row: section.header_row,
            header_rows: section.header_rows,
            encoding: section.encoding.clone(),
            date_formats: section.date_formats.clone(),
            agencies_as_is: section.agencies == AgencyMode::AsIs,
            missing: section.missing.clone(),
            columns: section
                .columns
                .iter()
                .filter_map(|(k, v)| v.value.first().map(|h| (k.clone(), h.clone())))
                .collect(),
            values: section
                .values
                .iter()
                .map(|(k, v)| (k.clone(), unlocated(v)))
                .collect(),
            defaults: unlocated(&section.defaults),
            snapshots: section.snapshots,
        }
    }

    /// The profile as TOML, with `comment` as its first line.
    pub fn to_toml(&self, comment: &str) -> String {
        let section = &self.section;
        let mut out = String::new();
        for line in comment.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "\n[{section}]");
        if let Some(sheet) = &self.sheet {
            let _ = writeln!(out, "sheet = {}", toml_string(sheet));
        }
        if let Some(row) = self.header_row {
            let _ = writeln!(out, "header_row = {row}");
        }
        if let Some(rows) = self.header_rows.filter(|r| *r > 1) {
            let _ = writeln!(out, "header_rows = {rows}");
        }
        if let Some(encoding) = &self.encoding {
            let _ = writeln!(out, "encoding = {}", toml_string(encoding));
        }
        let list = |items: &[String]| {
            items
                .iter()
                .map(|i| toml_string(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.date_formats.is_empty() {
            let _ = writeln!(out, "date_formats = [{}]", list(&self.date_formats));
        }
        let mode = if self.agencies_as_is {
            "as-is"
        } else {
            "registry"
        };
        let _ = writeln!(out, "agencies = \"{mode}\"");
        if !self.missing.is_empty() {
            let _ = writeln!(out, "missing = [{}]", list(&self.missing));
        }
        if self.snapshots {
            let _ = writeln!(out, "snapshots = true");
        }
        let table = |out: &mut String, name: &str, entries: &BTreeMap<String, String>| {
            if entries.is_empty() {
                return;
            }
            let _ = writeln!(out, "\n[{name}]");
            for (key, value) in entries {
                let _ = writeln!(out, "{} = {}", toml_string(key), toml_string(value));
            }
        };
        table(&mut out, &format!("{section}.columns"), &self.columns);
        for (field, values) in &self.values {
            table(&mut out, &format!("{section}.values.{field}"), values);
        }
        table(&mut out, &format!("{section}.defaults"), &self.defaults);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::profile::Profile;

    /// A map of texts from `pairs`.
    fn texts(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn a_draft_becomes_a_profile_the_command_line_reads() {
        let draft = ProfileDraft {
            section: "feedback".to_string(),
            header_row: Some(2),
            agencies_as_is: true,
            date_formats: vec!["%m/%d/%Y".to_string()],
            columns: texts(&[
                ("id", "case \"id\""),
                ("received_at", "open_dt"),
                ("agency", "dept"),
            ]),
            values: [(
                "channel".to_string(),
                texts(&[("Constituent Call", "hotline")]),
            )]
            .into(),
            defaults: texts(&[("channel", "other")]),
            ..ProfileDraft::default()
        };
        let text = draft.to_toml("Saved from the mapping form.");
        let profile = Profile::parse(&text, "draft.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        let feedback = profile.feedback.expect("feedback section");
        assert_eq!(feedback.header_row, Some(2));
        assert_eq!(
            feedback.columns["id"].value,
            vec!["case \"id\"".to_string()]
        );
        assert_eq!(
            feedback.map_value("channel", "Constituent Call"),
            Some("hotline")
        );
        assert_eq!(feedback.defaults["channel"].value, "other");
        assert_eq!(feedback.date_formats, vec!["%m/%d/%Y".to_string()]);
    }

    #[test]
    fn a_saved_profile_reopens_as_the_draft_it_was_saved_from() {
        let draft = ProfileDraft {
            section: "survey".to_string(),
            sheet: Some("Phiếu".to_string()),
            header_row: Some(3),
            header_rows: Some(2),
            encoding: Some("windows-1258".to_string()),
            date_formats: vec!["%d-%b-%Y".to_string()],
            missing: vec!["9".to_string()],
            columns: texts(&[("id", "Số phiếu")]),
            values: [("gave_feedback".to_string(), texts(&[("Đã gửi", "co")]))].into(),
            defaults: texts(&[("agency", "SXD")]),
            ..ProfileDraft::default()
        };
        let profile = Profile::parse(&draft.to_toml("x"), "x.toml").expect("reads");
        let survey = profile.survey.expect("survey section");
        // Source values are kept by their matching key, as the readers match them.
        let mut expected = draft.clone();
        expected
            .values
            .insert("gave_feedback".to_string(), texts(&[("da gui", "co")]));
        assert_eq!(ProfileDraft::of(&survey), expected);
    }
}
