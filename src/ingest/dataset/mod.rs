//! Parquet datasets as inputs: a `.parquet` file, or a folder of them in
//! hive partitions (`year=2025/quarter=1/part-0.parquet`) as `sipas export`
//! writes them, read back into canonical records without parsing any text
//! (the schema is [`crate::model::parquet_schema`]).
//!
//! A dataset is one input: its parts are read in path order and put back in
//! the order of the export (`record_index`), so that a report from the
//! dataset is the report from the exports. The records keep the export file
//! and row they were first read from (`source_file`, `source_row`). A
//! dataset another engine wrote is checked like any input: a row without an
//! id, a date or an agency is rejected with a finding naming the part file
//! and its row, and an unknown code is an ignored cell or a rejected row as
//! in an export.

mod feedback;
mod frame;
mod gather;
mod shared;
mod survey;

use std::path::{Path, PathBuf};

pub(super) use feedback::read as feedback;
pub(super) use survey::read as survey;

use super::IngestError;
use crate::model::{Origin, TextCodes};

/// Whether `path` is a Parquet file, or a folder holding Parquet files
/// directly or in hive partition folders (`key=value`).
pub fn is_dataset(path: &Path) -> bool {
    if path.is_dir() {
        let mut parts = Vec::new();
        collect_parts(path, &mut parts, 1);
        !parts.is_empty()
    } else {
        is_parquet(path)
    }
}

/// The registry `sipas export` wrote beside a dataset (`DIR/agencies.csv`
/// next to `DIR/export.json`, for a dataset `DIR/feedback` or a part
/// below it), which carries the agencies' lifetimes the rows do not.
pub fn export_registry(dataset: &Path) -> Option<PathBuf> {
    dataset.ancestors().skip(1).take(4).find_map(|folder| {
        let registry = folder.join("agencies.csv");
        (folder.join("export.json").is_file() && registry.is_file()).then_some(registry)
    })
}

/// The part files of a dataset, in path order (a file is its own one part).
pub(crate) fn part_files(path: &Path) -> Result<Vec<PathBuf>, IngestError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut parts = Vec::new();
    collect_parts(path, &mut parts, usize::MAX);
    if parts.is_empty() {
        return Err(IngestError::EmptyFolder {
            path: path.display().to_string(),
        });
    }
    parts.sort();
    Ok(parts)
}

/// Adds the Parquet files under `folder` (through `key=value` folders) to
/// `parts`, stopping once it holds `enough`.
fn collect_parts(folder: &Path, parts: &mut Vec<PathBuf>, enough: usize) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if parts.len() >= enough {
            return;
        }
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if path.is_dir() {
            if name.contains('=') {
                collect_parts(&path, parts, enough);
            }
        } else if is_parquet(&path) {
            parts.push(path);
        }
    }
}

fn is_parquet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// The SHA-256 of a dataset: of its part files' bytes one after the other,
/// in path order; and their size in all.
fn fingerprint(parts: &[PathBuf]) -> Result<(String, u64), IngestError> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    let mut buffer = vec![0u8; 1 << 20];
    for part in parts {
        let read_error = |source| IngestError::Read {
            path: part.display().to_string(),
            source,
        };
        let mut file = std::fs::File::open(part).map_err(read_error)?;
        loop {
            let n = file.read(&mut buffer).map_err(read_error)?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            hasher.update(&buffer[..n]);
        }
    }
    Ok((super::table::hex(&hasher.finalize()), bytes))
}

/// Agencies of a dataset's rows: found in the registry by code, or new to it
/// as the row describes them (code, name, level), under provisional ids
/// settled when the file is put with the others.
struct DatasetAgencies<'r> {
    registry: &'r crate::model::Registry,
    known: super::FastMap<String, crate::model::AgencyId>,
    new: Vec<crate::model::Agency>,
}

impl<'r> DatasetAgencies<'r> {
    fn new(registry: &'r crate::model::Registry) -> Self {
        Self {
            registry,
            known: super::FastMap::default(),
            new: Vec::new(),
        }
    }

    /// The agency of code `code`, named `name` at `level` (its code and
    /// `so_nganh` when the dataset leaves them blank).
    fn id(
        &mut self,
        code: &str,
        name: Option<&str>,
        level: Option<&str>,
    ) -> crate::model::AgencyId {
        if let Some(&id) = self.known.get(code) {
            return id;
        }
        let id = self.registry.find(code).unwrap_or_else(|| {
            self.new.push(crate::model::Agency {
                code: code.to_string(),
                name: name.filter(|n| !n.is_empty()).unwrap_or(code).to_string(),
                level: level.and_then(level_of).unwrap_or_default(),
                aliases: Vec::new(),
                as_named: false,
                lifetime: Default::default(),
            });
            (self.registry.len() + self.new.len() - 1) as crate::model::AgencyId
        });
        self.known.insert(code.to_string(), id);
        id
    }

    /// The agency a row names by `code`; a blank code rejects the row.
    fn of_row(
        &mut self,
        check: &mut super::RowCheck,
        code: Option<&str>,
        name: Option<&str>,
        level: Option<&str>,
    ) -> Option<crate::model::AgencyId> {
        let code = required(
            check,
            crate::model::parquet_schema::common::AGENCY_CODE,
            "agency",
            code,
        )?;
        Some(self.id(code, name, level))
    }

    /// Hands the new agencies to `batch`.
    fn into_batch<R>(self, batch: &mut super::batch::Batch<R>) {
        batch.new_agencies = self.new.iter().map(|a| a.code.clone()).collect();
        batch.described_agencies = self.new;
    }
}

/// The account of a dataset read as one input.
fn dataset_account(
    source: &super::Source,
    kind: crate::model::InputKind,
    parts: &[PathBuf],
    schema: frame::Schema,
) -> Result<crate::model::InputAccount, IngestError> {
    let (sha256, bytes) = fingerprint(parts)?;
    Ok(crate::model::InputAccount {
        path: source.path.display().to_string(),
        kind,
        sheet: None,
        rows: 0,
        accepted: 0,
        rejected: 0,
        superseded: 0,
        bytes,
        sha256,
        header_row: 0,
        mapped: schema
            .iter()
            .map(|(name, _, _)| crate::model::MappedColumn {
                field: name.to_string(),
                header: name.to_string(),
            })
            .collect(),
        ignored: Vec::new(),
    })
}

/// A dataset read as one input: its batch, its account and the export
/// files its rows name.
fn file_read<R>(
    source: &super::Source,
    account: crate::model::InputAccount,
    batch: super::batch::Batch<R>,
    registry: &crate::model::Registry,
    source_names: Vec<String>,
) -> super::batch::FileRead<R> {
    super::batch::FileRead {
        input: source.input,
        account,
        sheet: None,
        id_header: crate::model::parquet_schema::common::ID.to_string(),
        agency_header: "agency_code".to_string(),
        batches: vec![batch],
        registry_base: registry.len(),
        level: Default::default(),
        source_names,
    }
}

/// An agency level from its code or label.
fn level_of(text: &str) -> Option<crate::model::AgencyLevel> {
    crate::model::AgencyLevel::ALL
        .into_iter()
        .find(|level| level.code() == text)
        .or_else(|| crate::model::AgencyLevel::parse(text))
}

/// The export files a dataset's rows name as where they were first read
/// (`source_file`), coded in the order they come.
#[derive(Default)]
struct SourceFiles(TextCodes);

impl SourceFiles {
    /// The export file and row a dataset's row names (`source_file`,
    /// `source_row`); the dataset's own row when it names none (`u32::MAX`
    /// stands for the dataset itself).
    fn origin(&mut self, file: Option<&str>, row: Option<i32>, own_row: usize) -> Origin {
        match (file, row) {
            (Some(name), Some(source_row)) => Origin {
                input: self.0.code_of(name),
                row: source_row.max(0) as u32,
            },
            _ => Origin {
                input: u32::MAX,
                row: own_row as u32,
            },
        }
    }

    /// The files' names, in the order of their codes.
    fn names(self) -> Vec<String> {
        self.0.into_texts()
    }
}

/// A value a row must have: blank rejects the row, the finding naming the
/// canonical `field` (`id`, `agency`…) on `column`.
fn required<'a, T: Blank + ?Sized>(
    check: &mut super::RowCheck,
    column: &str,
    field: &str,
    value: Option<&'a T>,
) -> Option<&'a T> {
    let value = value.filter(|v| !v.is_blank());
    if value.is_none() {
        check.reject(
            column,
            "",
            crate::model::Reason::Missing {
                field: field.into(),
            },
        );
    }
    value
}

/// Whether a dataset value counts as blank.
trait Blank {
    fn is_blank(&self) -> bool;
}

impl Blank for str {
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

impl Blank for i32 {
    fn is_blank(&self) -> bool {
        false
    }
}
