//! `sipas check --suggest-profile FILE`: a starting mapping profile guessed
//! from a file's headers and values, for the user to review and complete.
//! The guess itself ([`Suggestion`]) also builds the mapping form of
//! `sipas serve`.

use std::fmt::Write;
use std::path::Path;

use super::columns::{header_keys, FieldSpec, FEEDBACK_FIELDS, SURVEY_FIELDS};
use super::table::{ReadOptions, Table};
use super::IngestError;
use crate::model::{Channel, InputKind, Status};
use crate::text_match::{edit_distance, fold, toml_string};

/// English headers common in exports (311 systems, complaint databases,
/// resident surveys), per canonical field.
const ENGLISH: [(&str, &[&str]); 13] = [
    (
        "id",
        &[
            "case_enquiry_id",
            "unique key",
            "service_request_id",
            "complaint id",
            "request id",
            "ticket id",
            "respondent id",
            "caseid",
        ],
    ),
    (
        "received_at",
        &[
            "open_dt",
            "created date",
            "date received",
            "requested_datetime",
            "opened",
            "open date",
            "created",
        ],
    ),
    (
        "due_at",
        &["sla_target_dt", "due date", "target date", "sla due date"],
    ),
    (
        "resolved_at",
        &[
            "closed_dt",
            "closed date",
            "resolution date",
            "resolved date",
            "date closed",
        ],
    ),
    (
        "forwarded_at",
        &["date sent to company", "assigned date", "forwarded date"],
    ),
    (
        "channel",
        &[
            "source",
            "open data channel type",
            "submitted via",
            "channel",
            "intake channel",
        ],
    ),
    (
        "agency",
        &[
            "department",
            "agency",
            "agency name",
            "responsible agency",
            "company",
            "district",
            "council district",
            "counci",
        ],
    ),
    (
        "category",
        &["type", "complaint type", "request type", "category"],
    ),
    ("status", &["case_status", "status"]),
    ("notified_at", &["date notified", "response date"]),
    ("published_at", &["date published", "publish date"]),
    ("rating", &["consumer disputed", "satisfaction"]),
    (
        "surveyed_at",
        &["date", "survey date", "interview date", "response date"],
    ),
];

fn guess_column(spec: &FieldSpec, headers: &[String], used: &[usize]) -> Option<usize> {
    let mut keys: Vec<String> = std::iter::once(spec.name.as_ref())
        .chain(spec.headers.iter().copied())
        .map(fold)
        .collect();
    if let Some((_, english)) = ENGLISH.iter().find(|(f, _)| *f == spec.name) {
        keys.extend(english.iter().map(|e| fold(e)));
    }
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let free = |i: &usize| !used.contains(i);
    if let Some(i) = (0..headers.len())
        .filter(free)
        .find(|&i| keys.contains(&folded[i]))
    {
        return Some(i);
    }
    // A joined multi-row header names a field by its last part
    // ("Thông tin tiếp nhận / Kênh"), or by holding every word of one of
    // the field's Vietnamese headers across its parts ("Thông tin tiếp
    // nhận / Ngày" for "Ngày tiếp nhận").
    let joined = |i: &usize| headers[*i].contains(" / ");
    if let Some(i) = (0..headers.len()).filter(free).filter(joined).find(|&i| {
        headers[i]
            .rsplit_once(" / ")
            .is_some_and(|(_, last)| keys.contains(&fold(last)))
    }) {
        return Some(i);
    }
    let words = |text: &str| -> Vec<String> { fold(text).split(' ').map(str::to_string).collect() };
    if let Some(i) = (0..headers.len()).filter(free).filter(joined).find(|&i| {
        let held = words(&headers[i]);
        spec.headers
            .iter()
            .any(|typical| words(typical).iter().all(|w| held.contains(w)))
    }) {
        return Some(i);
    }
    (0..headers.len())
        .filter(free)
        .filter(|&i| !folded[i].is_empty())
        .map(|i| {
            (
                keys.iter()
                    .map(|k| edit_distance(k, &folded[i]))
                    .min()
                    .unwrap_or(usize::MAX),
                i,
            )
        })
        .filter(|(d, i)| *d <= 2.min(folded[*i].chars().count() / 3))
        .min()
        .map(|(_, i)| i)
}

/// One canonical field of the guessed kind, with the column guessed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldGuess {
    /// Canonical field name.
    pub name: String,
    /// Its typical Vietnamese header.
    pub typical: &'static str,
    /// Whether a file without it cannot be used.
    pub required: bool,
    /// The column guessed to hold it.
    pub column: Option<usize>,
}

/// What a file looks like and how it probably maps onto canonical records.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The file, as given.
    pub file: String,
    /// Feedback or survey, guessed from the headers and values.
    pub kind: InputKind,
    /// Sheet read, for workbooks.
    pub sheet: Option<String>,
    /// 1-based row of the first header row.
    pub header_row: usize,
    /// Rows of the header block.
    pub header_rows: usize,
    /// Encoding of a CSV file that is not UTF-8 (lower case).
    pub encoding: Option<String>,
    /// The headers, one per column.
    pub headers: Vec<String>,
    /// Per column, up to 30 distinct non-blank values of the first 2,000
    /// rows, each cut to [`SAMPLE_CHARS`] characters.
    pub samples: Vec<Vec<String>>,
    /// Per column, how its values of the first 2,000 rows look.
    pub looks: Vec<ColumnLook>,
    /// The fields of the guessed kind, in canonical order.
    pub fields: Vec<FieldGuess>,
    /// chrono date formats the date samples need.
    pub date_formats: Vec<String>,
    /// Columns that hold only 1–5 answers and no-answer codes.
    pub likert_columns: Vec<usize>,
}

impl Suggestion {
    /// The guessed column of `field`.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.fields
            .iter()
            .find(|f| f.name == field)
            .and_then(|f| f.column)
    }

    /// The TOML section name of the guessed kind.
    pub fn section(&self) -> &'static str {
        match self.kind {
            InputKind::Feedback => "feedback",
            InputKind::Survey => "survey",
        }
    }
}

/// Reads `path` and guesses how it maps: its kind, header block, the column
/// of every canonical field and the date formats.
pub fn suggest(path: &Path) -> Result<Suggestion, IngestError> {
    let mut keys = header_keys(&FEEDBACK_FIELDS, None);
    keys.extend(header_keys(&SURVEY_FIELDS, None));
    keys.extend(ENGLISH.iter().flat_map(|(_, e)| e.iter().map(|h| fold(h))));
    let table = Table::open(
        path,
        &ReadOptions {
            header_keys: keys,
            // The first megabytes, read whole, so that the encoding is
            // detected on all of them.
            block_bytes: Some(usize::MAX),
            prefix_bytes: Some(SUGGEST_BYTES),
            ..ReadOptions::default()
        },
    )?;
    let headers = &table.headers;

    let guess_all = |fields: &[FieldSpec]| {
        let mut used = Vec::new();
        let mut found = Vec::new();
        for spec in fields {
            let guess = guess_column(spec, headers, &used);
            if let Some(i) = guess {
                used.push(i);
            }
            found.push(guess);
        }
        found
    };
    let feedback = guess_all(&FEEDBACK_FIELDS);
    let survey = guess_all(&SURVEY_FIELDS);
    // Survey files have many columns of small integers; feedback files have dates.
    let file = path.display().to_string();
    let mut samples: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut looks = vec![ColumnLook::default(); headers.len()];
    let mut seen: Vec<std::collections::HashSet<String>> = vec![Default::default(); headers.len()];
    let mut rows = 0usize;
    table.for_each_row(&file, |_, row| {
        rows += 1;
        if rows <= 2_000 {
            for (column, values) in samples.iter_mut().enumerate() {
                let cell = row.cell(column).text();
                if cell.is_empty() {
                    continue;
                }
                let text = cut(&cell);
                looks[column].note(&cell, seen[column].insert(text.clone()));
                if values.len() < 30 && !values.contains(&text) {
                    values.push(text);
                }
            }
        }
    })?;
    let likert_columns: Vec<usize> = (0..headers.len())
        .filter(|&c| {
            let v = &samples[c];
            !v.is_empty()
                && v.len() <= 8
                && v.iter()
                    .all(|x| matches!(x.as_str(), "1" | "2" | "3" | "4" | "5" | "9" | "99" | "0"))
        })
        .collect();
    let is_survey = likert_columns.len() >= 2 && feedback.get(1).copied().flatten().is_none()
        || survey.iter().flatten().count() > feedback.iter().flatten().count() + 1;
    let (kind, specs, guesses) = if is_survey {
        (InputKind::Survey, &SURVEY_FIELDS[..], survey)
    } else {
        (InputKind::Feedback, &FEEDBACK_FIELDS[..], feedback)
    };
    let fields: Vec<FieldGuess> = specs
        .iter()
        .zip(&guesses)
        .map(|(spec, column)| FieldGuess {
            name: spec.name.to_string(),
            typical: spec.headers.first().copied().unwrap_or_default(),
            required: spec.required,
            column: *column,
        })
        .collect();
    let date_samples: Vec<&String> = fields
        .iter()
        .filter(|f| f.name.ends_with("_at"))
        .filter_map(|f| f.column.map(|c| &samples[c]))
        .flatten()
        .collect();
    let date_formats: Vec<String> = if date_samples
        .iter()
        .any(|d| d.ends_with(" AM") || d.ends_with(" PM"))
    {
        vec!["%m/%d/%Y %I:%M:%S %p".to_string()]
    } else if date_samples.iter().any(|d| {
        d.split('/')
            .next()
            .and_then(|m| m.parse::<u32>().ok())
            .is_some_and(|m| m <= 12)
            && d.split('/')
                .nth(1)
                .and_then(|x| x.parse::<u32>().ok())
                .is_some_and(|x| x > 12)
    }) {
        vec!["%m/%d/%Y %H:%M:%S".to_string(), "%m/%d/%Y".to_string()]
    } else {
        Vec::new()
    };
    let header_rows = table.header_rows.max(1);
    Ok(Suggestion {
        file,
        kind,
        sheet: table.sheet.clone(),
        header_row: table.header_row + 1 - header_rows,
        header_rows,
        encoding: table
            .encoding
            .filter(|e| *e != "UTF-8")
            .map(str::to_ascii_lowercase),
        headers: table.headers.clone(),
        samples,
        looks,
        fields,
        date_formats,
        likert_columns,
    })
}

/// Bytes of a CSV file the suggester looks at (its first rows are enough).
pub const SUGGEST_BYTES: usize = 4 << 20;

/// Characters of a value the suggester keeps (a sample, a distinct value).
pub const SAMPLE_CHARS: usize = 200;

/// `text` cut to [`SAMPLE_CHARS`] characters, with "…" when cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(SAMPLE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// How the values of a column look: whether it could hold personal data or
/// free text rather than names many records share.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnLook {
    /// Non-blank values looked at.
    pub values: usize,
    /// Distinct ones among them.
    pub distinct: usize,
    /// Values that look like personal data or free text (a phone or ID
    /// number, an e-mail, a form of address before a name, long text).
    pub personal: usize,
}

impl ColumnLook {
    fn note(&mut self, value: &str, new: bool) {
        self.values += 1;
        self.distinct += usize::from(new);
        self.personal += usize::from(crate::model::looks_personal(value));
    }

    /// Whether a column chosen for a subject field, a category or an agency
    /// taken as named looks like personal data or free text: any value
    /// that does, or values mostly unique (over 80% of 20 or more).
    pub fn looks_personal(&self) -> bool {
        self.personal > 0 || (self.values >= 20 && self.distinct * 5 > self.values * 4)
    }
}

/// Whether the tool already reads `value` of the vocabulary field `name`.
fn understood(name: &str, value: &str) -> bool {
    match name {
        "channel" => Channel::parse(value).is_some(),
        _ => Status::parse(value).is_some(),
    }
}

/// Guesses a profile for `path` and returns it as TOML text.
pub fn suggest_profile(path: &Path) -> Result<String, IngestError> {
    let guess = suggest(path)?;
    let section = guess.section();
    let headers = &guess.headers;
    let file = &guess.file;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Mapping profile guessed by `sipas check --suggest-profile {file}`."
    );
    let _ = writeln!(
        out,
        "# Review every line: a guess is only a guess. Headers found:"
    );
    for chunk in headers.chunks(6) {
        let _ = writeln!(
            out,
            "#   {}",
            chunk
                .iter()
                .map(|h| toml_string(h))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(out, "\n[{section}]");
    if let Some(sheet) = &guess.sheet {
        let _ = writeln!(out, "sheet = {}", toml_string(sheet));
    }
    let _ = writeln!(out, "header_row = {}", guess.header_row);
    if guess.header_rows > 1 {
        let _ = writeln!(out, "header_rows = {}", guess.header_rows);
    }
    if let Some(encoding) = &guess.encoding {
        let _ = writeln!(out, "encoding = {}", toml_string(encoding));
    }
    if !guess.date_formats.is_empty() {
        let formats: Vec<String> = guess.date_formats.iter().map(|f| toml_string(f)).collect();
        let _ = writeln!(out, "date_formats = [{}]", formats.join(", "));
    }
    let is_survey = guess.kind == InputKind::Survey;
    let _ = writeln!(
        out,
        "agencies = \"registry\"   # or \"as-is\" to take the names in the file as agencies"
    );
    if is_survey {
        let _ = writeln!(out, "missing = [\"9\", \"99\"]   # extra no-answer codes");
    }
    let _ = writeln!(out, "\n[{section}.columns]");
    for field in &guess.fields {
        match field.column.and_then(|c| headers.get(c)) {
            Some(header) => {
                let _ = writeln!(out, "{} = {}", field.name, toml_string(header));
            }
            None if field.required => {
                let _ = writeln!(
                    out,
                    "# {} = \"?\"   # required: name the column that holds it, or give a value in [{section}.defaults]",
                    field.name
                );
            }
            None => {
                let _ = writeln!(out, "# {} = \"?\"", field.name);
            }
        }
    }
    if is_survey && !guess.likert_columns.is_empty() {
        let names: Vec<String> = guess
            .likert_columns
            .iter()
            .filter_map(|c| headers.get(*c))
            .map(|h| toml_string(h))
            .collect();
        let _ = writeln!(out, "# Columns holding 1–5 answers: {}", names.join(", "));
    }
    if !is_survey {
        for name in ["channel", "status"] {
            let Some(values) = guess.column_of(name).map(|c| &guess.samples[c]) else {
                continue;
            };
            let _ = writeln!(
                out,
                "\n[{section}.values.{name}]   # source value = canonical value"
            );
            for value in values.iter().take(20) {
                if understood(name, value) {
                    let _ = writeln!(out, "# {} is already understood", toml_string(value));
                } else {
                    let _ = writeln!(out, "# {} = \"?\"", toml_string(value));
                }
            }
        }
    }
    if guess.column_of("agency").is_none() {
        let _ = writeln!(
            out,
            "\n# No agency column was recognised; name it in [{section}.columns]."
        );
    }
    Ok(out)
}
