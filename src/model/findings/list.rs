//! Every finding of a run's inputs, file by file, in bounded memory: exact
//! counts per file and reason, the first [`KEPT_PER_REASON`] findings of
//! each in memory (what the terminal, the workbook and the pages show),
//! and all of them, in row order, read back from their runs when
//! `findings.csv` is written.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::codec;
use super::run::{FindingRun, RunCursor, KEPT_PER_REASON};
use super::{Effect, Finding, ReasonKey};

/// How many findings one file has of one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCount {
    /// The file, as findings name it.
    pub file: String,
    /// The reason's kind.
    pub reason: ReasonKey,
    /// What the findings did.
    pub effect: Effect,
    /// How many there are.
    pub count: u64,
    /// How many of them are kept in memory (the first ones).
    pub kept: u64,
}

/// The findings of one input file.
#[derive(Debug, Default)]
struct FileFindings {
    /// Runs in order of precedence within a row: the findings met while
    /// reading come first in their row, then those settled after it.
    runs: Vec<FindingRun>,
    /// The first findings of each reason, in file order.
    kept: Vec<Finding>,
    counts: Vec<ReasonCount>,
}

/// Every finding of the inputs, file by file (see the module's doc).
#[derive(Default)]
pub struct FindingList {
    files: Vec<FileFindings>,
}

impl std::fmt::Debug for FindingList {
    /// The findings kept in memory, and how many others there are.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindingList")
            .field("kept", &self.kept().collect::<Vec<_>>())
            .field("not_kept", &self.not_kept())
            .finish()
    }
}

impl FindingList {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// A list of findings held in memory (tests, small inputs).
    pub fn from_findings(findings: Vec<Finding>) -> Self {
        let mut list = Self::new();
        let mut current: Option<(String, FindingRun)> = None;
        for finding in findings {
            match &mut current {
                Some((file, run)) if *file == finding.file => run.push(finding),
                _ => {
                    if let Some((file, run)) = current.take() {
                        list.push_file(&file, vec![run]);
                    }
                    let file = finding.file.clone();
                    let mut run = FindingRun::new();
                    run.push(finding);
                    current = Some((file, run));
                }
            }
        }
        if let Some((file, run)) = current {
            list.push_file(&file, vec![run]);
        }
        list
    }

    /// Adds the findings of the next file: `runs`, each in row order, in
    /// order of precedence within a row.
    pub fn push_file(&mut self, file: &str, runs: Vec<FindingRun>) {
        let runs: Vec<FindingRun> = runs.into_iter().filter(|r| !r.is_empty()).collect();
        if runs.is_empty() {
            return;
        }
        let mut tallies: BTreeMap<&ReasonKey, (u64, Option<Effect>)> = BTreeMap::new();
        // (row, run, place in the run) of every first finding.
        let mut firsts: Vec<(usize, usize, u64, &Finding)> = Vec::new();
        for (index, run) in runs.iter().enumerate() {
            for (key, tally) in run.tallies() {
                let entry = tallies.entry(key).or_default();
                entry.0 += tally.count;
                entry.1 = entry.1.or(tally.effect);
                firsts.extend(
                    tally
                        .first
                        .iter()
                        .map(|(seq, finding)| (finding.row, index, *seq, finding)),
                );
            }
        }
        firsts.sort_by_key(|&(row, run, position, _)| (row, run, position));
        let mut taken: BTreeMap<ReasonKey, u64> = BTreeMap::new();
        let mut kept = Vec::new();
        for (_, _, _, finding) in firsts {
            let count = taken.entry(finding.reason.key()).or_default();
            if (*count as usize) < KEPT_PER_REASON {
                *count += 1;
                kept.push(finding.clone());
            }
        }
        let counts = tallies
            .into_iter()
            .map(|(key, (count, effect))| ReasonCount {
                file: file.to_string(),
                reason: key.clone(),
                effect: effect.unwrap_or(Effect::Warning),
                count,
                kept: taken.get(key).copied().unwrap_or_default(),
            })
            .collect();
        self.files.push(FileFindings { runs, kept, counts });
    }

    /// Adds every file of `other` after these.
    pub fn append(&mut self, other: FindingList) {
        self.files.extend(other.files);
    }

    /// How many findings there are.
    pub fn len(&self) -> u64 {
        self.counts().map(|c| c.count).sum()
    }

    /// Whether there is no finding.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many findings did `effect`.
    pub fn count_of(&self, effect: Effect) -> u64 {
        self.counts()
            .filter(|c| c.effect == effect)
            .map(|c| c.count)
            .sum()
    }

    /// The counts per file and reason, file by file.
    pub fn counts(&self) -> impl Iterator<Item = &ReasonCount> {
        self.files.iter().flat_map(|f| f.counts.iter())
    }

    /// The first findings of each file and reason, file by file in row
    /// order: every finding when no reason has more than
    /// [`KEPT_PER_REASON`].
    pub fn kept(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.kept.iter())
    }

    /// How many findings [`FindingList::kept`] leaves out.
    pub fn not_kept(&self) -> u64 {
        self.counts().map(|c| c.count - c.kept).sum()
    }

    /// Calls `visit` with every finding, file by file in row order (read
    /// back from disk where they were spilled).
    pub fn for_each(&self, mut visit: impl FnMut(&Finding)) -> io::Result<()> {
        for file in &self.files {
            merge_runs(&file.runs, &mut visit)?;
        }
        Ok(())
    }

    /// Every finding, in order, in memory: for inputs known to be small.
    pub fn to_vec(&self) -> io::Result<Vec<Finding>> {
        let mut all = Vec::new();
        self.for_each(|f| all.push(f.clone()))?;
        Ok(all)
    }
}

/// Writes every finding of `list` to `path` in the spill format, each
/// file named by `rename` (a finding file that [`for_each_saved`] reads).
pub fn save_findings(
    list: &FindingList,
    path: &Path,
    rename: impl Fn(&str) -> String,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
    let mut encoder = codec::Encoder::default();
    let mut failed = None;
    let mut renamed: Option<(String, String)> = None;
    list.for_each(|finding| {
        if failed.is_some() {
            return;
        }
        if renamed
            .as_ref()
            .is_none_or(|(from, _)| *from != finding.file)
        {
            renamed = Some((finding.file.clone(), rename(&finding.file)));
        }
        let mut entry = (0, finding.clone());
        if let Some((_, to)) = &renamed {
            entry.1.file.clone_from(to);
        }
        if let Err(e) = encoder.put(&mut out, &entry) {
            failed = Some(e);
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    io::Write::flush(&mut out)
}

/// Calls `visit` with every finding of a file [`save_findings`] wrote.
pub fn for_each_saved(path: &Path, mut visit: impl FnMut(&Finding)) -> io::Result<()> {
    let mut input = io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut decoder = codec::Decoder::default();
    while !io::BufRead::fill_buf(&mut input)?.is_empty() {
        decoder.get(&mut input)?;
        visit(&decoder.current);
    }
    Ok(())
}

/// Visits the entries of `runs` (each in row order) in row order; in a row,
/// the earlier run's entries first.
fn merge_runs(runs: &[FindingRun], visit: &mut impl FnMut(&Finding)) -> io::Result<()> {
    let mut cursors: Vec<RunCursor<'_>> = runs.iter().map(FindingRun::cursor).collect();
    let mut live: Vec<bool> = Vec::with_capacity(cursors.len());
    for cursor in &mut cursors {
        live.push(cursor.advance()?);
    }
    loop {
        let next = cursors
            .iter()
            .enumerate()
            .filter(|(i, _)| live[*i])
            .filter_map(|(i, c)| c.current().map(|f| (f.row, i)))
            .min();
        let Some((_, index)) = next else {
            return Ok(());
        };
        if let Some(finding) = cursors[index].current() {
            visit(finding);
        }
        live[index] = cursors[index].advance()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reason;

    fn finding(row: usize, reason: Reason, effect: Effect) -> Finding {
        Finding {
            file: "a.csv".into(),
            sheet: None,
            row,
            column: "c".into(),
            value: String::new(),
            reason,
            effect,
        }
    }

    #[test]
    fn runs_merge_by_row_with_reading_first_in_a_row() {
        let mut reading = FindingRun::new();
        for row in [2, 5, 9] {
            reading.push(finding(row, Reason::UnknownCategory, Effect::CellIgnored));
        }
        let mut settled = FindingRun::new();
        for row in [3, 5] {
            settled.push(finding(row, Reason::DuplicateId, Effect::RowRejected));
        }
        let mut list = FindingList::new();
        list.push_file("a.csv", vec![reading, settled]);
        let order: Vec<(usize, &str)> = list
            .to_vec()
            .unwrap()
            .iter()
            .map(|f| (f.row, f.reason.code()))
            .collect();
        assert_eq!(
            order,
            vec![
                (2, "unknown_category"),
                (3, "duplicate_id"),
                (5, "unknown_category"),
                (5, "duplicate_id"),
                (9, "unknown_category"),
            ]
        );
        let kept: Vec<usize> = list.kept().map(|f| f.row).collect();
        assert_eq!(kept, vec![2, 3, 5, 5, 9]);
        assert_eq!(list.count_of(Effect::RowRejected), 2);
        assert_eq!(list.count_of(Effect::CellIgnored), 3);
        assert_eq!(list.not_kept(), 0);
    }

    #[test]
    fn only_the_first_of_a_reason_are_kept_and_every_one_is_counted() {
        let mut run = FindingRun::new();
        for row in 0..(KEPT_PER_REASON + 250) {
            run.push(finding(
                row + 2,
                Reason::UnreadableDate,
                Effect::RowRejected,
            ));
            if row % 100 == 0 {
                run.push(finding(row + 2, Reason::UnknownStatus, Effect::CellIgnored));
            }
        }
        let mut list = FindingList::new();
        list.push_file("a.csv", vec![run]);
        let dates = list
            .kept()
            .filter(|f| f.reason == Reason::UnreadableDate)
            .count();
        assert_eq!(dates, KEPT_PER_REASON);
        assert_eq!(list.len(), (KEPT_PER_REASON + 250 + 13) as u64);
        assert_eq!(list.not_kept(), 250);
        assert_eq!(list.to_vec().unwrap().len() as u64, list.len());
    }
}
