//! Merged cells filled as a sheet's rows go by in order, without the sheet
//! held whole.

use calamine::{Data, DataType, Dimensions};

use super::{cell_of, Cell, MAX_COLUMNS};

/// Fills merged cells as rows go by in order: each region's top-left value
/// copied into the empty cells of the region's rows (rows without any cell
/// are not made), as [`super::workbook`] fills a grid.
pub(super) struct MergeFill {
    /// Regions by top row, not yet reached.
    waiting: Vec<Region>,
    /// Regions reached whose bottom row is not yet passed.
    open: Vec<(Region, Option<Data>)>,
}

/// A merged region: rows (1-based) and columns (0-based), inclusive.
#[derive(Clone, Copy)]
struct Region {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
}

/// Regions larger than this many cells are not filled.
pub(super) const MAX_FILLED_CELLS: usize = 1_000_000;

impl MergeFill {
    /// The fill of `merges` (as calamine lists them).
    pub(super) fn new(merges: &[Dimensions]) -> Self {
        let mut waiting: Vec<Region> = merges
            .iter()
            .filter_map(|merge| {
                let region = Region {
                    top: merge.start.0 as usize + 1,
                    left: merge.start.1 as usize,
                    bottom: merge.end.0 as usize + 1,
                    right: (merge.end.1 as usize).min(MAX_COLUMNS - 1),
                };
                let fillable = region.bottom >= region.top
                    && region.right >= region.left
                    && (region.bottom - region.top + 1) * (region.right - region.left + 1)
                        <= MAX_FILLED_CELLS;
                fillable.then_some(region)
            })
            .collect();
        // Last first, so that the next region reached is popped.
        waiting.sort_by_key(|region| std::cmp::Reverse(region.top));
        Self {
            waiting,
            open: Vec::new(),
        }
    }

    /// Moves on to row `number` (rows come in increasing order): the
    /// regions whose top row it is take their value from `value_at(column)`,
    /// those above it are closed.
    pub(super) fn reach(&mut self, number: usize, value_at: impl Fn(usize) -> Option<Data>) {
        while self
            .waiting
            .last()
            .is_some_and(|region| region.top <= number)
        {
            let Some(region) = self.waiting.pop() else {
                break;
            };
            let value = (region.top == number)
                .then(|| value_at(region.left))
                .flatten()
                .filter(|value| !value.is_empty());
            self.open.push((region, value));
        }
        self.open.retain(|(region, _)| region.bottom >= number);
    }

    /// Fills the empty cells of the row reached that lie in an open region
    /// with its value.
    pub(super) fn fill<'a>(&'a self, cells: &mut Vec<Cell<'a>>) {
        for (region, value) in &self.open {
            let Some(value) = value else { continue };
            if cells.len() <= region.right {
                cells.resize(region.right + 1, Cell::Empty);
            }
            for cell in &mut cells[region.left..=region.right] {
                if *cell == Cell::Empty {
                    *cell = cell_of(value);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Data {
        Data::String(value.to_string())
    }

    /// Rows reached and filled in turn, their cells given as data.
    fn filled(merges: &[Dimensions], rows: &[(usize, Vec<Data>)]) -> Vec<Vec<Cell<'static>>> {
        let mut fill = MergeFill::new(merges);
        let mut out = Vec::new();
        for (number, cells) in rows {
            fill.reach(*number, |col| cells.get(col).cloned());
            let mut row: Vec<Cell<'_>> = cells.iter().map(cell_of).collect();
            fill.fill(&mut row);
            out.push(
                row.into_iter()
                    .map(|cell| match cell {
                        Cell::Text(t) => Cell::Text(t.to_string().leak()),
                        Cell::Number(n) => Cell::Number(n),
                        _ => Cell::Empty,
                    })
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn merged_values_fill_the_rows_of_their_region_that_have_cells() {
        // B2:C4 holds "x"; A3:A3 is one cell; D6:D9 has an empty top-left cell.
        let merges = [
            Dimensions::new((1, 1), (3, 2)),
            Dimensions::new((2, 0), (2, 0)),
            Dimensions::new((5, 3), (8, 3)),
        ];
        let rows = vec![
            (2, vec![Data::Empty, text("x")]),
            (4, vec![text("a")]),
            (6, vec![Data::Int(1)]),
            (7, vec![Data::Int(2)]),
        ];
        let filled = filled(&merges, &rows);
        use Cell::{Empty, Number, Text};
        assert_eq!(filled[0], vec![Empty, Text("x"), Text("x")]);
        // Row 3 has no cells: it is not made.
        assert_eq!(filled[1], vec![Text("a"), Text("x"), Text("x")]);
        // Row 6 is D6's row but D6 is empty: nothing to copy.
        assert_eq!(filled[2], vec![Number(1.0)]);
        assert_eq!(filled[3], vec![Number(2.0)]);
    }

    #[test]
    fn the_value_of_a_region_whose_top_row_has_no_cells_is_not_known() {
        let rows = vec![(2, vec![Data::Empty, text("b")])];
        let filled = filled(&[Dimensions::new((0, 0), (2, 0))], &rows);
        assert_eq!(filled[0], vec![Cell::Empty, Cell::Text("b")]);
    }
}
