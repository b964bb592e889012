//! Workbook cells (`.xlsx`, `.xls`, `.ods`): the sheet that holds the data,
//! its cells streamed into a sparse grid within the caps, merged cells
//! filled, and zip bombs refused before anything is inflated.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, DataType, Dimensions, Ods, Reader, Xls, Xlsx};

use super::header::{
    continuation_depth, detect_header, group_rows_above, header_score, join_headers,
    merged_header_depth, spread_groups,
};
use super::{
    one_line, Body, Fingerprint, Format, Grid, ReadOptions, SheetSelector, Table,
    HEADER_SEARCH_ROWS, MAX_CELLS, MAX_COLUMNS, MAX_RATIO, MAX_UNCOMPRESSED_BYTES,
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
        let file = file.to_string();
        let error = |message: String| IngestError::Workbook {
            path: file.clone(),
            message,
        };
        let read = || -> Result<Vec<(String, Grid, Vec<Dimensions>)>, IngestError> {
            Ok(match format {
                Format::Xlsx => {
                    check_zip_reader(Cursor::new(&bytes)).map_err(error)?;
                    let open = || Xlsx::new(Cursor::new(bytes.as_slice()));
                    let mut workbook = open().map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        // The merged cells are listed after the cells in the
                        // sheet's XML: a second reader looks for them on
                        // another core while the cells are read.
                        let (merges, grid) = rayon::join(
                            || {
                                open()
                                    .ok()
                                    .and_then(|mut other| {
                                        other.merge_cells_by_sheet_name(&name).ok()
                                    })
                                    .unwrap_or_default()
                            },
                            || stream_xlsx(&mut workbook, &name),
                        );
                        out.push((name, grid.map_err(&error)?, merges));
                    }
                    out
                }
                Format::Xls => {
                    let mut workbook =
                        Xls::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        let merges = workbook
                            .merge_cells_by_sheet_name(&name)
                            .unwrap_or_default();
                        let range = workbook
                            .worksheet_range(&name)
                            .map_err(|e| error(one_line(e)))?;
                        out.push((name, grid_of_range(&range), merges));
                    }
                    out
                }
                Format::Csv | Format::Ods => {
                    let mut workbook =
                        Ods::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        let range = workbook
                            .worksheet_range(&name)
                            .map_err(|e| error(one_line(e)))?;
                        out.push((name, grid_of_range(&range), Vec::new()));
                    }
                    out
                }
            })
        };
        // The workbook readers are third-party parsers of untrusted bytes; a
        // defect in one (such as an arithmetic overflow on an absurd cell
        // reference) must end as an error about this file, not a crash.
        let sheets = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|_| {
            error("its content could not be parsed (a malformed cell reference or record); re-save it from Excel or LibreOffice".to_string())
        })??;
        if let (Some(selector), true) = (&options.sheet, sheets.is_empty()) {
            let wanted = match selector {
                SheetSelector::Name(n) => format!("a sheet named '{n}'"),
                SheetSelector::Index(i) => format!("a sheet number {i}"),
            };
            return Err(error(format!("has no {wanted}")));
        }
        // The first sheet whose header is recognised; else the first non-empty sheet.
        let mut candidates: Vec<(usize, String, Grid, Vec<Dimensions>)> = Vec::new();
        for (name, grid, merges) in sheets {
            if grid.rows.is_empty() {
                continue;
            }
            let score = header_score(&grid, &options.header_keys);
            candidates.push((score, name, grid, merges));
        }
        let best = candidates.iter().position(|c| c.0 > 0).unwrap_or(0);
        if candidates.is_empty() {
            return Err(IngestError::Empty { path: file });
        }
        let (_, name, mut grid, merges) = candidates.swap_remove(best);
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
                group_rows_above(&stored, start, &merges)
            }
            _ => 0,
        };
        // Filled only now: a filled lower header row would otherwise name more
        // fields than the top one and be taken for the header.
        fill_merges(&mut grid, &merges);
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
            merged_header_depth(&merges, header_excel_row).max(continuation_depth(&following))
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
        if headers.iter().all(|h| h.is_empty()) {
            return Err(IngestError::Empty { path: file });
        }
        let first_data = grid
            .rows
            .iter()
            .position(|(r, _)| *r > last_header_row)
            .unwrap_or(grid.rows.len());
        Ok(Self {
            sheet: Some(name),
            headers,
            header_row: last_header_row,
            header_rows: depth + above,
            encoding: None,
            fingerprint: Fingerprint::Known(String::new()),
            body: Body::Sheet { grid, first_data },
        })
    }
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
            let key = crate::text::fold(wanted);
            names
                .iter()
                .filter(|n| crate::text::fold(n) == key)
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

/// Streams the cells of an `.xlsx` sheet into a sparse grid, within the caps.
/// Cells come row by row (as Excel writes them), so each row is built as its
/// cells arrive; rows out of order are put in order at the end.
fn stream_xlsx<RS: Read + Seek>(workbook: &mut Xlsx<RS>, name: &str) -> Result<Grid, String> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(one_line)?;
    let mut rows: Vec<(usize, Vec<Data>)> = Vec::new();
    let mut in_order = true;
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(one_line)? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize + 1, col as usize);
        if col >= MAX_COLUMNS || cell.get_value().is_empty() {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(format!(
                "sheet '{name}' holds more than {MAX_CELLS} cells, more than the tool reads"
            ));
        }
        let value: Data = cell.get_value().clone().into();
        match rows.last_mut() {
            Some((last, cells)) if *last == row => {
                if cells.len() <= col {
                    cells.resize(col + 1, Data::Empty);
                }
                cells[col] = value;
            }
            last => {
                in_order &= last.is_none_or(|(last, _)| *last < row);
                let mut cells = vec![Data::Empty; col + 1];
                cells[col] = value;
                rows.push((row, cells));
            }
        }
    }
    if !in_order {
        rows = merge_rows(rows);
    }
    Ok(Grid { rows })
}

/// Rows sorted by row number, the cells of rows given more than once merged
/// (a later cell wins).
fn merge_rows(mut rows: Vec<(usize, Vec<Data>)>) -> Vec<(usize, Vec<Data>)> {
    rows.sort_by_key(|(row, _)| *row);
    let mut merged: Vec<(usize, Vec<Data>)> = Vec::with_capacity(rows.len());
    for (row, cells) in rows {
        match merged.last_mut() {
            Some((last, into)) if *last == row => {
                if into.len() < cells.len() {
                    into.resize(cells.len(), Data::Empty);
                }
                for (slot, value) in into.iter_mut().zip(cells) {
                    if !value.is_empty() {
                        *slot = value;
                    }
                }
            }
            _ => merged.push((row, cells)),
        }
    }
    merged
}

/// A calamine range as a sparse grid (absolute row numbers, from column A).
fn grid_of_range(range: &calamine::Range<Data>) -> Grid {
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(offset, cells)| {
            let mut dense = vec![Data::Empty; first_col.min(MAX_COLUMNS)];
            dense.extend(
                cells
                    .iter()
                    .take(MAX_COLUMNS.saturating_sub(first_col))
                    .cloned(),
            );
            (first_row + offset + 1, dense)
        })
        .collect();
    Grid { rows }
}

/// Copies the value of each merged region's top-left cell into the whole region.
fn fill_merges(grid: &mut Grid, merges: &[Dimensions]) {
    for merge in merges {
        let (top, left) = (merge.start.0 as usize + 1, merge.start.1 as usize);
        let (bottom, right) = (
            merge.end.0 as usize + 1,
            (merge.end.1 as usize).min(MAX_COLUMNS - 1),
        );
        if bottom < top || right < left || (bottom - top + 1) * (right - left + 1) > 1_000_000 {
            continue;
        }
        let Some(value) = grid
            .rows
            .iter()
            .find(|(r, _)| *r == top)
            .and_then(|(_, cells)| cells.get(left).cloned())
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        for (row, cells) in grid.rows.iter_mut() {
            if *row < top || *row > bottom {
                continue;
            }
            if cells.len() <= right {
                cells.resize(right + 1, Data::Empty);
            }
            for cell in cells.iter_mut().take(right + 1).skip(left) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_given_out_of_order_are_sorted_and_merged() {
        let cell = |text: &str| Data::String(text.to_string());
        let rows = vec![
            (3, vec![cell("c")]),
            (1, vec![cell("a"), Data::Empty]),
            (3, vec![Data::Empty, cell("d")]),
            (2, vec![cell("b")]),
        ];
        let merged = merge_rows(rows);
        let numbers: Vec<usize> = merged.iter().map(|(row, _)| *row).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        assert_eq!(merged[2].1, vec![cell("c"), cell("d")]);
    }
}
