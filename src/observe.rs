//! How a long run tells its caller where it is: the stages of the pipeline
//! and the rows read so far. The library only calls these methods; the
//! command line draws them (progress bars on a terminal), tests and other
//! callers ignore them.

/// Receives the progress of a run. Every method has a no-op default.
pub trait Observer: Sync {
    /// A stage starts: "đọc <file>", "tính chỉ số", "ghi báo cáo"…
    fn stage(&self, _name: &str) {}

    /// Rows read so far from the current file.
    fn rows(&self, _count: u64) {}

    /// The run is over (successfully or not).
    fn done(&self) {}
}

/// An observer that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {}

/// Rows between two progress reports while reading.
pub const ROWS_PER_REPORT: u64 = 1 << 16;
