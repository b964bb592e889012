//! The agency registry file: a CSV (or workbook) with code, name, level and
//! optional aliases separated by `|`.

use std::path::Path;

use super::columns::{FieldSpec, MatchedColumns};
use super::table::{ReadOptions, Table};
use super::IngestError;
use crate::model::{Agency, AgencyLevel, Registry};

const FIELDS: [FieldSpec; 4] = [
    FieldSpec {
        name: std::borrow::Cow::Borrowed("code"),
        headers: &["Mã", "Mã cơ quan", "Mã đơn vị"],
        required: true,
    },
    FieldSpec {
        name: std::borrow::Cow::Borrowed("name"),
        headers: &["Tên", "Tên cơ quan", "Tên đơn vị"],
        required: true,
    },
    FieldSpec {
        name: std::borrow::Cow::Borrowed("level"),
        headers: &["Cấp", "Cấp hành chính"],
        required: true,
    },
    FieldSpec {
        name: std::borrow::Cow::Borrowed("aliases"),
        headers: &["Tên khác", "Bí danh"],
        required: false,
    },
];

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
            missing: missing.0.name.to_string(),
            found: super::columns::header_list(&table.headers),
        });
    }
    let mut agencies = Vec::new();
    // The row of each agency, for messages.
    let mut rows: Vec<usize> = Vec::new();
    let mut problem: Option<String> = None;
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
            problem = Some(format!("row {row_number} needs both a code and a name"));
            return;
        }
        match AgencyLevel::parse(&level_text) {
            Some(level) => {
                rows.push(row_number);
                agencies.push(Agency {
                    code,
                    name,
                    level,
                    aliases,
                    as_named: false,
                })
            }
            None => {
                problem = Some(format!(
                "row {row_number}: level '{level_text}' is not so_nganh, quan_huyen or xa_phuong"
            ))
            }
        }
    })?;
    if let Some(message) = problem {
        return Err(IngestError::Registry {
            path: file,
            message,
        });
    }
    if agencies.is_empty() {
        return Err(IngestError::Registry {
            path: file,
            message: "the registry lists no agency".to_string(),
        });
    }
    Registry::new(agencies).map_err(|shared| {
        let row = |k: usize| rows.get(k).copied().unwrap_or_default();
        IngestError::Registry {
            path: file,
            message: format!(
                "rows {} and {} both use '{}' as a code, name or alias; give each agency its own",
                row(shared.first),
                row(shared.second),
                shared.key
            ),
        }
    })
}
