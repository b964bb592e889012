//! A run of findings in row order: the first few thousand in memory, the
//! rest in an anonymous temporary file, so that a file of millions of bad
//! rows costs disk, not memory. Beside the run: exact counts per reason and
//! the first [`KEPT_PER_REASON`] findings of each reason, which is what the
//! terminal, the workbook and the pages show.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};

use super::codec::{self, Entry};
use super::{Effect, Finding, ReasonKey};

/// Findings of one file and reason held in memory to be shown; the others
/// are only counted (every one of them is in `findings.csv`).
pub const KEPT_PER_REASON: usize = 1000;

/// Findings held in memory by a run before they go to its spill file.
const SPILL_AT: usize = 4096;

/// The findings of one reason: how many, what they did, and the first ones.
#[derive(Debug, Clone, Default)]
pub(super) struct ReasonTally {
    pub count: u64,
    pub effect: Option<Effect>,
    /// The first [`KEPT_PER_REASON`] findings of the reason, each with its
    /// place in the run.
    pub first: Vec<(u64, Finding)>,
}

/// A stretch of a run: its spilled entries (in order), then those in memory.
#[derive(Debug, Default)]
struct Segment {
    spill: Option<Spill>,
    memory: Vec<Entry>,
    /// Rows of every entry are this many rows higher up than written.
    shift: usize,
}

/// Entries written to an anonymous temporary file.
#[derive(Debug)]
struct Spill {
    file: File,
    count: u64,
    /// Carries the entry written last to the next chunk.
    encoder: codec::Encoder,
}

/// Findings in row order, each with a tag (the position of the record it
/// belongs to, for findings that stand only if that record stays accepted).
#[derive(Debug, Default)]
pub struct FindingRun {
    segments: Vec<Segment>,
    /// By reason, in order of first appearance.
    tallies: Vec<(ReasonKey, ReasonTally)>,
    /// How many findings the run holds.
    total: u64,
    /// An I/O error of the spill, reported when the run is read.
    failed: Option<String>,
}

impl FindingRun {
    /// An empty run.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a finding after the others, with tag 0.
    pub fn push(&mut self, finding: Finding) {
        self.push_tagged(0, finding);
    }

    /// Adds a finding after the others, with `tag`.
    pub fn push_tagged(&mut self, tag: u64, finding: Finding) {
        let seq = self.total;
        let tally = self.tally_of(&finding.reason);
        tally.count += 1;
        tally.effect.get_or_insert(finding.effect);
        if tally.first.len() < KEPT_PER_REASON {
            tally.first.push((seq, finding.clone()));
        }
        self.total += 1;
        if self.segments.last().is_none_or(|s| s.shift != 0) {
            self.segments.push(Segment::default());
        }
        let Some(segment) = self.segments.last_mut() else {
            return;
        };
        segment.memory.push((tag, finding));
        if segment.memory.len() >= SPILL_AT {
            if let Err(e) = spill(segment) {
                self.failed.get_or_insert(e.to_string());
            }
        }
    }

    /// The tally of `reason`'s kind, made on first use.
    fn tally_of(&mut self, reason: &super::Reason) -> &mut ReasonTally {
        let index = match self.tallies.iter().position(|(k, _)| reason.has_key(k)) {
            Some(index) => index,
            None => {
                self.tallies.push((reason.key(), ReasonTally::default()));
                self.tallies.len() - 1
            }
        };
        &mut self.tallies[index].1
    }

    /// Adds every finding of `other` after these.
    pub fn append(&mut self, other: FindingRun) {
        let before = self.total;
        self.total += other.total;
        for (key, theirs) in other.tallies {
            let index = match self.tallies.iter().position(|(k, _)| *k == key) {
                Some(index) => index,
                None => {
                    self.tallies.push((key, ReasonTally::default()));
                    self.tallies.len() - 1
                }
            };
            let ours = &mut self.tallies[index].1;
            ours.count += theirs.count;
            ours.effect = ours.effect.or(theirs.effect);
            let room = KEPT_PER_REASON - ours.first.len();
            let moved = theirs.first.into_iter().map(|(seq, f)| (seq + before, f));
            ours.first.extend(moved.take(room));
        }
        self.segments.extend(other.segments);
        self.failed = self.failed.take().or(other.failed);
    }

    /// Moves every row up by `lines` (rows of a span read before the line
    /// breaks inside quoted fields of the spans above it were known).
    pub fn move_rows_up(&mut self, lines: usize) {
        for segment in &mut self.segments {
            segment.shift += lines;
        }
        for (_, tally) in &mut self.tallies {
            for (_, finding) in &mut tally.first {
                finding.row = finding.row.saturating_sub(lines);
            }
        }
    }

    /// Adds `offset` to every tag (positions of records in a larger list).
    /// A spill that cannot be read back is reported when the run is read.
    pub fn offset_tags(&mut self, offset: u64) {
        if offset == 0 {
            return;
        }
        let mut moved = FindingRun::new();
        if let Err(e) = self.drain(|tag, finding| moved.push_tagged(tag + offset, finding)) {
            moved.failed.get_or_insert(e.to_string());
        }
        *self = moved;
    }

    /// How many findings the run holds.
    pub fn len(&self) -> u64 {
        self.total
    }

    /// Whether the run holds no finding.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(super) fn tallies(&self) -> &[(ReasonKey, ReasonTally)] {
        &self.tallies
    }

    /// Calls `visit` with every entry in order, emptying the run.
    pub fn drain(&mut self, mut visit: impl FnMut(u64, Finding)) -> io::Result<()> {
        let run = std::mem::take(self);
        let mut cursor = run.cursor();
        while cursor.advance()? {
            if let Some(finding) = cursor.current() {
                visit(cursor.tag, finding.clone());
            }
        }
        Ok(())
    }

    /// A cursor over the entries in order; the run stays as it is.
    pub fn cursor(&self) -> RunCursor<'_> {
        RunCursor {
            run: self,
            segment: 0,
            phase: Phase::Start,
            decoder: codec::Decoder::default(),
            current: Current::None,
            tag: 0,
            failed: self.failed.is_some(),
        }
    }

    /// Calls `visit` with every entry in order; the run stays as it is.
    pub fn for_each(&self, mut visit: impl FnMut(u64, &Finding)) -> io::Result<()> {
        let mut cursor = self.cursor();
        while cursor.advance()? {
            if let Some(finding) = cursor.current() {
                visit(cursor.tag, finding);
            }
        }
        Ok(())
    }
}

/// Where a [`RunCursor`] stands within its segment.
enum Phase<'a> {
    /// Nothing of the segment read yet.
    Start,
    /// Reading the spill: entries left.
    Spill(BufReader<&'a File>, u64),
    /// Reading the entries in memory from this one.
    Memory(usize),
}

/// The entry a [`RunCursor`] stands on.
enum Current<'a> {
    None,
    /// The decoder's finding.
    Decoded,
    /// An entry in memory, as it is.
    Memory(&'a Finding),
    /// An entry in memory, its row moved.
    Moved(Finding),
}

/// The entries of a run in order, one at a time (see [`FindingRun::cursor`]).
pub struct RunCursor<'a> {
    run: &'a FindingRun,
    segment: usize,
    phase: Phase<'a>,
    decoder: codec::Decoder,
    current: Current<'a>,
    /// The tag of the entry stood on.
    pub tag: u64,
    failed: bool,
}

impl<'a> RunCursor<'a> {
    /// The entry stood on, once [`RunCursor::advance`] said there is one.
    pub fn current(&self) -> Option<&Finding> {
        match &self.current {
            Current::None => None,
            Current::Decoded => Some(&self.decoder.current),
            Current::Memory(finding) => Some(finding),
            Current::Moved(finding) => Some(finding),
        }
    }

    /// Moves to the next entry; false at the end.
    pub fn advance(&mut self) -> io::Result<bool> {
        if self.failed {
            self.failed = false;
            self.segment = usize::MAX;
            let message = self.run.failed.clone().unwrap_or_default();
            return Err(io::Error::other(message));
        }
        let moved = self.step();
        if moved.is_err() {
            self.segment = usize::MAX;
            self.current = Current::None;
        }
        moved
    }

    fn step(&mut self) -> io::Result<bool> {
        loop {
            let Some(segment) = self.run.segments.get(self.segment) else {
                self.current = Current::None;
                return Ok(false);
            };
            match &mut self.phase {
                Phase::Start => {
                    self.decoder = codec::Decoder::default();
                    self.phase = match &segment.spill {
                        Some(spill) if spill.count > 0 => {
                            let mut file = &spill.file;
                            file.seek(SeekFrom::Start(0))?;
                            Phase::Spill(BufReader::with_capacity(1 << 16, file), spill.count)
                        }
                        _ => Phase::Memory(0),
                    };
                }
                Phase::Spill(_, 0) => self.phase = Phase::Memory(0),
                Phase::Spill(reader, left) => {
                    *left -= 1;
                    self.tag = self.decoder.get(reader)?;
                    let row = &mut self.decoder.current.row;
                    *row = row.saturating_sub(segment.shift);
                    self.current = Current::Decoded;
                    return Ok(true);
                }
                Phase::Memory(next) => match segment.memory.get(*next) {
                    Some((tag, finding)) => {
                        *next += 1;
                        self.tag = *tag;
                        self.current = if segment.shift == 0 {
                            Current::Memory(finding)
                        } else {
                            let mut moved = finding.clone();
                            moved.row = moved.row.saturating_sub(segment.shift);
                            Current::Moved(moved)
                        };
                        return Ok(true);
                    }
                    None => {
                        self.segment += 1;
                        self.phase = Phase::Start;
                    }
                },
            }
        }
    }
}

/// Writes the segment's entries in memory to its spill file (made on first use).
fn spill(segment: &mut Segment) -> io::Result<()> {
    let spill = match &mut segment.spill {
        Some(spill) => spill,
        None => segment.spill.insert(Spill {
            file: tempfile::tempfile()?,
            count: 0,
            encoder: codec::Encoder::default(),
        }),
    };
    let mut out = BufWriter::with_capacity(1 << 16, &spill.file);
    for entry in &segment.memory {
        spill.encoder.put(&mut out, entry)?;
    }
    out.flush()?;
    spill.count += segment.memory.len() as u64;
    segment.memory.clear();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reason;

    fn finding(row: usize, reason: Reason) -> Finding {
        Finding {
            file: "a.csv".into(),
            sheet: None,
            row,
            column: "c".into(),
            value: format!("v{row}"),
            reason,
            effect: Effect::RowRejected,
        }
    }

    fn rows(run: &FindingRun) -> Vec<usize> {
        let mut rows = Vec::new();
        run.for_each(|_, f| rows.push(f.row)).unwrap();
        rows
    }

    #[test]
    fn a_long_run_spills_and_reads_back_in_order_with_exact_counts() {
        let mut run = FindingRun::new();
        let total = 3 * SPILL_AT + 17;
        for row in 0..total {
            run.push(finding(row + 2, Reason::UnreadableDate));
        }
        assert_eq!(run.len(), total as u64);
        assert_eq!(rows(&run), (2..total + 2).collect::<Vec<_>>());
        let tally = &run.tallies()[0].1;
        assert_eq!(tally.first.len(), KEPT_PER_REASON);
        assert_eq!(tally.first[0].1.row, 2);
        // Appended after another run, then moved up by 2 lines.
        let mut first = FindingRun::new();
        first.push(finding(1, Reason::UnknownChannel));
        first.append(run);
        first.move_rows_up(1);
        let read = rows(&first);
        assert_eq!(read.len(), total + 1);
        assert_eq!(&read[..3], &[0, 1, 2]);
        assert_eq!(*read.last().unwrap(), total);
    }

    #[test]
    fn tags_are_offset_and_kept() {
        let mut run = FindingRun::new();
        for row in 0..5 {
            run.push_tagged(row as u64, finding(row, Reason::HandledWithoutDate));
        }
        run.offset_tags(100);
        let mut tags = Vec::new();
        run.for_each(|tag, _| tags.push(tag)).unwrap();
        assert_eq!(tags, vec![100, 101, 102, 103, 104]);
    }
}
