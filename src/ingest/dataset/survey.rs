//! The survey dataset (`survey/`) back into canonical responses.

use super::feedback::code_cell;
use super::frame::{Kind, OUT_OF_RANGE};
use super::required;
use super::shared::{DatasetRead, SharedColumns, AGENCY_COLUMNS, PROVENANCE_COLUMNS};
use crate::ingest::batch::{Batch, FileRead};
use crate::ingest::{IngestError, RowCheck, Source};
use crate::model::parquet_schema::common::*;
use crate::model::parquet_schema::criterion_column;
use crate::model::parquet_schema::survey::*;
use crate::model::{InputKind, Origin, Reason, Registry, Response, SurveyResponses};

/// The columns read before the agency's, with their kind and whether
/// they are required.
const LEADING: [(&str, Kind, bool); 2] = [(ID, Kind::Text, true), (SURVEYED_AT, Kind::Date, true)];

/// The columns read after the agency's, before the provenance and the
/// answers.
const RESPONDENT: [(&str, Kind, bool); 2] = [
    (GAVE_FEEDBACK, Kind::Bool, false),
    (WEIGHT, Kind::Number, false),
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
    let mut schema = [
        &LEADING[..],
        &AGENCY_COLUMNS,
        &RESPONDENT,
        &PROVENANCE_COLUMNS,
    ]
    .concat();
    schema.extend(criteria.iter().map(|c| (c.as_str(), Kind::Integer, false)));
    let mut read = DatasetRead::open(source, InputKind::Survey, &schema, registry)?;
    let (agencies, source_files) = (&mut read.agencies, &mut read.source_files);
    let mut batch =
        super::gather::read_in_export_order(&read.parts, &schema, |frame, part_name| {
            let shared = SharedColumns::of(&frame);
            let mut index = Vec::with_capacity(frame.height());
            let (ids, surveyed) = (frame.text(ID), frame.dates(SURVEYED_AT));
            let (gave, weights) = (frame.bools(GAVE_FEEDBACK), frame.numbers(WEIGHT));
            let answers: Vec<Vec<Option<i32>>> =
                criteria.iter().map(|c| frame.integers(c)).collect();
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
                let agency = shared.agency(i, &mut check, agencies);
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
                let (first_read, record_index) = shared.provenance(i, row, source_files);
                responses.source.push(first_read);
                index.push(record_index);
            }
            (batch, index)
        })?;
    batch.records.widen(source.criteria.len());
    Ok(read.finish(source, batch, registry))
}
