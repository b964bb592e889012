//! `sipas check --suggest-profile FILE`: a starting mapping profile guessed
//! from a file's headers and values, for the user to review and complete.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use super::columns::{header_keys, FieldSpec, FEEDBACK_FIELDS, SURVEY_FIELDS};
use super::table::{ReadOptions, Table};
use super::IngestError;
use crate::model::{Channel, Status};
use crate::text::{edit_distance, fold};

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

fn toml_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// Guesses a profile for `path` and returns it as TOML text.
pub fn suggest_profile(path: &Path) -> Result<String, IngestError> {
    let mut keys = header_keys(&FEEDBACK_FIELDS, None);
    keys.extend(header_keys(&SURVEY_FIELDS, None));
    keys.extend(ENGLISH.iter().flat_map(|(_, e)| e.iter().map(|h| fold(h))));
    let table = Table::open(
        path,
        &ReadOptions {
            header_keys: keys,
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
    let mut samples: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut rows = 0usize;
    table.for_each_row(&file, |_, row| {
        rows += 1;
        if rows <= 2_000 {
            for column in 0..headers.len() {
                let text = row.cell(column).text().into_owned();
                let values = samples.entry(column).or_default();
                if !text.is_empty() && values.len() < 30 && !values.contains(&text) {
                    values.push(text);
                }
            }
        }
    })?;
    let likert_columns: Vec<usize> = (0..headers.len())
        .filter(|c| {
            samples.get(c).is_some_and(|v| {
                !v.is_empty()
                    && v.len() <= 8
                    && v.iter().all(|x| {
                        matches!(x.as_str(), "1" | "2" | "3" | "4" | "5" | "9" | "99" | "0")
                    })
            })
        })
        .collect();
    let is_survey = likert_columns.len() >= 2 && feedback.get(1).copied().flatten().is_none()
        || survey.iter().flatten().count() > feedback.iter().flatten().count() + 1;
    let (section, fields, guesses) = if is_survey {
        ("survey", &SURVEY_FIELDS[..], survey)
    } else {
        ("feedback", &FEEDBACK_FIELDS[..], feedback)
    };

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
    if let Some(sheet) = &table.sheet {
        let _ = writeln!(out, "sheet = {}", toml_string(sheet));
    }
    let rows = table.header_rows.max(1);
    let _ = writeln!(out, "header_row = {}", table.header_row + 1 - rows);
    if rows > 1 {
        let _ = writeln!(out, "header_rows = {rows}");
    }
    if let Some(encoding) = table.encoding.filter(|e| *e != "UTF-8") {
        let _ = writeln!(
            out,
            "encoding = {}",
            toml_string(&encoding.to_ascii_lowercase())
        );
    }
    let date_samples: Vec<&String> = guesses
        .iter()
        .zip(fields)
        .filter(|(_, spec)| spec.name.ends_with("_at"))
        .filter_map(|(g, _)| g.and_then(|c| samples.get(&c)))
        .flatten()
        .collect();
    if date_samples
        .iter()
        .any(|d| d.ends_with(" AM") || d.ends_with(" PM"))
    {
        let _ = writeln!(out, "date_formats = [\"%m/%d/%Y %I:%M:%S %p\"]");
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
        let _ = writeln!(out, "date_formats = [\"%m/%d/%Y %H:%M:%S\", \"%m/%d/%Y\"]");
    }
    let agency_guess = fields
        .iter()
        .position(|f| f.name == "agency")
        .and_then(|i| guesses[i]);
    let _ = writeln!(
        out,
        "agencies = \"registry\"   # or \"as-is\" to take the names in the file as agencies"
    );
    if is_survey {
        let _ = writeln!(out, "missing = [\"9\", \"99\"]   # extra no-answer codes");
    }
    let _ = writeln!(out, "\n[{section}.columns]");
    for (spec, guess) in fields.iter().zip(&guesses) {
        match guess.and_then(|c| headers.get(c)) {
            Some(header) => {
                let _ = writeln!(out, "{} = {}", spec.name, toml_string(header));
            }
            None if spec.required => {
                let _ = writeln!(
                    out,
                    "# {} = \"?\"   # required: name the column that holds it, or give a value in [{section}.defaults]",
                    spec.name
                );
            }
            None => {
                let _ = writeln!(out, "# {} = \"?\"", spec.name);
            }
        }
    }
    if is_survey && !likert_columns.is_empty() {
        let names: Vec<String> = likert_columns
            .iter()
            .filter_map(|c| headers.get(*c))
            .map(|h| toml_string(h))
            .collect();
        let _ = writeln!(out, "# Columns holding 1–5 answers: {}", names.join(", "));
    }
    if !is_survey {
        let understood = |name: &str, value: &str| match name {
            "channel" => Channel::parse(value).is_some(),
            _ => Status::parse(value).is_some(),
        };
        for name in ["channel", "status"] {
            let index = fields
                .iter()
                .position(|f| f.name == name)
                .and_then(|i| guesses[i]);
            let Some(values) = index.and_then(|c| samples.get(&c)) else {
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
    if agency_guess.is_none() {
        let _ = writeln!(
            out,
            "\n# No agency column was recognised; name it in [{section}.columns]."
        );
    }
    Ok(out)
}
