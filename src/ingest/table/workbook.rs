//! Workbooks (`.xlsx`, `.xls`, `.ods`) opened: the sheet that holds the
//! data chosen, its header block found, merged cells filled, and zip bombs
//! refused before anything is inflated.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, Dimensions, Ods, Reader, Xls, Xlsx};

use super::grid::{fill_merges, grid_of_range, merge_rows, xlsx_grid};
use super::header::{
    continuation_depth, detect_header, group_rows_above, header_score, join_headers,
    merged_header_depth, spread_groups,
};
use super::xlsx_parts::{merged_cells, sheet_parts};
use super::xlsx_stream::{RowStream, SharedBytes, Workbook, XlsxSheet};
use super::{
    one_line, sha256_hex, workbook_error, Body, Fingerprint, Format, Grid, ReadOptions,
    SheetSelector, Table, HEADER_SEARCH_ROWS, MAX_RATIO, MAX_UNCOMPRESSED_BYTES, NOT_PARSED,
    RATIO_CHECK_BYTES,
};
use crate::ingest::IngestError;

impl Table {
    pub(super) fn open_workbook(
        file: &str,
        format: Format,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, IngestError> {
        // The workbook readers are third-party parsers of untrusted bytes; a
        // defect in one (such as an arithmetic overflow on an absurd cell
        // reference) must end as an error about this file, not a crash.
        let read = || match format {
            Format::Xlsx => Self::open_xlsx(file, bytes, options),
            _ => Self::open_sheet_grid(file, format, bytes, options),
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
            .map_err(|_| workbook_error(file, NOT_PARSED.to_string()))?
    }

    /// An `.xlsx` workbook: the sheet that holds the data chosen from the
    /// first rows of each, its header found in its first rows while the rest
    /// are read on another core (see [`RowStream`]).
    fn open_xlsx(file: &str, bytes: Vec<u8>, options: &ReadOptions) -> Result<Self, IngestError> {
        let error = |message: String| workbook_error(file, message);
        check_zip_reader(Cursor::new(&bytes)).map_err(error)?;
        let bytes = SharedBytes(std::sync::Arc::new(bytes));
        let (workbook, (parts, sha256)) = rayon::join(
            || Xlsx::new(Cursor::new(bytes.clone())),
            || (sheet_parts(&bytes.0), sha256_hex(&bytes.0)),
        );
        let mut workbook: Workbook = workbook.map_err(|e| error(one_line(e)))?;
        let sheet_names = workbook.sheet_names();
        let names = chosen_sheets(&sheet_names, options.sheet.as_ref());
        no_such_sheet(file, options, names.is_empty())?;
        // The first sheet whose header is recognised; else the first non-empty sheet.
        let name = if names.len() == 1 {
            names[0].clone()
        } else {
            let mut first_filled = None;
            let mut recognised = None;
            for name in &names {
                let rows = xlsx_grid(&mut workbook, name, HEADER_SEARCH_ROWS)
                    .map_err(error)?
                    .rows;
                if rows.is_empty() {
                    continue;
                }
                first_filled.get_or_insert(name);
                if header_score(&Grid { rows }, &options.header_keys) > 0 {
                    recognised = Some(name);
                    break;
                }
            }
            match recognised.or(first_filled) {
                Some(name) => name.clone(),
                None => {
                    return Err(IngestError::Empty {
                        path: file.to_string(),
                    })
                }
            }
        };
        let mut stream = RowStream::start(workbook, name.clone());
        // Looked for while the cells are read; calamine is asked when the
        // package's own parts do not tell for certain.
        let merges = parts
            .filter(|parts| parts.len() == sheet_names.len())
            .and_then(|parts| {
                let index = sheet_names.iter().position(|n| *n == name)?;
                merged_cells(&bytes.0, &parts[index])
            })
            .unwrap_or_else(|| {
                Xlsx::new(Cursor::new(bytes.clone()))
                    .ok()
                    .and_then(|mut other: Workbook| other.merge_cells_by_sheet_name(&name).ok())
                    .unwrap_or_default()
            });
        // The header block, from as many first rows as it needs.
        let mut through = options
            .header_row
            .map_or(0, |row| row + options.header_rows.unwrap_or(1) + 2);
        let (layout, header_through) = loop {
            stream
                .receive_until(HEADER_SEARCH_ROWS + 3, through)
                .map_err(error)?;
            let mut head = if stream.out_of_order() {
                // Rows out of order: the header is looked for in the sorted sheet.
                let mut sorted: Workbook =
                    Xlsx::new(Cursor::new(bytes.clone())).map_err(|e| error(one_line(e)))?;
                xlsx_grid(&mut sorted, &name, usize::MAX).map_err(error)?
            } else {
                let mut head = stream.received_grid();
                head.rows = merge_rows(head.rows);
                head
            };
            let last_held = head.rows.last().map_or(0, |(row, _)| *row);
            let searched = head
                .rows
                .get(head.rows.len().min(HEADER_SEARCH_ROWS).saturating_sub(1))
                .map_or(0, |(row, _)| *row);
            match layout(&mut head, &merges, options, file) {
                Ok(layout) if layout.needs_through <= last_held || stream.ended() => {
                    // Found from the sorted sheet when rows came out of order already.
                    let through = if stream.out_of_order() {
                        0
                    } else {
                        layout.needs_through.max(searched)
                    };
                    break (layout, through);
                }
                Ok(layout) => through = layout.needs_through,
                // A header block deeper than the rows held: more rows are read.
                Err(_) if !stream.ended() => {
                    through = last_held + options.header_rows.unwrap_or(1).max(3);
                }
                Err(error) => return Err(error),
            }
        };
        Ok(Self {
            sheet: Some(name.clone()),
            headers: layout.headers,
            header_row: layout.last_header_row,
            header_rows: layout.header_rows,
            encoding: None,
            fingerprint: Fingerprint::Known(sha256),
            body: Body::XlsxSheet(Box::new(XlsxSheet::new(
                stream,
                bytes,
                name,
                merges,
                (layout.last_header_row, header_through),
            ))),
        })
    }

    /// An `.xls` or `.ods` workbook, its sheets read whole as grids.
    fn open_sheet_grid(
        file: &str,
        format: Format,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, IngestError> {
        let error = |message: String| workbook_error(file, message);
        let sheets = if format == Format::Xls {
            let mut workbook = Xls::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
            read_grids(&mut workbook, file, options, |workbook, name| {
                workbook.merge_cells_by_sheet_name(name).unwrap_or_default()
            })?
        } else {
            let mut workbook = Ods::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
            read_grids(&mut workbook, file, options, |_, _| Vec::new())?
        };
        // The first sheet whose header is recognised; else the first non-empty sheet.
        let mut candidates: Vec<(usize, String, Grid, Vec<Dimensions>)> = sheets
            .into_iter()
            .filter(|(_, grid, _)| !grid.rows.is_empty())
            .map(|(name, grid, merges)| {
                (
                    header_score(&grid, &options.header_keys),
                    name,
                    grid,
                    merges,
                )
            })
            .collect();
        if candidates.is_empty() {
            return Err(IngestError::Empty {
                path: file.to_string(),
            });
        }
        let best = candidates.iter().position(|c| c.0 > 0).unwrap_or(0);
        let (_, name, mut grid, merges) = candidates.swap_remove(best);
        let layout = layout(&mut grid, &merges, options, file)?;
        Ok(Self {
            sheet: Some(name),
            headers: layout.headers,
            header_row: layout.last_header_row,
            header_rows: layout.header_rows,
            encoding: None,
            fingerprint: Fingerprint::Known(String::new()),
            body: Body::Sheet {
                grid,
                first_data: layout.first_data,
            },
        })
    }
}

/// The error of a sheet asked for that the workbook does not have.
fn no_such_sheet(file: &str, options: &ReadOptions, none: bool) -> Result<(), IngestError> {
    match (&options.sheet, none) {
        (Some(selector), true) => {
            let wanted = match selector {
                SheetSelector::Name(n) => format!("a sheet named '{n}'"),
                SheetSelector::Index(i) => format!("a sheet number {i}"),
            };
            Err(workbook_error(file, format!("has no {wanted}")))
        }
        _ => Ok(()),
    }
}

/// Where a sheet's header block is and what it names.
struct Layout {
    headers: Vec<String>,
    /// Row number (as Excel shows it) of the last header row.
    last_header_row: usize,
    /// Rows of the header block, group rows included.
    header_rows: usize,
    /// Index in the grid of the first data row.
    first_data: usize,
    /// The last row number the header block was found from: the grid must
    /// hold the sheet's rows up to this one.
    needs_through: usize,
}

/// Finds the header block of a sheet's grid (its first rows at least) and
/// fills the grid's merged cells.
fn layout(
    grid: &mut Grid,
    merges: &[Dimensions],
    options: &ReadOptions,
    file: &str,
) -> Result<Layout, IngestError> {
    let first_rows: Vec<Vec<Data>> = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|(_, cells)| cells.clone())
        .collect();
    let start = match options.header_row {
        Some(row) => grid
            .rows
            .iter()
            .position(|(r, _)| *r >= row)
            .unwrap_or(grid.rows.len()),
        None => detect_header(&first_rows, &options.header_keys),
    };
    // Group rows above the header row belong to its block, unless the
    // profile says where the header is.
    let above = match (options.header_row, options.header_rows) {
        (None, None) => {
            let stored: Vec<(usize, &[Data])> = grid
                .rows
                .iter()
                .take(HEADER_SEARCH_ROWS)
                .map(|(r, cells)| (*r, cells.as_slice()))
                .collect();
            group_rows_above(&stored, start, merges)
        }
        _ => 0,
    };
    // Filled only now: a filled lower header row would otherwise name more
    // fields than the top one and be taken for the header.
    fill_merges(grid, merges);
    let header_excel_row = grid.rows.get(start).map(|(r, _)| *r).unwrap_or(1);
    let following: Vec<&Vec<Data>> = (0..3)
        .map_while(|offset| {
            grid.rows
                .iter()
                .find(|(r, _)| *r == header_excel_row + offset)
                .map(|(_, cells)| cells)
        })
        .collect();
    let depth = options.header_rows.unwrap_or_else(|| {
        merged_header_depth(merges, header_excel_row).max(continuation_depth(&following))
    });
    let last_header_row = header_excel_row + depth - 1;
    let mut header_cells: Vec<Vec<Data>> = grid
        .rows
        .iter()
        .filter(|(r, _)| *r >= header_excel_row - above && *r <= last_header_row)
        .map(|(_, cells)| cells.clone())
        .collect();
    // A group row without merges of its own has its labels spread.
    let top_row = header_excel_row - above;
    spread_groups(&mut header_cells, above, |index| {
        !merges
            .iter()
            .any(|m| m.start.0 as usize + 1 == top_row + index)
    });
    let headers = join_headers(&header_cells);
    if headers.iter().all(std::string::String::is_empty) {
        return Err(IngestError::Empty {
            path: file.to_string(),
        });
    }
    let first_data = grid
        .rows
        .iter()
        .position(|(r, _)| *r > last_header_row)
        .unwrap_or(grid.rows.len());
    Ok(Layout {
        headers,
        last_header_row,
        header_rows: depth + above,
        first_data,
        needs_through: last_header_row.max(header_excel_row + 2),
    })
}

/// The chosen sheets of an `.xls` or `.ods` workbook, each read whole as a
/// grid, with its merged cells (`merges`).
fn read_grids<RS: Read + Seek, W: Reader<RS, Error: std::fmt::Display>>(
    workbook: &mut W,
    file: &str,
    options: &ReadOptions,
    merges: impl Fn(&mut W, &str) -> Vec<Dimensions>,
) -> Result<Vec<(String, Grid, Vec<Dimensions>)>, IngestError> {
    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
    no_such_sheet(file, options, names.is_empty())?;
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let merged = merges(workbook, &name);
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| workbook_error(file, one_line(e)))?;
        sheets.push((name, grid_of_range(&range), merged));
    }
    Ok(sheets)
}

/// Sheets to consider, in workbook order.
fn chosen_sheets(names: &[String], selector: Option<&SheetSelector>) -> Vec<String> {
    match selector {
        None => names.to_vec(),
        Some(SheetSelector::Index(i)) => names
            .get(i.saturating_sub(1))
            .cloned()
            .into_iter()
            .collect(),
        Some(SheetSelector::Name(wanted)) => {
            let key = crate::text_match::fold(wanted);
            names
                .iter()
                .filter(|n| crate::text_match::fold(n) == key)
                .take(1)
                .cloned()
                .collect()
        }
    }
}

/// Refuses workbooks that declare absurd sizes (zip bombs) before any part is inflated.
fn check_zip_reader(reader: impl Read + Seek) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| {
        format!(
            "it is not a zip archive, as .xlsx files are ({})",
            one_line(e)
        )
    })?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(one_line)?;
        let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_CHECK_BYTES && size / compressed > MAX_RATIO {
            return Err(format!(
                "part '{}' inflates {}-fold to {} MB, which looks like a zip bomb; it was not read",
                entry.name().map(|n| n.to_string()).unwrap_or_default(),
                size / compressed,
                size >> 20
            ));
        }
    }
    if total > MAX_UNCOMPRESSED_BYTES {
        return Err(format!(
            "declares {} GB of content, more than the 4 GB the tool reads",
            total >> 30
        ));
    }
    Ok(())
}
