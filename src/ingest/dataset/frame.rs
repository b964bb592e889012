//! The part files of a dataset as one data frame of the expected columns,
//! each of its type, in the export's order.

use std::path::PathBuf;

use polars::prelude::*;
use polars_io::prelude::ParquetReader;
use polars_io::SerReader;

use crate::ingest::IngestError;
use crate::model::dataset::common::RECORD_INDEX;

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

/// The expected columns of a dataset: name, kind, required.
pub(super) type Schema<'a> = &'a [(&'a str, Kind, bool)];

/// A dataset's rows: every expected column (null where a part lacks an
/// optional one), and for each row its part file and 1-based row in it.
pub(super) struct Frame {
    pub frame: DataFrame,
    pub parts: Vec<PathBuf>,
    /// Index into `parts` of each row.
    pub part: Vec<u32>,
    /// 1-based row of each row within its part.
    pub row: Vec<u32>,
}

/// Name of the helper column of part numbers.
const PART: &str = "__sipas_part";
/// Name of the helper column of rows within a part.
const ROW: &str = "__sipas_row";

impl Frame {
    /// Reads the parts, checks and casts the columns of `schema`, and
    /// restores the export's order when every part has `record_index`.
    pub fn read(parts: Vec<PathBuf>, schema: Schema) -> Result<Self, IngestError> {
        let mut stacked: Option<DataFrame> = None;
        let mut ordered = true;
        for (number, part) in parts.iter().enumerate() {
            let failed = |message: String| IngestError::Dataset {
                path: part.display().to_string(),
                message,
            };
            let file = std::fs::File::open(part).map_err(|source| IngestError::Read {
                path: part.display().to_string(),
                source,
            })?;
            let read = ParquetReader::new(file)
                .finish()
                .map_err(|e| failed(crate::ingest::table::one_line(e)))?;
            let height = read.height();
            let mut columns = Vec::with_capacity(schema.len() + 2);
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
                    Err(_) => {
                        if name == RECORD_INDEX {
                            ordered = false;
                        }
                        Column::full_null(name.into(), height, &kind.dtype())
                    }
                };
                if name == RECORD_INDEX && column.null_count() > 0 {
                    ordered = false;
                }
                columns.push(column);
            }
            columns.push(Column::new(PART.into(), vec![number as u32; height]));
            columns.push(Column::new(
                ROW.into(),
                (1..=height as u32).collect::<Vec<_>>(),
            ));
            let frame = DataFrame::new(height, columns)
                .map_err(|e| failed(crate::ingest::table::one_line(e)))?;
            match stacked.as_mut() {
                None => stacked = Some(frame),
                Some(all) => {
                    all.vstack_mut_owned(frame)
                        .map_err(|e| failed(crate::ingest::table::one_line(e)))?;
                }
            }
        }
        let dataset_error = |e: PolarsError| IngestError::Dataset {
            path: parts
                .first()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            message: crate::ingest::table::one_line(e),
        };
        let mut frame = stacked.unwrap_or_default();
        if ordered && parts.len() > 1 {
            frame = frame
                .sort(
                    [RECORD_INDEX],
                    SortMultipleOptions::default().with_maintain_order(true),
                )
                .map_err(dataset_error)?;
        }
        frame.rechunk_mut();
        let numbers = |name: &str| -> Result<Vec<u32>, IngestError> {
            let column = frame.column(name).map_err(dataset_error)?;
            let values = column.u32().map_err(dataset_error)?;
            Ok(values.into_no_null_iter().collect())
        };
        let part = numbers(PART)?;
        let row = numbers(ROW)?;
        Ok(Self {
            frame,
            parts,
            part,
            row,
        })
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

    /// The date column `name` as day numbers.
    pub fn dates(&self, name: &str) -> Vec<Option<i32>> {
        match self.frame.column(name).and_then(|c| c.date()) {
            Ok(values) => values.physical().iter().collect(),
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
