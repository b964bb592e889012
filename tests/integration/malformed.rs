//! The malformed-input corpus of `tests/malformed/` (made by its
//! `make_corpus.py`) and a few inputs built here: every file gives either a
//! clean one-sentence error naming it, or findings with rows read = accepted
//! + rejected — never a panic.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crate::common::{registry, settings, temp};

/// Reads `file` as feedback (or as a survey when its name says so) and checks
/// the outcome; returns a description of what happened.
fn read(file: &Path, agencies: &Path) -> Result<String, String> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let (feedback, survey) = if name.starts_with("survey") || name.starts_with("huge-numbers") {
        (vec![], vec![file.to_path_buf()])
    } else {
        (vec![file.to_path_buf()], vec![])
    };
    let s = settings(feedback, survey, agencies.to_path_buf(), "2025-Q1");
    let outcome = catch_unwind(AssertUnwindSafe(|| sipas::pipeline::load(&s)))
        .map_err(|_| format!("{name}: panicked"))?;
    match outcome {
        Ok(loaded) => {
            for account in &loaded.inputs.accounts {
                if account.rows != account.accepted + account.rejected {
                    return Err(format!(
                        "{name}: {} rows read but {} + {}",
                        account.rows, account.accepted, account.rejected
                    ));
                }
            }
            Ok(format!("{name}: {} findings", loaded.inputs.findings.len()))
        }
        Err(error) => {
            let message = error.to_string();
            if message.contains('\n') || !message.contains(&name) {
                return Err(format!(
                    "{name}: the error is not one sentence naming the file: {message}"
                ));
            }
            Ok(format!("{name}: error: {message}"))
        }
    }
}

fn corpus() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("tests/malformed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e != "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_never_panics() {
    let dir = temp();
    let agencies = registry(dir.path());
    let files = corpus();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| read(f, &agencies).err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn corpus_outcomes_are_the_expected_ones() {
    let dir = temp();
    let agencies = registry(dir.path());
    let outcome = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/malformed")
            .join(name);
        read(&path, &agencies).unwrap_or_else(|e| e)
    };
    assert!(
        outcome("zip-bomb.xlsx").contains("looks like a zip bomb"),
        "{}",
        outcome("zip-bomb.xlsx")
    );
    assert!(outcome("empty.csv").contains("is empty"));
    assert!(outcome("binary-garbage.csv").contains("error"));
    assert!(
        outcome("truncated.xlsx").contains("it is not a zip archive"),
        "{}",
        outcome("truncated.xlsx")
    );
    // The far cell of the absurd dimensions is ignored; the one good row is read.
    assert!(
        outcome("absurd-dimensions.xlsx").contains("0 findings"),
        "{}",
        outcome("absurd-dimensions.xlsx")
    );
    assert!(
        outcome("utf16-bom-header.csv").contains("0 findings"),
        "{}",
        outcome("utf16-bom-header.csv")
    );
    assert!(
        outcome("tab-delimited.tsv").contains("0 findings"),
        "{}",
        outcome("tab-delimited.tsv")
    );
    // A header below row 50 is not searched for: the error says how to point at it.
    assert!(
        outcome("header-far-down.csv").contains("set header_row"),
        "{}",
        outcome("header-far-down.csv")
    );
    assert!(
        outcome("mixed-line-endings.csv").contains("0 findings"),
        "{}",
        outcome("mixed-line-endings.csv")
    );
}

#[test]
fn a_million_empty_rows_are_skipped() {
    let dir = temp();
    let agencies = registry(dir.path());
    let path = dir.path().join("million-empty-rows.csv");
    let mut text = String::from(
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nX1,06/01/2025,Email,A\n",
    );
    text.push_str(&",,,\n".repeat(1_000_000));
    text.push_str("X2,07/01/2025,Email,A\n");
    std::fs::write(&path, text).expect("write");
    let s = settings(vec![path], vec![], agencies, "2025-Q1");
    let loaded = sipas::pipeline::load(&s).expect("load");
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (2, 2, 0)
    );
}
