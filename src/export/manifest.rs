//! `export.json`: what an export holds and which files it was read from.

use serde::Serialize;

use crate::ingest::Inputs;
use crate::model::InputAccount;

/// Version of the datasets' schema ([`crate::model::parquet_schema`]).
pub const SCHEMA_VERSION: u32 = 1;

/// The contents of `export.json`.
#[derive(Debug, Clone, Serialize)]
pub struct ExportManifest {
    /// The program that wrote the export.
    pub generator: String,
    /// `parquet`.
    pub format: &'static str,
    /// Version of the datasets' schema.
    pub schema_version: u32,
    /// The PAKN dataset, `feedback/`.
    pub feedback: DatasetManifest,
    /// The survey dataset, `survey/`.
    pub survey: DatasetManifest,
    /// Codes of the questionnaire's criteria beyond TC1–TC4, each a column
    /// of `survey/` (lower-case).
    pub criteria: Vec<String>,
    /// The files read, with their row accounting (rows read = accepted +
    /// rejected + superseded): only accepted records are exported.
    pub inputs: Vec<InputAccount>,
}

/// One dataset of an export.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DatasetManifest {
    /// Records written.
    pub rows: usize,
    /// Its partitions, in order.
    pub partitions: Vec<PartitionRows>,
}

/// One partition folder of a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct PartitionRows {
    /// Calendar year of receipt or interview.
    pub year: i32,
    /// Calendar quarter, 1–4.
    pub quarter: u32,
    /// Records in it.
    pub rows: usize,
    /// Its part file, relative to the dataset's folder.
    pub file: String,
}

impl ExportManifest {
    /// The manifest of an export of `inputs`.
    pub fn new(
        inputs: &Inputs,
        feedback: DatasetManifest,
        survey: DatasetManifest,
        criteria: &[String],
    ) -> Self {
        Self {
            generator: format!("sipas {}", env!("CARGO_PKG_VERSION")),
            format: "parquet",
            schema_version: SCHEMA_VERSION,
            feedback,
            survey,
            criteria: criteria.to_vec(),
            inputs: inputs.accounts.clone(),
        }
    }
}
