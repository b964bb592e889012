//! Exports of the accepted canonical records for the engines beyond one
//! machine (`sipas export`): Parquet datasets that Spark, DuckDB or polars
//! read for a national roll-up, and that `--feedback` / `--survey` read back
//! without parsing the exports again.
//!
//! `DIR/feedback/` and `DIR/survey/` are hive-partitioned by calendar year
//! and quarter of receipt or interview (`year=2025/quarter=1/part-0.parquet`),
//! with the columns of [`crate::model::parquet_schema`]; `DIR/agencies.csv` is the
//! registry the records were read with (agencies named as-is included), and
//! `DIR/export.json` says what was exported from which files. The folder is
//! written beside the old one and put in its place by two renames (the old
//! one back if the second fails).

mod manifest;
mod parquet;

use std::path::{Path, PathBuf};

use thiserror::Error;

pub use manifest::{DatasetManifest, ExportManifest, PartitionRows};

use crate::ingest::Inputs;
use crate::model::Registry;

/// Why an export could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The output folder holds files that are not an earlier export.
    #[error(
        "{path} already holds files that are not a sipas export; choose an empty or new folder"
    )]
    Foreign {
        /// Folder path.
        path: String,
    },
    /// The Parquet writer failed.
    #[error("cannot write the Parquet dataset {path}: {message}")]
    Parquet {
        /// Path.
        path: String,
        /// Writer message.
        message: String,
    },
}

/// The files of an export folder.
const ENTRIES: [&str; 4] = ["feedback", "survey", "agencies.csv", "export.json"];

/// Writes the accepted records of `inputs` as Parquet datasets under `out`,
/// replacing an earlier export there; `criteria` are the questionnaire's
/// criteria beyond TC1–TC4 (a column each).
pub fn write_parquet(
    inputs: &Inputs,
    registry: &Registry,
    criteria: &[String],
    out: &Path,
) -> Result<ExportManifest, ExportError> {
    check_folder(out)?;
    check_criteria(criteria, out)?;
    // Written beside `out`, then put in its place by two renames.
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.sipas-export-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.sipas-old-{}", std::process::id()));
    let written = (|| {
        let _ = std::fs::remove_dir_all(&staging);
        create_dir(&staging)?;
        let (feedback, survey) = rayon::join(
            || parquet::write_feedback(inputs, registry, &staging.join("feedback")),
            || parquet::write_survey(inputs, registry, criteria, &staging.join("survey")),
        );
        let manifest = ExportManifest::new(inputs, feedback?, survey?, criteria);
        write_file(&staging.join("agencies.csv"), &registry_csv(registry))?;
        let json = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
        write_file(&staging.join("export.json"), json.as_bytes())?;
        let _ = std::fs::remove_dir_all(&retired);
        crate::files::replace_folder(&staging, out, &retired)
            .map_err(|source| write_error(out, source))?;
        Ok(manifest)
    })();
    let _ = std::fs::remove_dir_all(&staging);
    let _ = std::fs::remove_dir_all(&retired);
    written
}

/// Refuses questionnaire codes that would make the same column.
fn check_criteria(criteria: &[String], out: &Path) -> Result<(), ExportError> {
    let codes: Vec<String> = ["TC1", "TC2", "TC3", "TC4"]
        .iter()
        .map(std::string::ToString::to_string)
        .chain(criteria.iter().cloned())
        .collect();
    for (k, code) in codes.iter().enumerate() {
        let column = crate::model::parquet_schema::criterion_column(code);
        if let Some(other) = codes[..k]
            .iter()
            .find(|c| crate::model::parquet_schema::criterion_column(c) == column)
        {
            return Err(ExportError::Parquet {
                path: out.display().to_string(),
                message: format!(
                    "the questionnaire codes {other} and {code} would both be the column {column}; rename one"
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a folder that holds anything but an earlier export.
fn check_folder(out: &Path) -> Result<(), ExportError> {
    if !out.exists() {
        return Ok(());
    }
    let entries = std::fs::read_dir(out).map_err(|source| write_error(out, source))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !ENTRIES.contains(&name.as_str()) {
            return Err(ExportError::Foreign {
                path: out.display().to_string(),
            });
        }
    }
    Ok(())
}

/// The registry as an agency file (`code,name,level,aliases`, and the
/// lifetimes `valid_from,valid_until,successor` when any agency has one)
/// that `--agencies` reads.
fn registry_csv(registry: &Registry) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let dated = registry
        .agencies()
        .iter()
        .any(|a| a.lifetime != Default::default());
    let mut header = vec!["code", "name", "level", "aliases"];
    if dated {
        header.extend(["valid_from", "valid_until", "successor"]);
    }
    let _ = writer.write_record(&header);
    let day = |d: Option<crate::calendar::Day>| {
        d.map(crate::calendar::days::format_iso).unwrap_or_default()
    };
    for agency in registry.agencies() {
        let mut row = vec![
            agency.code.clone(),
            agency.name.clone(),
            agency.level.code().to_string(),
            agency.aliases.join("|"),
        ];
        if dated {
            let life = &agency.lifetime;
            row.extend([
                day(life.valid_from),
                day(life.valid_until),
                life.successor.clone().unwrap_or_default(),
            ]);
        }
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

fn create_dir(path: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(path).map_err(|source| write_error(path, source))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    std::fs::write(path, bytes).map_err(|source| write_error(path, source))
}

fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// The partition folder of a calendar year and quarter under `dataset`.
fn partition_folder(dataset: &Path, year: i32, quarter: u32) -> PathBuf {
    let [year_key, quarter_key] = crate::model::parquet_schema::PARTITION_KEYS;
    dataset
        .join(format!("{year_key}={year}"))
        .join(format!("{quarter_key}={quarter}"))
}
