//! Sheets held whole as sparse grids: `.xls` and `.ods` sheets, the first
//! rows of an `.xlsx` sheet, and an `.xlsx` sheet whose rows are not in order.

use std::io::{Read, Seek};

use calamine::{Data, DataRef, DataType, Dimensions, Xlsx};

use super::{one_line, Grid, MAX_CELLS, MAX_COLUMNS};

/// Calls `visit` with the 1-based row, the column and the value of every
/// non-empty cell of an `.xlsx` sheet, in the order of the sheet's XML,
/// within the caps, until it returns false.
pub(super) fn for_each_cell<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    mut visit: impl FnMut(usize, usize, &DataRef<'_>) -> bool,
) -> Result<(), String> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(one_line)?;
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
        if !visit(row, col, cell.get_value()) {
            break;
        }
    }
    Ok(())
}

/// Puts `value` in column `col` of a row's cells.
pub(super) fn put(cells: &mut Vec<Data>, col: usize, value: Data) {
    if cells.len() <= col {
        cells.resize(col + 1, Data::Empty);
    }
    cells[col] = value;
}

/// The first `max_rows` rows with cells of an `.xlsx` sheet (all with
/// `usize::MAX`) as a sparse grid: rows out of order are put in order and
/// rows given more than once merged.
pub(super) fn xlsx_grid<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    max_rows: usize,
) -> Result<Grid, String> {
    let mut rows: Vec<(usize, Vec<Data>)> = Vec::new();
    let mut in_order = true;
    for_each_cell(workbook, name, |row, col, value| {
        let value: Data = value.clone().into();
        match rows.last_mut() {
            Some((last, cells)) if *last == row => put(cells, col, value),
            last => {
                in_order &= last.is_none_or(|(last, _)| *last < row);
                if rows.len() == max_rows {
                    return false;
                }
                let mut cells = Vec::new();
                put(&mut cells, col, value);
                rows.push((row, cells));
            }
        }
        true
    })?;
    if !in_order {
        rows = merge_rows(rows);
    }
    Ok(Grid { rows })
}

/// Rows sorted by row number, the cells of rows given more than once merged
/// (a later cell wins).
pub(super) fn merge_rows(mut rows: Vec<(usize, Vec<Data>)>) -> Vec<(usize, Vec<Data>)> {
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
pub(super) fn grid_of_range(range: &calamine::Range<Data>) -> Grid {
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
pub(super) fn fill_merges(grid: &mut Grid, merges: &[Dimensions]) {
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
        for (row, cells) in &mut grid.rows {
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
