//! Where each record was read, as a column: runs of records read from
//! consecutive rows of one file. Reading a file gives one run per stretch of
//! accepted rows, so ten million records read from a few files take a few
//! runs rather than eighty megabytes. Origins that make no runs (records put
//! in an order other than the one they were read in, such as a dataset's
//! parts put back in the export's order) are kept one per record instead,
//! at half a run's size.

use super::records::Origin;

/// Records from `start` on (up to the next run's start) read from `input`
/// at rows `row`, `row + 1`, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    input: u32,
    row: u32,
}

/// Runs at least a column holds before it is checked for being cheaper one
/// origin a record.
const RUNS_BEFORE_CHECK: usize = 1 << 12;

/// How a column holds its origins.
#[derive(Debug, Clone)]
enum Layout {
    /// Runs of consecutive rows of one file.
    Runs(Vec<Run>),
    /// One origin a record, when runs would take more room.
    Each(Vec<Origin>),
}

impl Default for Layout {
    fn default() -> Self {
        Layout::Runs(Vec::new())
    }
}

/// The [`Origin`] of each record, in record order.
#[derive(Debug, Clone, Default)]
pub struct OriginColumn {
    layout: Layout,
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
        let len = self.len;
        self.len += 1;
        let runs = match &mut self.layout {
            Layout::Each(each) => return each.push(origin),
            Layout::Runs(runs) => runs,
        };
        if let Some(last) = runs.last() {
            let next_row = u64::from(last.row) + (len - last.start) as u64;
            if last.input == origin.input && next_row == u64::from(origin.row) {
                return;
            }
        }
        runs.push(Run {
            start: len,
            input: origin.input,
            row: origin.row,
        });
        // A run takes the room of two origins: when the runs are mostly of
        // one record, the column keeps one origin a record.
        if runs.len() >= RUNS_BEFORE_CHECK && runs.len() * 3 > self.len * 2 {
            self.layout = Layout::Each(self.iter().collect());
        }
    }

    /// The origin of record `position`.
    pub fn get(&self, position: usize) -> Option<Origin> {
        if position >= self.len {
            return None;
        }
        match &self.layout {
            Layout::Each(each) => each.get(position).copied(),
            Layout::Runs(runs) => {
                let run = runs[runs.partition_point(|r| r.start <= position) - 1];
                Some(Origin {
                    input: run.input,
                    row: run.row + (position - run.start) as u32,
                })
            }
        }
    }

    /// The origin of the last record.
    pub fn last(&self) -> Option<Origin> {
        self.len.checked_sub(1).and_then(|last| self.get(last))
    }

    /// Every origin, in record order.
    pub fn iter(&self) -> impl Iterator<Item = Origin> + '_ {
        let (runs, each): (&[Run], &[Origin]) = match &self.layout {
            Layout::Runs(runs) => (runs, &[]),
            Layout::Each(each) => (&[], each),
        };
        let from_runs = runs.iter().enumerate().flat_map(move |(k, run)| {
            let end = runs.get(k + 1).map_or(self.len, |next| next.start);
            (0..(end - run.start) as u32).map(move |offset| Origin {
                input: run.input,
                row: run.row + offset,
            })
        });
        from_runs.chain(each.iter().copied())
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
        match &mut self.layout {
            Layout::Runs(runs) => {
                for run in runs {
                    let mut origin = Origin {
                        input: run.input,
                        row: run.row,
                    };
                    change(&mut origin);
                    (run.input, run.row) = (origin.input, origin.row);
                }
            }
            Layout::Each(each) => each.iter_mut().for_each(change),
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

    /// The runs a column holds; None when it keeps one origin a record.
    fn runs_of(column: &OriginColumn) -> Option<usize> {
        match &column.layout {
            Layout::Runs(runs) => Some(runs.len()),
            Layout::Each(_) => None,
        }
    }

    /// Origins with no two consecutive rows: row 2k + 1 of file k % 3.
    fn scattered(n: u32) -> Vec<Origin> {
        (0..n).map(|k| at(k % 3, 2 * k + 1)).collect()
    }

    #[test]
    fn consecutive_rows_of_one_file_make_one_run() {
        // Rows 2, 3, 4 of file 0, row 6 after a rejected row 5, then file 1.
        let column: OriginColumn = [at(0, 2), at(0, 3), at(0, 4), at(0, 6), at(1, 2)]
            .into_iter()
            .collect();
        assert_eq!(runs_of(&column), Some(3));
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
        assert_eq!(runs_of(&cut), Some(2));
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

    #[test]
    fn origins_that_make_no_runs_are_kept_one_a_record() {
        let origins = scattered(10_000);
        let column: OriginColumn = origins.iter().copied().collect();
        assert_eq!(runs_of(&column), None);
        assert_eq!(column.len(), 10_000);
        assert_eq!(column.get(0), Some(at(0, 1)));
        assert_eq!(column.get(9_999), Some(at(0, 19_999)));
        assert_eq!(column.get(10_000), None);
        assert_eq!(column.iter().collect::<Vec<_>>(), origins);
        // Records put back in the order they were read in make runs again.
        let mut order: Vec<u32> = (0..10_000).collect();
        order.sort_by_key(|&k| (k % 3, k));
        let by_file = column.permuted(&order);
        let back: Vec<u32> = {
            let mut back = vec![0; order.len()];
            for (position, &k) in order.iter().enumerate() {
                back[k as usize] = position as u32;
            }
            back
        };
        assert_eq!(by_file.permuted(&back), column);
        let runs: OriginColumn = (1..=10_000).map(|row| at(0, row)).collect();
        assert_eq!(
            runs_of(&runs.permuted(&(0..10_000).collect::<Vec<_>>())),
            Some(1)
        );
    }

    #[test]
    fn origins_kept_one_a_record_are_retained_appended_and_changed_in_step() {
        let mut column: OriginColumn = scattered(20_000).into_iter().collect();
        let keep: Vec<bool> = (0..20_000).map(|k| k % 2 == 0).collect();
        column.retain(&keep);
        assert_eq!(runs_of(&column), None);
        assert_eq!(column.len(), 10_000);
        assert_eq!(column.get(1), Some(at(2, 5)));
        let mut more: OriginColumn = [at(7, 1), at(7, 2)].into_iter().collect();
        column.append(&mut more);
        assert_eq!(column.len(), 10_002);
        assert_eq!(column.last(), Some(at(7, 2)));
        column.change_each_run(|origin| origin.row += 10);
        assert_eq!(column.get(0), Some(at(0, 11)));
        assert_eq!(column.last(), Some(at(7, 12)));
        let expected: Vec<Origin> = scattered(20_000)
            .into_iter()
            .step_by(2)
            .chain([at(7, 1), at(7, 2)])
            .map(|o| at(o.input, o.row + 10))
            .collect();
        assert_eq!(column.iter().collect::<Vec<_>>(), expected);
    }
}
