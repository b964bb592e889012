//! Where each record was read, as a column: runs of records read from
//! consecutive rows of one file. Reading a file gives one run per stretch of
//! accepted rows, so ten million records read from a few files take a few
//! runs rather than eighty megabytes.

use super::records::Origin;

/// Records from `start` on (up to the next run's start) read from `input`
/// at rows `row`, `row + 1`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    input: u32,
    row: u32,
}

/// The [`Origin`] of each record, in record order.
#[derive(Debug, Clone, Default)]
pub struct OriginColumn {
    runs: Vec<Run>,
    len: usize,
}

impl OriginColumn {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the column holds no record.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds the origin of the next record.
    pub fn push(&mut self, origin: Origin) {
        if let Some(last) = self.runs.last() {
            let next_row = u64::from(last.row) + (self.len - last.start) as u64;
            if last.input == origin.input && next_row == u64::from(origin.row) {
                self.len += 1;
                return;
            }
        }
        self.runs.push(Run {
            start: self.len,
            input: origin.input,
            row: origin.row,
        });
        self.len += 1;
    }

    /// The origin of record `position`.
    pub fn get(&self, position: usize) -> Option<Origin> {
        if position >= self.len {
            return None;
        }
        let run = self.runs[self.runs.partition_point(|r| r.start <= position) - 1];
        Some(Origin {
            input: run.input,
            row: run.row + (position - run.start) as u32,
        })
    }

    /// The origin of the last record.
    pub fn last(&self) -> Option<Origin> {
        self.len.checked_sub(1).and_then(|last| self.get(last))
    }

    /// Every origin, in record order.
    pub fn iter(&self) -> impl Iterator<Item = Origin> + '_ {
        self.runs.iter().enumerate().flat_map(move |(k, run)| {
            let end = self.runs.get(k + 1).map_or(self.len, |next| next.start);
            (0..(end - run.start) as u32).map(move |offset| Origin {
                input: run.input,
                row: run.row + offset,
            })
        })
    }

    /// Moves the origins of `other` to the end of this column.
    pub fn append(&mut self, other: &mut Self) {
        self.extend(std::mem::take(other).iter());
    }

    /// Adds the origins of `origins`, in order.
    pub fn extend(&mut self, origins: impl IntoIterator<Item = Origin>) {
        for origin in origins {
            self.push(origin);
        }
    }

    /// Keeps the origins whose flag in `keep` is true (a missing flag keeps).
    pub fn retain(&mut self, keep: &[bool]) {
        let mut kept = Self::default();
        let mut flags = keep.iter();
        for origin in self.iter() {
            if flags.next().copied().unwrap_or(true) {
                kept.push(origin);
            }
        }
        *self = kept;
    }

    /// The origins at the positions `order` gives, in that order.
    pub fn permuted(&self, order: &[u32]) -> Self {
        let mut column = Self::default();
        column.extend(order.iter().filter_map(|&p| self.get(p as usize)));
        column
    }

    /// Changes every origin with `change`, which must move the rows of one
    /// run alike (a new file number, or every row up by the same lines).
    pub fn change_each_run(&mut self, mut change: impl FnMut(&mut Origin)) {
        for run in &mut self.runs {
            let mut origin = Origin {
                input: run.input,
                row: run.row,
            };
            change(&mut origin);
            (run.input, run.row) = (origin.input, origin.row);
        }
    }
}

/// Two columns are equal when they hold the same origins, however their
/// runs are cut.
impl PartialEq for OriginColumn {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for OriginColumn {}

impl FromIterator<Origin> for OriginColumn {
    fn from_iter<I: IntoIterator<Item = Origin>>(origins: I) -> Self {
        let mut column = Self::default();
        column.extend(origins);
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(input: u32, row: u32) -> Origin {
        Origin { input, row }
    }

    #[test]
    fn consecutive_rows_of_one_file_make_one_run() {
        // Rows 2, 3, 4 of file 0, row 6 after a rejected row 5, then file 1.
        let column: OriginColumn = [at(0, 2), at(0, 3), at(0, 4), at(0, 6), at(1, 2)]
            .into_iter()
            .collect();
        assert_eq!(column.runs.len(), 3);
        assert_eq!(column.len(), 5);
        assert_eq!(column.get(2), Some(at(0, 4)));
        assert_eq!(column.get(3), Some(at(0, 6)));
        assert_eq!(column.get(4), Some(at(1, 2)));
        assert_eq!(column.get(5), None);
        assert_eq!(column.last(), Some(at(1, 2)));
        let all: Vec<Origin> = column.iter().collect();
        assert_eq!(all, [at(0, 2), at(0, 3), at(0, 4), at(0, 6), at(1, 2)]);
    }

    #[test]
    fn retained_appended_and_permuted_origins_stay_in_step() {
        let mut column: OriginColumn = (2..8).map(|row| at(0, row)).collect();
        column.retain(&[true, false, true, true, false, true]);
        assert_eq!(
            column.iter().collect::<Vec<_>>(),
            [at(0, 2), at(0, 4), at(0, 5), at(0, 7)]
        );
        let mut more: OriginColumn = [at(0, 8), at(2, 1)].into_iter().collect();
        column.append(&mut more);
        assert!(more.is_empty());
        assert_eq!(column.get(4), Some(at(0, 8)));
        assert_eq!(column.len(), 6);
        let reversed = column.permuted(&[5, 4, 3, 2, 1, 0]);
        assert_eq!(reversed.get(0), Some(at(2, 1)));
        assert_eq!(reversed.get(5), Some(at(0, 2)));
    }

    #[test]
    fn columns_with_the_same_origins_are_equal_however_their_runs_are_cut() {
        let whole: OriginColumn = [at(0, 1), at(0, 2)].into_iter().collect();
        let mut cut: OriginColumn = [at(5, 1), at(0, 2)].into_iter().collect();
        cut.change_each_run(|origin| origin.input = 0);
        assert_eq!(cut.runs.len(), 2);
        assert_eq!(whole, cut);
        assert_ne!(whole, [at(0, 1)].into_iter().collect());
    }

    #[test]
    fn a_change_moves_every_row_of_a_run() {
        let mut column: OriginColumn = [at(0, 10), at(0, 11), at(3, 20)].into_iter().collect();
        column.change_each_run(|origin| {
            origin.row -= 1;
            origin.input = if origin.input == 3 { 1 } else { 0 };
        });
        assert_eq!(
            column.iter().collect::<Vec<_>>(),
            [at(0, 9), at(0, 10), at(1, 19)]
        );
    }
}
