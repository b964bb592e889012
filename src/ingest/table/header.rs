//! The header block: the row naming the most known headers, the rows of a
//! multi-row header below it (from merged cells, or text-only continuation
//! rows where a format keeps no merges), the group rows above it, and the
//! names joined top to bottom (`Thông tin tiếp nhận / Ngày`).

use std::borrow::Cow;

use calamine::{Data, DataType, Dimensions};

use super::{Cell, Grid, Row, SheetRow, HEADER_SEARCH_ROWS};

/// Header depth implied by merged cells that start on the header row and
/// reach down (a cell such as "Mã PAKN" merged over three header rows).
pub(super) fn merged_header_depth(merges: &[Dimensions], header_row: usize) -> usize {
    merges
        .iter()
        .filter(|m| m.start.0 as usize + 1 == header_row)
        .map(|m| (m.end.0 - m.start.0) as usize + 1)
        .max()
        .unwrap_or(1)
        .clamp(1, 3)
}

/// Header depth implied by the rows below the header when no merge
/// information is at hand (`.ods`, CSV): a following row continues the header
/// when it holds only text, none of it a date or a number, and names a column
/// the header row leaves empty (the lower half of a merged group title).
pub(super) fn continuation_depth(rows: &[&Vec<Data>]) -> usize {
    let Some(header) = rows.first() else { return 1 };
    let mut depth = 1;
    for row in rows.iter().skip(1).take(2) {
        let cells = SheetRow(row);
        let texts: Vec<(usize, Cow<'_, str>)> = (0..row.len())
            .map(|c| (c, cells.cell(c).text()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let all_text = row
            .iter()
            .all(|d| matches!(d, Data::Empty | Data::String(_)));
        let no_values = texts.iter().all(|(_, t)| {
            crate::ingest::dates::parse_date_cell(&Cell::Text(t)).is_err()
                && crate::ingest::numbers::parse_number(t).is_none()
        });
        let fills_gap = texts
            .iter()
            .any(|(c, _)| SheetRow(header).cell(*c).is_blank());
        if texts.is_empty() || !all_text || !no_values || !fills_gap {
            break;
        }
        depth += 1;
    }
    depth
}

/// Joins the header rows column by column: distinct non-empty parts, top
/// first, separated by " / ".
pub(super) fn join_headers(rows: &[Vec<Data>]) -> Vec<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|col| {
            let mut parts: Vec<String> = Vec::new();
            for row in rows {
                let text = SheetRow(row).cell(col).text().trim().to_string();
                if !text.is_empty() && parts.last() != Some(&text) && !parts.contains(&text) {
                    parts.push(text);
                }
            }
            let joined = parts.join(" / ");
            // No header is longer than this: a longer text is data, or a
            // file that is not a table, and is shown cut.
            match joined.char_indices().nth(MAX_HEADER_CHARS) {
                Some((at, _)) => format!("{}…", &joined[..at]),
                None => joined,
            }
        })
        .collect()
}

/// Characters of a header kept.
pub const MAX_HEADER_CHARS: usize = 500;

/// How many cells of a row name known headers.
pub(super) fn matches_in_row(cells: &[Data], keys: &[String]) -> usize {
    let row = SheetRow(cells);
    (0..cells.len())
        .filter(|&c| {
            let text = row.cell(c).text();
            !text.is_empty() && {
                let folded = crate::text_match::fold(&text);
                keys.iter()
                    .any(|k| *k == folded || folded.ends_with(&format!(" {k}")))
            }
        })
        .count()
}

pub(super) fn header_score(grid: &Grid, keys: &[String]) -> usize {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|(_, cells)| matches_in_row(cells, keys))
        .max()
        .unwrap_or(0)
}

/// The index (among `rows`) of the header row: the row naming the most known
/// headers; without any, the first row with at least two non-empty cells (a
/// title block has one long cell per row), else the first row.
pub(super) fn detect_header(rows: &[Vec<Data>], keys: &[String]) -> usize {
    let best = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (matches_in_row(r, keys), i))
        .filter(|(score, _)| *score > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, index)) => index,
        None => rows
            .iter()
            .position(|r| {
                let mut values: Vec<String> = r
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(std::string::ToString::to_string)
                    .collect();
                values.dedup();
                values.len() >= 2
            })
            .or_else(|| rows.iter().position(|r| r.iter().any(|c| !c.is_empty())))
            .unwrap_or(0),
    }
}

/// Most group rows taken above the header row.
const MAX_GROUP_ROWS: usize = 2;

/// How many rows directly above the header row (`rows[header]`) are group
/// rows of the header block: rows whose labels stand over several columns
/// of the rows below ("Thông tin tiếp nhận" over "Ngày | Kênh | Đơn vị xử
/// lý"). `rows` holds each row's Excel number and cells; `merges` (0-based,
/// as calamine gives them) decide where the format keeps them: a row is a
/// group row when a merge on it spans several columns without covering
/// all of the header's, or when a merge starting on it reaches down into
/// the header. Without merges, a row counts when it holds only text (no
/// dates or numbers), lies within the header's width and is not a lone
/// title in the first column.
pub(super) fn group_rows_above(
    rows: &[(usize, &[Data])],
    header: usize,
    merges: &[Dimensions],
) -> usize {
    let Some(&(header_row, header_cells)) = rows.get(header) else {
        return 0;
    };
    let width = header_cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |c| c + 1);
    let mut above = 0;
    while above < MAX_GROUP_ROWS && header > above {
        let (row, cells) = rows[header - above - 1];
        if row + above + 1 != header_row {
            break;
        }
        let merged = merges.iter().any(|m| {
            let (top, bottom) = (m.start.0 as usize + 1, m.end.0 as usize + 1);
            let (left, right) = (m.start.1 as usize, m.end.1 as usize);
            top == row
                && ((bottom == row && right > left && !(left == 0 && right + 1 >= width))
                    || bottom >= header_row)
        });
        if !(merged || is_text_group_row(cells, width)) {
            break;
        }
        above += 1;
    }
    above
}

/// Whether a row of a format without merge information reads as a group
/// row over a header `width` columns wide.
fn is_text_group_row(cells: &[Data], width: usize) -> bool {
    let row = SheetRow(cells);
    let filled: Vec<(usize, Cow<'_, str>)> = (0..cells.len())
        .map(|c| (c, row.cell(c).text()))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect();
    let only_text = cells
        .iter()
        .all(|d| matches!(d, Data::Empty | Data::String(_)))
        && filled.iter().all(|(_, t)| {
            crate::ingest::dates::parse_date_cell(&Cell::Text(t)).is_err()
                && crate::ingest::numbers::parse_number(t).is_none()
        });
    let lone_title = filled.len() == 1 && filled[0].0 == 0;
    only_text && !filled.is_empty() && !lone_title && filled.iter().all(|(c, _)| *c < width.max(1))
}

/// A group row's labels spread over the columns they stand above: each label
/// whose own column has a header below fills the empty cells to its right
/// (up to the next label) whose column has one too; `below` says, per
/// column, whether a row below it in the block names it. For formats that
/// keep no merges; merged cells are filled from the merges.
pub(super) fn spread_group_labels(group: &[Data], below: &[bool]) -> Vec<Data> {
    let mut spread = group.to_vec();
    spread.resize(below.len().max(group.len()), Data::Empty);
    let has_header = |c: usize| below.get(c).copied().unwrap_or(false);
    let mut label: Option<Data> = None;
    for (c, cell) in spread.iter_mut().enumerate() {
        if !cell.is_empty() {
            label = has_header(c).then(|| cell.clone());
        } else if let Some(value) = &label {
            if has_header(c) {
                *cell = value.clone();
            } else {
                label = None;
            }
        }
    }
    spread
}

/// Spreads the labels of the first `above` rows of a header block (its
/// group rows) over the columns that the rows below them name, for the
/// group rows (by index in the block) that `unmerged` says keep no merges.
pub(super) fn spread_groups(
    block: &mut [Vec<Data>],
    above: usize,
    unmerged: impl Fn(usize) -> bool,
) {
    for top in (0..above.min(block.len()))
        .rev()
        .filter(|&top| unmerged(top))
    {
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let below: Vec<bool> = (0..width)
            .map(|c| {
                block[top + 1..]
                    .iter()
                    .any(|row| row.get(c).is_some_and(|d| !d.is_empty()))
            })
            .collect();
        block[top] = spread_group_labels(&block[top], &below);
    }
}

#[cfg(test)]
mod tests {
    use super::super::text_data;
    use super::*;

    #[test]
    fn headers_join_merged_rows() {
        let row = |cells: &[&str]| -> Vec<Data> { cells.iter().map(|c| text_data(c)).collect() };
        let joined = join_headers(&[
            row(&["Mã PAKN", "Đã xử lý", "Đã xử lý"]),
            row(&["Mã PAKN", "Tổng số", "Đúng hạn"]),
        ]);
        assert_eq!(
            joined,
            vec!["Mã PAKN", "Đã xử lý / Tổng số", "Đã xử lý / Đúng hạn"]
        );
    }

    fn row(cells: &[&str]) -> Vec<Data> {
        cells.iter().map(|c| text_data(c)).collect()
    }

    #[test]
    fn a_group_row_above_the_header_joins_the_block() {
        // "Thông tin tiếp nhận" over Ngày | Kênh | Đơn vị xử lý (no merges, as in CSV).
        let group = row(&["Mã PAKN", "Thông tin tiếp nhận", "", "", "Kết quả"]);
        let header = row(&["", "Ngày", "Kênh", "Đơn vị xử lý", "Trạng thái"]);
        let rows = [(1, group.as_slice()), (2, header.as_slice())];
        assert_eq!(group_rows_above(&rows, 1, &[]), 1);
        let mut block = vec![group.clone(), header.clone()];
        spread_groups(&mut block, 1, |_| true);
        let joined = join_headers(&block);
        assert_eq!(
            joined,
            vec![
                "Mã PAKN",
                "Thông tin tiếp nhận / Ngày",
                "Thông tin tiếp nhận / Kênh",
                "Thông tin tiếp nhận / Đơn vị xử lý",
                "Kết quả / Trạng thái"
            ]
        );
    }

    #[test]
    fn a_title_or_a_gap_above_the_header_is_not_a_group_row() {
        let header = row(&["Mã PAKN", "Ngày tiếp nhận", "Kênh"]);
        let title = row(&["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"]);
        assert_eq!(
            group_rows_above(&[(1, title.as_slice()), (2, header.as_slice())], 1, &[]),
            0
        );
        // A blank row between: not directly above.
        let group = row(&["", "Thông tin tiếp nhận"]);
        assert_eq!(
            group_rows_above(&[(1, group.as_slice()), (3, header.as_slice())], 1, &[]),
            0
        );
        // Numbers or dates: a data row, not labels.
        let data = row(&["PA-1", "05/03/2025", "Zalo"]);
        assert_eq!(
            group_rows_above(&[(1, data.as_slice()), (2, header.as_slice())], 1, &[]),
            0
        );
    }
}
