//! The entry point of the fuzz target (`fuzz/fuzz_targets/readers.rs`) and of
//! the test that replays its corpus: the first byte picks what the rest is
//! fed to — the CSV or XLSX table reader, the date parsers, the answer and
//! number parsers, or the profile parser. Nothing may panic.

use crate::config::profile::Profile;
use crate::ingest::columns::{header_keys, FEEDBACK_FIELDS};
use crate::ingest::dates::parse_date_with;
use crate::ingest::numbers::parse_number;
use crate::ingest::table::{Cell, Format, ReadOptions, Table};
use crate::model::Likert;

/// Feeds `data` to one of the parsers, chosen by its first byte.
pub fn exercise(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 5 {
        0 => read_table(Format::Csv, rest),
        1 => read_table(Format::Xlsx, rest),
        2 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                let formats = ["%m/%d/%Y %I:%M:%S %p".to_string(), text.to_string()];
                let _ = parse_date_with(&Cell::Text(text), &formats);
            }
        }
        3 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                let _ = Likert::parse_text(text);
                let _ = parse_number(text);
            }
        }
        _ => {
            if let Ok(text) = std::str::from_utf8(rest) {
                let _ = Profile::parse(text, "fuzz.toml");
            }
        }
    }
}

fn read_table(format: Format, bytes: &[u8]) {
    let options = ReadOptions {
        header_keys: header_keys(&FEEDBACK_FIELDS, None),
        ..ReadOptions::default()
    };
    if let Ok(table) = Table::from_bytes("fuzz", format, bytes.to_vec(), &options) {
        let _ = table.for_each_row("fuzz", |_, row| {
            for column in 0..row.width().min(64) {
                let cell = row.cell(column);
                let _ = parse_date_with(&cell, &[]);
                let _ = cell.text();
            }
        });
    }
}
