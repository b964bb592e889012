//! What the feedback and survey datasets read alike: the agency columns,
//! the columns of where each record was first read, and the frame of a
//! dataset's reading (its parts, its account, the agencies it names and
//! the export files its records name).

use std::path::PathBuf;

use super::frame::{Frame, Kind, Schema};
use super::{dataset_account, file_read, part_files, DatasetAgencies, SourceFiles};
use crate::ingest::batch::{Batch, FileRead};
use crate::ingest::{IngestError, RowCheck, Source};
use crate::model::parquet_schema::common::{
    AGENCY_CODE, AGENCY_LEVEL, AGENCY_NAME, RECORD_INDEX, SOURCE_FILE, SOURCE_ROW,
};
use crate::model::{AgencyId, InputAccount, InputKind, Origin, Registry};

/// The agency columns of a dataset: code (required), name and level.
pub(super) const AGENCY_COLUMNS: [(&str, Kind, bool); 3] = [
    (AGENCY_CODE, Kind::Text, true),
    (AGENCY_NAME, Kind::Text, false),
    (AGENCY_LEVEL, Kind::Text, false),
];

/// Where each record was first read (export file and row) and its place
/// in the export.
pub(super) const PROVENANCE_COLUMNS: [(&str, Kind, bool); 3] = [
    (SOURCE_FILE, Kind::Text, false),
    (SOURCE_ROW, Kind::Integer, false),
    (RECORD_INDEX, Kind::Index, false),
];

/// A dataset being read as one input.
pub(super) struct DatasetRead<'r> {
    /// Its part files, in path order.
    pub parts: Vec<PathBuf>,
    account: InputAccount,
    /// The agencies its rows name.
    pub agencies: DatasetAgencies<'r>,
    /// The export files its rows name.
    pub source_files: SourceFiles,
}

impl<'r> DatasetRead<'r> {
    /// Finds the parts of the dataset at `source` and opens its account.
    pub fn open(
        source: &Source,
        kind: InputKind,
        schema: Schema,
        registry: &'r Registry,
    ) -> Result<Self, IngestError> {
        let parts = part_files(source.path)?;
        let account = dataset_account(source, kind, &parts, schema)?;
        Ok(Self {
            parts,
            account,
            agencies: DatasetAgencies::new(registry),
            source_files: SourceFiles::default(),
        })
    }

    /// The dataset read: `batch` with the agencies it named.
    pub fn finish<R>(
        self,
        source: &Source,
        mut batch: Batch<R>,
        registry: &Registry,
    ) -> FileRead<R> {
        self.agencies.into_batch(&mut batch);
        file_read(
            source,
            self.account,
            batch,
            registry,
            self.source_files.names(),
        )
    }
}

/// The agency and provenance columns of a slice.
pub(super) struct SharedColumns<'f> {
    codes: Vec<Option<&'f str>>,
    names: Vec<Option<&'f str>>,
    levels: Vec<Option<&'f str>>,
    named_files: Vec<Option<&'f str>>,
    named_rows: Vec<Option<i32>>,
    record_index: Vec<Option<i64>>,
}

impl<'f> SharedColumns<'f> {
    /// The columns of `frame`.
    pub fn of(frame: &'f Frame) -> Self {
        Self {
            codes: frame.text(AGENCY_CODE),
            names: frame.text(AGENCY_NAME),
            levels: frame.text(AGENCY_LEVEL),
            named_files: frame.text(SOURCE_FILE),
            named_rows: frame.integers(SOURCE_ROW),
            record_index: frame.indexes(RECORD_INDEX),
        }
    }

    /// The agency row `i` names; a blank code rejects the row.
    pub fn agency(
        &self,
        i: usize,
        check: &mut RowCheck,
        agencies: &mut DatasetAgencies,
    ) -> Option<AgencyId> {
        agencies.of_row(check, self.codes[i], self.names[i], self.levels[i])
    }

    /// Where row `i` (the part's row `row`) was first read, and its
    /// `record_index`.
    pub fn provenance(
        &self,
        i: usize,
        row: usize,
        source_files: &mut SourceFiles,
    ) -> (Origin, Option<i64>) {
        let first_read = source_files.origin(self.named_files[i], self.named_rows[i], row);
        (first_read, self.record_index[i])
    }
}
