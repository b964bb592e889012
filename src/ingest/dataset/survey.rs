//! The survey dataset (`survey/`) back into canonical responses.

use super::feedback::code_cell;
use super::frame::{Kind, OUT_OF_RANGE};
use super::{dataset_account, part_files, required, DatasetAgencies, SourceFiles};
use crate::ingest::batch::{Batch, FileRead};
use crate::ingest::{IngestError, RowCheck, Source};
use crate::model::parquet_schema::common::*;
use crate::model::parquet_schema::criterion_column;
use crate::model::parquet_schema::survey::*;
use crate::model::{InputKind, Origin, Reason, Registry, Response, SurveyResponses};

/// The columns read besides the answers, with their kind and whether they
/// are required.
const FIXED: [(&str, Kind, bool); 10] = [
    (ID, Kind::Text, true),
    (SURVEYED_AT, Kind::Date, true),
    (AGENCY_CODE, Kind::Text, true),
    (AGENCY_NAME, Kind::Text, false),
    (AGENCY_LEVEL, Kind::Text, false),
    (GAVE_FEEDBACK, Kind::Bool, false),
    (WEIGHT, Kind::Number, false),
    (SOURCE_FILE, Kind::Text, false),
    (SOURCE_ROW, Kind::Integer, false),
    (RECORD_INDEX, Kind::Index, false),
];

/// Reads a survey dataset (a Parquet file or a folder of partitions) as one
/// input; the answers are read for TC1–TC4 and the questionnaire's criteria.
pub(in crate::ingest) fn read(
    source: &Source,
    registry: &Registry,
) -> Result<FileRead<SurveyResponses>, IngestError> {
    let criteria: Vec<String> = ["TC1", "TC2", "TC3", "TC4"]
        .iter()
        .map(std::string::ToString::to_string)
        .chain(source.criteria.iter().cloned())
        .map(|code| criterion_column(&code))
        .collect();
    let mut schema: Vec<(&str, Kind, bool)> = FIXED.to_vec();
    schema.extend(criteria.iter().map(|c| (c.as_str(), Kind::Integer, false)));
    let parts = part_files(source.path)?;
    let account = dataset_account(source, InputKind::Survey, &parts, &schema)?;
    let mut agencies = DatasetAgencies::new(registry);
    let mut source_files = SourceFiles::default();
    let mut batch = super::gather::read_in_export_order(&parts, &schema, |frame, part_name| {
        let record_index = frame.indexes(RECORD_INDEX);
        let mut index = Vec::with_capacity(frame.height());
        let (ids, surveyed) = (frame.text(ID), frame.dates(SURVEYED_AT));
        let (codes, names, levels) = (
            frame.text(AGENCY_CODE),
            frame.text(AGENCY_NAME),
            frame.text(AGENCY_LEVEL),
        );
        let (gave, weights) = (frame.bools(GAVE_FEEDBACK), frame.numbers(WEIGHT));
        let (named_files, named_rows) = (frame.text(SOURCE_FILE), frame.integers(SOURCE_ROW));
        let answers: Vec<Vec<Option<i32>>> = criteria.iter().map(|c| frame.integers(c)).collect();
        let mut batch: Batch<SurveyResponses> = Batch::default();
        batch.records.widen(source.criteria.len());
        batch.records.reserve(frame.height());
        for i in 0..frame.height() {
            batch.rows += 1;
            let row = frame.row(i);
            let mut check = RowCheck::new(&part_name, None, row);
            if surveyed[i] == Some(OUT_OF_RANGE) {
                check.reject(SURVEYED_AT, "", Reason::DateOutOfRange);
            }
            let id = required(&mut check, ID, ID, ids[i]).unwrap_or_default();
            required(&mut check, SURVEYED_AT, SURVEYED_AT, surveyed[i].as_ref());
            let agency = agencies.of_row(&mut check, codes[i], names[i], levels[i]);
            let weight = weights[i].unwrap_or(1.0);
            if !(weight.is_finite() && weight > 0.0) {
                check.reject(WEIGHT, &weight.to_string(), Reason::InvalidWeight);
            }
            let mut row_answers = Vec::with_capacity(answers.len());
            for (column, values) in criteria.iter().zip(&answers) {
                let value = values[i].map(|a| a.to_string());
                let answer = code_cell(
                    &mut check,
                    column,
                    value.as_deref(),
                    |text| text.parse::<u8>().ok().filter(|a| (1..=5).contains(a)),
                    Reason::InvalidAnswer,
                );
                row_answers.push(answer);
            }
            for finding in check.findings.drain(..) {
                batch.findings.push(finding);
            }
            let (Some(surveyed), Some(agency), false) = (surveyed[i], agency, check.rejected)
            else {
                batch.rejected += 1;
                continue;
            };
            batch.records.push(&Response {
                id,
                surveyed,
                agency,
                gave_feedback: gave[i],
                weight,
                answers: &row_answers,
                origin: Origin {
                    input: source.input,
                    row: row as u32,
                },
            });
            let responses = &mut batch.records;
            let first_read = source_files.origin(named_files[i], named_rows[i], row);
            responses.source.push(first_read);
            index.push(record_index[i]);
        }
        (batch, index)
    })?;
    batch.records.widen(source.criteria.len());
    agencies.into_batch(&mut batch);
    Ok(super::file_read(
        source,
        account,
        batch,
        registry,
        source_files.names(),
    ))
}
