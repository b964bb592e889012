//! Canonical records to hive-partitioned Parquet datasets.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Datelike;
use polars::prelude::*;
use polars_io::parquet::write::{ParquetCompression, ParquetWriter};

use super::manifest::{DatasetManifest, PartitionRows};
use super::{create_dir, partition_folder, ExportError};
use crate::calendar::days::date_of;
use crate::calendar::Day;
use crate::ingest::Inputs;
use crate::model::parquet_schema::common::*;
use crate::model::parquet_schema::{criterion_column, feedback, survey, PARTITION_KEYS, PART_FILE};
use crate::model::{AgencyId, Origin, Registry};

/// Writes the feedback records as the dataset `folder`.
pub(super) fn write_feedback(
    inputs: &Inputs,
    registry: &Registry,
    folder: &Path,
) -> Result<DatasetManifest, ExportError> {
    let records = &inputs.feedback;
    write_partitioned(&records.received, folder, |rows| {
        let mut columns = vec![Column::new(
            ID.into(),
            texts(rows, |i| Some(&records.id[i])),
        )];
        columns.push(dates(
            feedback::RECEIVED_AT,
            rows.iter().map(|&i| Some(records.received[i])),
        ));
        columns.push(Column::new(
            feedback::CHANNEL.into(),
            texts(rows, |i| Some(records.channel[i].code())),
        ));
        columns.extend(agency_columns(
            registry,
            rows.iter().map(|&i| records.agency[i]),
        ));
        columns.push(Column::new(
            feedback::CATEGORY.into(),
            texts(rows, |i| {
                records.category[i].map(super::super::model::vocab::Category::code)
            }),
        ));
        columns.push(Column::new(
            feedback::FIELD.into(),
            texts(rows, |i| records.field.get(i)),
        ));
        for (name, days) in [
            (feedback::FORWARDED_AT, &records.forwarded),
            (feedback::DUE_AT, &records.due),
            (feedback::RESOLVED_AT, &records.resolved),
            (feedback::NOTIFIED_AT, &records.notified),
            (feedback::PUBLISHED_AT, &records.published),
        ] {
            columns.push(dates(name, rows.iter().map(|&i| days.get(i))));
        }
        columns.push(Column::new(
            feedback::STATUS.into(),
            texts(rows, |i| {
                records.status[i].map(super::super::model::vocab::Status::code)
            }),
        ));
        let flags = |column: &[Option<bool>]| -> Vec<Option<bool>> {
            rows.iter().map(|&i| column[i]).collect()
        };
        columns.push(Column::new(
            feedback::RATING_SATISFIED.into(),
            flags(&records.rating),
        ));
        columns.push(Column::new(
            feedback::RE_RAISED.into(),
            flags(&records.re_raised),
        ));
        columns.extend(provenance_columns(&inputs.sources, rows, |i| {
            records.source_of(i)
        }));
        columns
    })
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
    write_partitioned(&responses.surveyed, folder, |rows| {
        let mut columns = vec![Column::new(
            ID.into(),
            rows.iter().map(|&i| &responses.id[i]).collect::<Vec<_>>(),
        )];
        columns.push(dates(
            survey::SURVEYED_AT,
            rows.iter().map(|&i| Some(responses.surveyed[i])),
        ));
        columns.extend(agency_columns(
            registry,
            rows.iter().map(|&i| responses.agency[i]),
        ));
        columns.push(Column::new(
            survey::GAVE_FEEDBACK.into(),
            rows.iter()
                .map(|&i| responses.gave_feedback[i])
                .collect::<Vec<_>>(),
        ));
        columns.push(Column::new(
            survey::WEIGHT.into(),
            rows.iter()
                .map(|&i| responses.weight[i])
                .collect::<Vec<_>>(),
        ));
        let codes = ["TC1", "TC2", "TC3", "TC4"].into_iter().map(str::to_string);
        let answer_columns = responses.answers.iter().chain(&responses.extra);
        for (code, answers) in codes.chain(criteria.iter().cloned()).zip(answer_columns) {
            let values: Vec<Option<i32>> =
                rows.iter().map(|&i| answers[i].map(i32::from)).collect();
            columns.push(Column::new(criterion_column(&code).into(), values));
        }
        columns.extend(provenance_columns(&inputs.sources, rows, |i| {
            responses
                .source
                .get(i)
                .or_else(|| responses.origin.get(i))
                .unwrap_or(Origin { input: 0, row: 0 })
        }));
        columns
    })
}

/// The text of each record of `rows`.
fn texts<'a>(rows: &[usize], text: impl Fn(usize) -> Option<&'a str>) -> Vec<Option<&'a str>> {
    rows.iter().map(|&i| text(i)).collect()
}

/// A date column from day numbers.
fn dates(name: &str, days: impl Iterator<Item = Option<Day>>) -> Column {
    Int32Chunked::from_iter_options(name.into(), days)
        .into_date()
        .into_column()
}

/// Agency code, name and level of every record.
fn agency_columns(
    registry: &Registry,
    agencies: impl Iterator<Item = AgencyId> + Clone,
) -> [Column; 3] {
    let of = |id: AgencyId| registry.get(id);
    let text = |f: fn(&crate::model::Agency) -> &str| -> Vec<&str> {
        agencies.clone().map(|a| of(a).map_or("", f)).collect()
    };
    [
        Column::new(AGENCY_CODE.into(), text(|a| a.code.as_str())),
        Column::new(AGENCY_NAME.into(), text(|a| a.name.as_str())),
        Column::new(AGENCY_LEVEL.into(), text(|a| a.level.code())),
    ]
}

/// Source file and row of every record, and its position in the export.
fn provenance_columns(
    names: &[String],
    rows: &[usize],
    source_of: impl Fn(usize) -> Origin,
) -> [Column; 3] {
    let sources: Vec<Origin> = rows.iter().map(|&i| source_of(i)).collect();
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
            rows.iter().map(|&i| i as i64).collect::<Vec<_>>(),
        ),
    ]
}

/// Writes the records split by the calendar year and quarter of `days`, one
/// part file per partition folder under `folder` (created even when empty),
/// each partition's columns built by `columns` from its record positions
/// (in order) and dropped once written, so that one partition at a time is
/// held as a data frame.
fn write_partitioned<'a>(
    days: &[Day],
    folder: &Path,
    columns: impl Fn(&[usize]) -> Vec<Column> + 'a,
) -> Result<DatasetManifest, ExportError> {
    create_dir(folder)?;
    let failed = |path: &Path, e: PolarsError| ExportError::Parquet {
        path: path.display().to_string(),
        message: e.to_string().lines().next().unwrap_or_default().to_string(),
    };
    let mut partitions: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
    for (i, &day) in days.iter().enumerate() {
        let date = date_of(day);
        let key = (date.year(), date.month0() / 3 + 1);
        partitions.entry(key).or_default().push(i);
    }
    let mut manifest = DatasetManifest::default();
    for ((year, quarter), rows) in partitions {
        let mut part = DataFrame::new(rows.len(), columns(&rows)).map_err(|e| failed(folder, e))?;
        let directory = partition_folder(folder, year, quarter);
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
            quarter,
            rows: part.height(),
            file: format!(
                "{}={year}/{}={quarter}/{PART_FILE}",
                PARTITION_KEYS[0], PARTITION_KEYS[1]
            ),
        });
    }
    Ok(manifest)
}
