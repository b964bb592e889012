//! The agency registry file: a CSV (or workbook) with code, name, level,
//! optional aliases separated by `|`, and the optional lifetime of each
//! agency: its first and last days (`valid_from`, `valid_until`, inclusive)
//! and the code of the agency that took over its work (`successor`).

use super::error::RegistryProblem;
use std::path::Path;

use super::columns::{field, FieldSpec, MatchedColumns};
use super::table::{ReadOptions, Table};
use super::IngestError;
use crate::model::agency::{Lifetime, SuccessionProblem};
use crate::model::{Agency, AgencyLevel, Registry};

const FIELDS: [FieldSpec; 7] = [
    field("code", &["Mã", "Mã cơ quan", "Mã đơn vị"], true),
    field("name", &["Tên", "Tên cơ quan", "Tên đơn vị"], true),
    field("level", &["Cấp", "Cấp hành chính"], true),
    field("aliases", &["Tên khác", "Bí danh"], false),
    field("valid_from", &["Hiệu lực từ", "Từ ngày"], false),
    field("valid_until", &["Hết hiệu lực", "Đến ngày"], false),
    field(
        "successor",
        &["Cơ quan kế thừa", "Đơn vị kế thừa", "Kế thừa"],
        false,
    ),
];

/// A day of a lifetime column: blank (open), or a date.
fn lifetime_day(
    columns: &MatchedColumns,
    row: &dyn super::table::Row,
    field: usize,
    row_number: usize,
) -> Result<Option<crate::calendar::Day>, RegistryProblem> {
    let cell = columns.cell(row, field);
    crate::ingest::dates::parse_date_with(&cell, &[]).map_err(|_| RegistryProblem::NotADate {
        row: row_number,
        column: columns.name(field).to_string(),
        value: cell.text().into_owned(),
    })
}

/// Reads the agency registry. Unlike data files, a bad registry row stops
/// the run: every later number depends on it.
pub fn read_registry(path: &Path) -> Result<Registry, IngestError> {
    let file = path.display().to_string();
    let options = ReadOptions {
        header_keys: super::columns::header_keys(&FIELDS, None),
        // Read whole: a registry is small, and its encoding is detected on all of it.
        block_bytes: Some(usize::MAX),
        ..ReadOptions::default()
    };
    let table = Table::open(path, &options)?;
    let columns = MatchedColumns::new(&table.headers, &FIELDS);
    if let Some(missing) = FIELDS
        .iter()
        .zip(&columns.index)
        .find(|(f, i)| f.required && i.is_none())
    {
        return Err(IngestError::MissingColumns {
            path: file,
            missing: vec![super::error::MissingField {
                name: missing.0.name.to_string(),
                header: missing.0.typical_header().to_string(),
            }],
            found: super::error::HeaderList::of(&table.headers),
        });
    }
    let mut agencies = Vec::new();
    // The row of each agency, for messages.
    let mut rows: Vec<usize> = Vec::new();
    let mut problem: Option<RegistryProblem> = None;
    table.for_each_row(&file, |row_number, row| {
        if problem.is_some() {
            return;
        }
        let code = columns.cell(row, 0).text().into_owned();
        let name = columns.cell(row, 1).text().into_owned();
        let level_text = columns.cell(row, 2).text().into_owned();
        let aliases: Vec<String> = columns
            .cell(row, 3)
            .text()
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        if code.is_empty() || name.is_empty() {
            problem = Some(RegistryProblem::NoCodeOrName { row: row_number });
            return;
        }
        let lifetime = match (
            lifetime_day(&columns, row, 4, row_number),
            lifetime_day(&columns, row, 5, row_number),
        ) {
            (Ok(valid_from), Ok(valid_until)) => Lifetime {
                valid_from,
                valid_until,
                successor: Some(columns.cell(row, 6).text().trim().to_string())
                    .filter(|s| !s.is_empty()),
            },
            (Err(fault), _) | (_, Err(fault)) => {
                problem = Some(fault);
                return;
            }
        };
        match AgencyLevel::parse(&level_text) {
            Some(level) => {
                rows.push(row_number);
                agencies.push(Agency {
                    code,
                    name,
                    level,
                    aliases,
                    as_named: false,
                    lifetime,
                });
            }
            None => {
                problem = Some(RegistryProblem::UnknownLevel {
                    row: row_number,
                    value: level_text,
                });
            }
        }
    })?;
    let unusable = |problem| IngestError::Registry {
        path: file.clone(),
        problem: Box::new(problem),
    };
    if let Some(problem) = problem {
        return Err(unusable(problem));
    }
    if agencies.is_empty() {
        return Err(unusable(RegistryProblem::NoAgency));
    }
    let row = |k: usize| rows.get(k).copied().unwrap_or_default();
    let registry = Registry::new(agencies).map_err(|shared| {
        unusable(RegistryProblem::SharedKey {
            first: row(shared.first),
            second: row(shared.second),
            key: shared.key,
        })
    })?;
    registry
        .check_successions()
        .map_err(|problem| unusable(succession_problem(&registry, &problem, row)))?;
    Ok(registry)
}

/// The rows and codes of a succession that cannot be followed.
fn succession_problem(
    registry: &Registry,
    problem: &SuccessionProblem,
    row: impl Fn(usize) -> usize,
) -> RegistryProblem {
    let agencies = registry.agencies();
    let code = |k: usize| agencies.get(k).map(|a| a.code.clone()).unwrap_or_default();
    let day = |d: Option<crate::calendar::Day>| {
        d.map(crate::calendar::days::format_vn).unwrap_or_default()
    };
    match problem {
        SuccessionProblem::UnknownSuccessor { agency } => RegistryProblem::UnknownSuccessor {
            row: row(*agency),
            code: code(*agency),
            successor: agencies[*agency]
                .lifetime
                .successor
                .clone()
                .unwrap_or_default(),
        },
        SuccessionProblem::Cycle { agencies: cycle } => {
            let mut codes: Vec<String> = cycle.iter().map(|&k| code(k)).collect();
            codes.push(code(cycle[0]));
            RegistryProblem::SuccessionCycle {
                rows: cycle.iter().map(|&k| row(k)).collect(),
                codes,
            }
        }
        SuccessionProblem::Gap { agency, successor } => RegistryProblem::SuccessionGap {
            row: row(*agency),
            code: code(*agency),
            until: day(agencies[*agency].lifetime.valid_until),
            successor_row: row(*successor),
            successor: code(*successor),
            from: day(agencies[*successor].lifetime.valid_from),
        },
        SuccessionProblem::Dates { agency } => RegistryProblem::SuccessionDates {
            row: row(*agency),
            code: code(*agency),
        },
    }
}
