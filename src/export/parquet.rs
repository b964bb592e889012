//! Canonical records to hive-partitioned Parquet datasets.

use std::path::Path;

use chrono::Datelike;
use polars::prelude::*;
use polars_io::parquet::write::{ParquetCompression, ParquetWriter};

use super::manifest::{DatasetManifest, PartitionRows};
use super::{create_dir, partition_folder, ExportError};
use crate::calendar::days::date_of;
use crate::calendar::Day;
use crate::ingest::Inputs;
use crate::model::dataset::common::*;
use crate::model::dataset::{criterion_column, feedback, survey, PARTITION_KEYS, PART_FILE};
use crate::model::{AgencyId, Origin, Registry};

/// Writes the feedback records as the dataset `folder`.
pub(super) fn write_feedback(
    inputs: &Inputs,
    registry: &Registry,
    folder: &Path,
) -> Result<DatasetManifest, ExportError> {
    let records = &inputs.feedback;
    let n = records.len();
    let sources: Vec<Origin> = (0..n).map(|i| records.source_of(i)).collect();
    let mut columns = vec![Column::new(
        ID.into(),
        records.id.iter().collect::<Vec<_>>(),
    )];
    columns.push(dates(
        feedback::RECEIVED_AT,
        records.received.iter().map(|&d| Some(d)),
    ));
    columns.push(Column::new(
        feedback::CHANNEL.into(),
        records.channel.iter().map(|c| c.code()).collect::<Vec<_>>(),
    ));
    columns.extend(agency_columns(registry, &records.agency));
    columns.push(Column::new(
        feedback::CATEGORY.into(),
        records
            .category
            .iter()
            .map(|c| c.map(|c| c.code()))
            .collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        feedback::FIELD.into(),
        records
            .field
            .iter()
            .map(|f| f.as_deref())
            .collect::<Vec<_>>(),
    ));
    for (name, days) in [
        (feedback::FORWARDED_AT, &records.forwarded),
        (feedback::DUE_AT, &records.due),
        (feedback::RESOLVED_AT, &records.resolved),
        (feedback::NOTIFIED_AT, &records.notified),
        (feedback::PUBLISHED_AT, &records.published),
    ] {
        columns.push(dates(name, days.iter()));
    }
    columns.push(Column::new(
        feedback::STATUS.into(),
        records
            .status
            .iter()
            .map(|s| s.map(|s| s.code()))
            .collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        feedback::RATING_SATISFIED.into(),
        records.rating.clone(),
    ));
    columns.push(Column::new(
        feedback::RE_RAISED.into(),
        records.re_raised.clone(),
    ));
    columns.extend(provenance_columns(&inputs.sources, &sources));
    write_partitioned(columns, &records.received, folder)
}

/// Writes the survey responses as the dataset `folder`, an answer column
/// for TC1–TC4 and for each of the questionnaire's `criteria`.
pub(super) fn write_survey(
    inputs: &Inputs,
    registry: &Registry,
    criteria: &[String],
    folder: &Path,
) -> Result<DatasetManifest, ExportError> {
    let responses = &inputs.survey;
    let mut columns = vec![Column::new(
        ID.into(),
        responses.id.iter().collect::<Vec<_>>(),
    )];
    columns.push(dates(
        survey::SURVEYED_AT,
        responses.surveyed.iter().map(|&d| Some(d)),
    ));
    columns.extend(agency_columns(registry, &responses.agency));
    columns.push(Column::new(
        survey::GAVE_FEEDBACK.into(),
        responses.gave_feedback.clone(),
    ));
    columns.push(Column::new(survey::WEIGHT.into(), responses.weight.clone()));
    let codes = ["TC1", "TC2", "TC3", "TC4"].into_iter().map(str::to_string);
    let answer_columns = responses.answers.iter().chain(&responses.extra);
    for (code, answers) in codes.chain(criteria.iter().cloned()).zip(answer_columns) {
        let values: Vec<Option<i32>> = answers.iter().map(|a| a.map(i32::from)).collect();
        columns.push(Column::new(criterion_column(&code).into(), values));
    }
    let origins: Vec<Origin> = (0..responses.len())
        .map(|i| {
            responses
                .source
                .get(i)
                .copied()
                .unwrap_or(responses.origin[i])
        })
        .collect();
    columns.extend(provenance_columns(&inputs.sources, &origins));
    write_partitioned(columns, &responses.surveyed, folder)
}

/// A date column from day numbers.
fn dates(name: &str, days: impl Iterator<Item = Option<Day>>) -> Column {
    Int32Chunked::from_iter_options(name.into(), days)
        .into_date()
        .into_column()
}

/// Agency code, name and level of every record.
fn agency_columns(registry: &Registry, agencies: &[AgencyId]) -> [Column; 3] {
    let of = |id: AgencyId| registry.get(id);
    [
        Column::new(
            AGENCY_CODE.into(),
            agencies
                .iter()
                .map(|&a| of(a).map_or("", |a| a.code.as_str()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            AGENCY_NAME.into(),
            agencies
                .iter()
                .map(|&a| of(a).map_or("", |a| a.name.as_str()))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            AGENCY_LEVEL.into(),
            agencies
                .iter()
                .map(|&a| of(a).map_or("", |a| a.level.code()))
                .collect::<Vec<_>>(),
        ),
    ]
}

/// Source file and row of every record, and its position in the export.
fn provenance_columns(names: &[String], sources: &[Origin]) -> [Column; 3] {
    [
        Column::new(
            SOURCE_FILE.into(),
            sources
                .iter()
                .map(|o| names.get(o.input as usize).map_or("", String::as_str))
                .collect::<Vec<_>>(),
        ),
        Column::new(
            SOURCE_ROW.into(),
            sources.iter().map(|o| o.row as i32).collect::<Vec<_>>(),
        ),
        Column::new(
            RECORD_INDEX.into(),
            (0..sources.len() as i64).collect::<Vec<_>>(),
        ),
    ]
}

/// Writes `columns` split by the calendar year and quarter of `days`, one
/// part file per partition folder under `folder` (created even when empty).
fn write_partitioned(
    mut columns: Vec<Column>,
    days: &[Day],
    folder: &Path,
) -> Result<DatasetManifest, ExportError> {
    create_dir(folder)?;
    let failed = |path: &Path, e: PolarsError| ExportError::Parquet {
        path: path.display().to_string(),
        message: e.to_string().lines().next().unwrap_or_default().to_string(),
    };
    let (years, quarters): (Vec<i32>, Vec<i32>) = days
        .iter()
        .map(|&d| {
            let date = date_of(d);
            (date.year(), date.month0() as i32 / 3 + 1)
        })
        .unzip();
    columns.push(Column::new(PARTITION_KEYS[0].into(), years));
    columns.push(Column::new(PARTITION_KEYS[1].into(), quarters));
    let frame = DataFrame::new(days.len(), columns).map_err(|e| failed(folder, e))?;
    let mut manifest = DatasetManifest::default();
    if days.is_empty() {
        return Ok(manifest);
    }
    let mut partitions = frame
        .partition_by_stable(PARTITION_KEYS, true)
        .map_err(|e| failed(folder, e))?;
    let key = |part: &DataFrame, name: &str| -> i32 {
        part.column(name)
            .ok()
            .and_then(|c| c.i32().ok())
            .and_then(|c| c.get(0))
            .unwrap_or_default()
    };
    partitions.sort_by_key(|part| (key(part, PARTITION_KEYS[0]), key(part, PARTITION_KEYS[1])));
    for part in partitions {
        let (year, quarter) = (key(&part, PARTITION_KEYS[0]), key(&part, PARTITION_KEYS[1]));
        let mut part = part.drop_many(PARTITION_KEYS);
        let directory = partition_folder(folder, year, quarter as u32);
        create_dir(&directory)?;
        let path = directory.join(PART_FILE);
        let file =
            std::fs::File::create(&path).map_err(|source| super::write_error(&path, source))?;
        ParquetWriter::new(std::io::BufWriter::new(file))
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut part)
            .map_err(|e| failed(&path, e))?;
        manifest.rows += part.height();
        manifest.partitions.push(PartitionRows {
            year,
            quarter: quarter as u32,
            rows: part.height(),
            file: format!("year={year}/quarter={quarter}/{PART_FILE}"),
        });
    }
    Ok(manifest)
}
