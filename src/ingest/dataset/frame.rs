//! The part files of a dataset as data frames of the expected columns,
//! each of its type, a few row groups at a time, in the export's order.

use std::path::{Path, PathBuf};

use polars::prelude::*;
use polars_io::parquet::metadata::FileMetadataRef;
use polars_io::prelude::ParquetReader;
use polars_io::SerReader;

use crate::calendar::days::{MAX_DAY, MIN_DAY};
use crate::ingest::IngestError;

/// A day read from a dataset outside 1900–2100 (its row is rejected).
pub(super) const OUT_OF_RANGE: i32 = i32::MIN;

/// What a column of the schema holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// UTF-8 text.
    Text,
    /// Parquet `DATE`.
    Date,
    /// Boolean.
    Bool,
    /// Any integer, read as 32-bit.
    Integer,
    /// Any number, read as a double.
    Number,
    /// Any integer, read as 64-bit.
    Index,
}

impl Kind {
    fn dtype(self) -> DataType {
        match self {
            Kind::Text => DataType::String,
            Kind::Date => DataType::Date,
            Kind::Bool => DataType::Boolean,
            Kind::Integer => DataType::Int32,
            Kind::Number => DataType::Float64,
            Kind::Index => DataType::Int64,
        }
    }

    /// Whether a column of `dtype` can be read as this kind.
    fn accepts(self, dtype: &DataType) -> bool {
        match self {
            Kind::Text => matches!(dtype, DataType::String),
            Kind::Date => matches!(dtype, DataType::Date),
            Kind::Bool => matches!(dtype, DataType::Boolean),
            Kind::Integer | Kind::Index => dtype.is_integer(),
            Kind::Number => dtype.is_primitive_numeric(),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Date => "a date",
            Kind::Bool => "a boolean",
            Kind::Integer | Kind::Index => "an integer",
            Kind::Number => "a number",
        }
    }
}

/// Rows a slice of a part holds at least: row groups smaller than this are
/// read together.
const SLICE_ROWS: usize = 1 << 16;

/// Whole row groups of a part file, read as one frame.
pub(super) struct PartSlice<'p> {
    part: &'p Path,
    metadata: FileMetadataRef,
    /// First row of the slice in the part (0-based).
    offset: usize,
    /// Rows in the slice.
    rows: usize,
}

/// The slices of every part, in path order: each part's row groups put
/// together until they reach [`SLICE_ROWS`], so that a part's rows are
/// decoded a few row groups at a time and the memory of one slice is used
/// again by the next.
fn slices_of(parts: &[PathBuf]) -> Result<Vec<PartSlice<'_>>, IngestError> {
    let mut slices = Vec::new();
    for part in parts {
        let metadata = read_metadata(part)?;
        let mut offset = 0;
        let mut rows = 0;
        for group in &metadata.row_groups {
            rows += group.num_rows();
            if rows >= SLICE_ROWS {
                slices.push(PartSlice {
                    part,
                    metadata: metadata.clone(),
                    offset,
                    rows,
                });
                offset += rows;
                rows = 0;
            }
        }
        if rows > 0 || offset == 0 {
            slices.push(PartSlice {
                part,
                metadata,
                offset,
                rows,
            });
        }
    }
    Ok(slices)
}

/// The footer of a part file.
fn read_metadata(part: &Path) -> Result<FileMetadataRef, IngestError> {
    let file = open(part)?;
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ParquetReader::new(file).get_metadata().cloned()
    }))
    .map_err(|_| undecodable(part))?;
    decoded.map_err(|e| dataset_error(part, crate::ingest::table::one_line(e)))
}

fn open(part: &Path) -> Result<std::fs::File, IngestError> {
    std::fs::File::open(part).map_err(|source| IngestError::Read {
        path: part.display().to_string(),
        source,
    })
}

fn dataset_error(part: &Path, message: String) -> IngestError {
    IngestError::Dataset {
        path: part.display().to_string(),
        message,
    }
}

/// A defect of the decoder on a crafted file is an error naming it.
fn undecodable(part: &Path) -> IngestError {
    dataset_error(
        part,
        "its content could not be decoded; write it again".to_string(),
    )
}

/// Reads every part, a slice at a time, with `convert` and hands what it
/// made of each slice to `absorb`, in path order, the next slice decoded
/// on the other core while one is converted and absorbed.
pub(super) fn for_each_part<T>(
    parts: &[PathBuf],
    schema: Schema,
    mut convert: impl FnMut(Frame, String) -> T + Send,
    mut absorb: impl FnMut(T) + Send,
) -> Result<(), IngestError> {
    let slices = slices_of(parts)?;
    let mut next = slices
        .first()
        .map(|slice| Frame::read(slice, schema))
        .transpose()?;
    for (k, slice) in slices.iter().enumerate() {
        let Some(frame) = next.take() else { break };
        let name = slice.part.display().to_string();
        let ((), following) = rayon::join(
            || absorb(convert(frame, name)),
            || {
                slices
                    .get(k + 1)
                    .map(|s| Frame::read(s, schema))
                    .transpose()
            },
        );
        next = following?;
    }
    Ok(())
}

/// The expected columns of a dataset: name, kind, required.
pub(super) type Schema<'a> = &'a [(&'a str, Kind, bool)];

/// The rows of a slice of a part file: every expected column (null where
/// the part lacks an optional one).
pub(super) struct Frame {
    pub frame: DataFrame,
    /// Rows of the part before the slice.
    offset: usize,
}

impl Frame {
    /// Reads a slice of a part file, and checks and casts the columns of
    /// `schema`.
    pub fn read(slice: &PartSlice, schema: Schema) -> Result<Self, IngestError> {
        let part = slice.part;
        let failed = |message: String| dataset_error(part, message);
        let file = open(part)?;
        let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut reader = ParquetReader::new(file).with_slice(Some((slice.offset, slice.rows)));
            reader.set_metadata(slice.metadata.clone());
            reader.finish()
        }))
        .map_err(|_| undecodable(part))?;
        let read = decoded.map_err(|e| failed(crate::ingest::table::one_line(e)))?;
        let height = read.height();
        let mut columns = Vec::with_capacity(schema.len());
        for &(name, kind, required) in schema {
            let column = match read.column(name) {
                Ok(found) if kind.accepts(found.dtype()) => found
                    .cast(&kind.dtype())
                    .map_err(|e| failed(crate::ingest::table::one_line(e)))?,
                Ok(found) => {
                    return Err(failed(format!(
                    "its column {name} holds {}, not {}; write it as the schema in the README says",
                    found.dtype(),
                    kind.describe()
                )))
                }
                Err(_) if required => {
                    return Err(failed(format!(
                        "it has no column {name}; its columns are: {}",
                        column_names(&read)
                    )))
                }
                Err(_) => Column::full_null(name.into(), height, &kind.dtype()),
            };
            columns.push(column);
        }
        let mut frame = DataFrame::new(height, columns)
            .map_err(|e| failed(crate::ingest::table::one_line(e)))?;
        frame.rechunk_mut();
        Ok(Self {
            frame,
            offset: slice.offset,
        })
    }

    /// The 1-based row in its part of the slice's row `i`.
    pub fn row(&self, i: usize) -> usize {
        self.offset + i + 1
    }

    /// The 64-bit integer column `name`.
    pub fn indexes(&self, name: &str) -> Vec<Option<i64>> {
        match self.frame.column(name).and_then(|c| c.i64()) {
            Ok(values) => values.iter().collect(),
            Err(_) => vec![None; self.height()],
        }
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.frame.height()
    }

    /// The text column `name` (null where absent).
    pub fn text(&self, name: &str) -> Vec<Option<&str>> {
        match self.frame.column(name).and_then(|c| c.str()) {
            Ok(values) => values.iter().collect(),
            Err(_) => vec![None; self.height()],
        }
    }

    /// The date column `name` as day numbers; a day outside the ones the
    /// tool accepts (1900–2100) is given as `OUT_OF_RANGE`.
    pub fn dates(&self, name: &str) -> Vec<Option<i32>> {
        match self.frame.column(name).and_then(|c| c.date()) {
            Ok(values) => values
                .physical()
                .iter()
                .map(|d| {
                    d.map(|d| {
                        if (MIN_DAY..=MAX_DAY).contains(&d) {
                            d
                        } else {
                            OUT_OF_RANGE
                        }
                    })
                })
                .collect(),
            Err(_) => vec![None; self.height()],
        }
    }

    /// The boolean column `name`.
    pub fn bools(&self, name: &str) -> Vec<Option<bool>> {
        match self.frame.column(name).and_then(|c| c.bool()) {
            Ok(values) => values.iter().collect(),
            Err(_) => vec![None; self.height()],
        }
    }

    /// The integer column `name`.
    pub fn integers(&self, name: &str) -> Vec<Option<i32>> {
        match self.frame.column(name).and_then(|c| c.i32()) {
            Ok(values) => values.iter().collect(),
            Err(_) => vec![None; self.height()],
        }
    }

    /// The number column `name`.
    pub fn numbers(&self, name: &str) -> Vec<Option<f64>> {
        match self.frame.column(name).and_then(|c| c.f64()) {
            Ok(values) => values.iter().collect(),
            Err(_) => vec![None; self.height()],
        }
    }
}

fn column_names(frame: &DataFrame) -> String {
    frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
