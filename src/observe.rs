//! How a long run tells its caller where it is: the stages of the pipeline
//! and the rows read so far. The library only calls these methods; the
//! command line draws them (progress bars on a terminal), tests and other
//! callers ignore them.

use crate::lang::Lang;

/// A stage of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Reading the input files: the names of the first three, and how
    /// many there are.
    Reading(Vec<String>, usize),
    /// Computing the numbers.
    Computing,
    /// Writing the report folder.
    WritingReport,
    /// Writing the Parquet datasets.
    WritingParquet,
}

impl Stage {
    /// The stage of reading files named `names`.
    pub fn reading(names: Vec<String>) -> Self {
        let count = names.len();
        Stage::Reading(names.into_iter().take(3).collect(), count)
    }

    /// The stage in `lang`: "đọc a.csv, b.csv", "tính chỉ số"…
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Stage::Reading(names, count) => {
                let shown = names.join(", ");
                match (lang, count.saturating_sub(names.len())) {
                    (Lang::Vi, 0) => format!("đọc {shown}"),
                    (Lang::Vi, more) => format!("đọc {shown} và {more} tệp khác"),
                    (Lang::En, 0) => format!("reading {shown}"),
                    (Lang::En, more) => format!("reading {shown} and {more} more"),
                }
            }
            Stage::Computing => lang.pick("tính chỉ số", "computing").to_string(),
            Stage::WritingReport => lang.pick("ghi báo cáo", "writing the report").to_string(),
            Stage::WritingParquet => lang
                .pick("ghi bộ dữ liệu Parquet", "writing the Parquet datasets")
                .to_string(),
        }
    }
}

/// Receives the progress of a run. Every method has a no-op default.
pub trait Observer: Sync {
    /// A stage starts.
    fn stage(&self, _stage: &Stage) {}

    /// Rows read so far from the run's input files.
    fn rows(&self, _count: u64) {}

    /// The run is over (successfully or not).
    fn done(&self) {}

    /// Whether the run is to stop (cancelled, or out of time): reading
    /// stops at the next report of rows, and the run ends with an error.
    fn cancelled(&self) -> bool {
        false
    }
}

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {}

/// Rows between two progress reports while reading.
pub const ROWS_PER_REPORT: u64 = 1 << 16;

/// Rows read so far across every input file of a run (files are read at
/// the same time, each in parallel parts), told to an observer every
/// [`ROWS_PER_REPORT`] rows.
pub struct RowCounter<'a> {
    observer: &'a dyn Observer,
    rows: std::sync::atomic::AtomicU64,
}

impl<'a> RowCounter<'a> {
    /// A counter at zero reporting to `observer`.
    pub fn new(observer: &'a dyn Observer) -> Self {
        Self {
            observer,
            rows: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Whether the run is to stop (see [`Observer::cancelled`]).
    pub fn cancelled(&self) -> bool {
        self.observer.cancelled()
    }

    /// Counts `rows` more rows read (fewer when negative: a part read again).
    pub fn add(&self, rows: i64) {
        use std::sync::atomic::Ordering;
        let total = if rows >= 0 {
            self.rows.fetch_add(rows as u64, Ordering::Relaxed) + rows as u64
        } else {
            let less = rows.unsigned_abs();
            self.rows
                .fetch_sub(less, Ordering::Relaxed)
                .saturating_sub(less)
        };
        self.observer.rows(total);
    }
}
