//! The files of one input kind put together: each file's batches appended
//! in order, agency names new to the registry given their ids, repeated ids
//! settled across files (a later export's record replacing an earlier one
//! with `--snapshots`), and names used after an agency's last day noted.

use super::batch::{Batch, Columns, FileRead};
use crate::model::{
    AgencyId, AgencyLevel, Effect, Finding, FindingList, FindingRun, InputAccount, Origin, Reason,
    Registry,
};

/// What becomes of a repeated id's record.
enum Outcome {
    /// Replaced by a later export's record of the same id.
    Superseded,
    /// Rejected with this finding.
    Rejected(Reason),
}

/// One file of a kind, as far as it is settled.
struct KindFile {
    /// Index of the file among the run's inputs.
    input: u32,
    account: InputAccount,
    /// File name as findings give it.
    file: String,
    sheet: Option<String>,
    /// The header of the file's id column.
    id_header: String,
    /// Records that name an agency after its last day (one a file and agency).
    late_names: FindingRun,
    /// The findings met while reading, in row order.
    reading: FindingRun,
    /// Repeated ids rejected, in row order.
    repeated: FindingRun,
    /// Rejected rows of a later export whose earlier record stays.
    kept_earlier: FindingRun,
    /// Deferred findings of the records left, in row order.
    deferred: FindingRun,
}

/// The records of one kind of input (feedback or survey) read so far.
pub(super) struct Kind<R> {
    records: R,
    files: Vec<KindFile>,
    /// Findings about accepted records, tagged with the record's position
    /// in `records`, kept only if the record stays accepted.
    deferred: FindingRun,
    /// The input, id and row of each rejected row with an id.
    rejected_ids: Vec<(u32, String, usize)>,
}

impl<R: Columns> Kind<R> {
    /// Starts with `records` (empty).
    pub fn new(records: R) -> Self {
        Self {
            records,
            files: Vec::new(),
            deferred: FindingRun::new(),
            rejected_ids: Vec::new(),
        }
    }

    /// Appends the batches of one file, in order; agency names new to the
    /// registry are added to it in order of first appearance.
    /// `sources` names the export files records were first read from: the
    /// dataset's source names are numbered among them.
    pub fn add_file(
        &mut self,
        read: FileRead<R>,
        registry: &mut Registry,
        sources: &mut Vec<String>,
    ) {
        let FileRead {
            input,
            mut account,
            sheet,
            id_header,
            agency_header,
            batches,
            registry_base,
            level,
            source_names,
        } = read;
        let numbers: Vec<u32> = source_names
            .iter()
            .map(|name| match sources.iter().position(|s| s == name) {
                Some(found) => found as u32,
                None => {
                    sources.push(name.clone());
                    (sources.len() - 1) as u32
                }
            })
            .collect();
        let first_record = self.records.len();
        let mut reading = FindingRun::new();
        for mut batch in batches {
            settle_agencies(&mut batch, registry, level, registry_base);
            batch.records.sources_mut().change_each_run(|source| {
                source.input = numbers.get(source.input as usize).copied().unwrap_or(input);
            });
            let offset = self.records.len();
            account.rows += batch.rows;
            account.rejected += batch.rejected;
            account.accepted += batch.records.len();
            reading.append(batch.findings);
            self.rejected_ids.extend(
                batch
                    .rejected_ids
                    .into_iter()
                    .map(|(id, row)| (input, id, row)),
            );
            let mut deferred = batch.deferred;
            deferred.offset_tags(offset as u64);
            self.deferred.append(deferred);
            self.records.append(&mut batch.records);
        }
        let late_names = late_names(
            &self.records,
            first_record,
            registry,
            (&account.path, sheet.as_deref(), &agency_header),
        );
        self.files.push(KindFile {
            input,
            file: account.path.clone(),
            account,
            sheet,
            id_header,
            late_names,
            reading,
            repeated: FindingRun::new(),
            kept_earlier: FindingRun::new(),
            deferred: FindingRun::new(),
        });
    }

    /// Settles repeated ids, keeps the deferred findings of the records
    /// left, and hands over the records, the findings (file by file, in row
    /// order) and the accounts.
    ///
    /// Without `snapshots` every occurrence of an id after the first is
    /// rejected. With `snapshots` the files are successive exports of the
    /// same systems, oldest first: within one file a repeated id is still
    /// rejected, but the record of a later file replaces that of an earlier
    /// one, which counts as superseded (no finding); a rejected row of a
    /// later file leaves the earlier record in place, and says so.
    pub fn finish(
        mut self,
        snapshots: bool,
        findings: &mut FindingList,
        accounts: &mut Vec<InputAccount>,
    ) -> Result<R, std::io::Error> {
        let groups = super::ids::groups(self.records.ids());
        let mut keep = vec![
            true;
            if groups.is_empty() {
                0
            } else {
                self.records.len()
            }
        ];
        // The rejected repeats by position (file and row order), to be
        // written in that order.
        let mut rejected: Vec<(usize, Reason)> = Vec::new();
        for group in &groups {
            let inputs: Vec<u32> = group
                .iter()
                .map(|&p| self.records.origins().get(p).map_or(0, |o| o.input))
                .collect();
            let last_input = inputs.last().copied().unwrap_or_default();
            for (k, &position) in group.iter().enumerate() {
                // Positions ascend in file order: a file's occurrences are
                // consecutive in the group.
                let first_in_file = k == 0 || inputs[k - 1] != inputs[k];
                let outcome = match (snapshots, k, first_in_file) {
                    (_, 0, _) if !snapshots || inputs[0] == last_input => continue,
                    (true, _, true) if inputs[k] == last_input => continue,
                    (true, _, true) => Outcome::Superseded,
                    (false, _, _) if inputs[k] != inputs[0] => {
                        Outcome::Rejected(Reason::DuplicateIdInEarlierFile)
                    }
                    _ => Outcome::Rejected(Reason::DuplicateId),
                };
                keep[position] = false;
                let Some(origin) = self.records.origins().get(position) else {
                    continue;
                };
                let Some(file) = self.file_of(origin) else {
                    continue;
                };
                file.account.accepted -= 1;
                match outcome {
                    Outcome::Superseded => file.account.superseded += 1,
                    Outcome::Rejected(reason) => {
                        file.account.rejected += 1;
                        rejected.push((position, reason));
                    }
                }
            }
        }
        rejected.sort_unstable_by_key(|(position, _)| *position);
        for (position, reason) in rejected {
            let Some(origin) = self.records.origins().get(position) else {
                continue;
            };
            let id = self.records.ids()[position].to_string();
            if let Some(file) = self.file_of(origin) {
                let finding = Finding {
                    file: file.file.clone(),
                    sheet: file.sheet.clone(),
                    row: origin.row as usize,
                    column: file.id_header.clone(),
                    value: id,
                    reason,
                    effect: Effect::RowRejected,
                };
                file.repeated.push(finding);
            }
        }
        if snapshots {
            self.note_kept_earlier_records(&keep);
        }
        let mut deferred = std::mem::take(&mut self.deferred);
        let (files, origins) = (&mut self.files, self.records.origins());
        let drained = deferred.drain(|position, finding| {
            let position = position as usize;
            if keep.get(position).copied().unwrap_or(true) {
                let input = origins.get(position).map_or(0, |o| o.input);
                if let Some(file) = files.iter_mut().find(|f| f.input == input) {
                    file.deferred.push(finding);
                }
            }
        });
        drained?;
        if !groups.is_empty() {
            self.records.retain(&keep);
        }
        for file in self.files {
            findings.push_file(
                &file.file,
                vec![
                    file.reading,
                    file.late_names,
                    file.repeated,
                    file.kept_earlier,
                    file.deferred,
                ],
            );
            accounts.push(file.account);
        }
        Ok(self.records)
    }

    /// For each rejected row of a later export whose id an earlier file's
    /// kept record holds, a warning naming that record.
    fn note_kept_earlier_records(&mut self, keep: &[bool]) {
        if self.rejected_ids.is_empty() {
            return;
        }
        let wanted: std::collections::HashMap<&str, ()> = self
            .rejected_ids
            .iter()
            .map(|(_, id, _)| (id.as_str(), ()))
            .collect();
        let mut kept: std::collections::HashMap<String, Origin> = std::collections::HashMap::new();
        let ids = self.records.ids();
        for position in 0..self.records.len() {
            if keep.get(position).copied().unwrap_or(true) && wanted.contains_key(&ids[position]) {
                if let Some(origin) = self.records.origins().get(position) {
                    kept.insert(ids[position].to_string(), origin);
                }
            }
        }
        for (input, id, row) in std::mem::take(&mut self.rejected_ids) {
            let Some(&origin) = kept.get(&id).filter(|o| o.input < input) else {
                continue;
            };
            let earlier = self
                .files
                .iter()
                .find(|f| f.input == origin.input)
                .map(|f| f.file.clone())
                .unwrap_or_default();
            if let Some(file) = self.files.iter_mut().find(|f| f.input == input) {
                file.kept_earlier.push(Finding {
                    file: file.file.clone(),
                    sheet: file.sheet.clone(),
                    row,
                    column: file.id_header.clone(),
                    value: id,
                    reason: Reason::EarlierSnapshotKept {
                        file: earlier,
                        row: origin.row as usize,
                    },
                    effect: Effect::Warning,
                });
            }
        }
    }

    /// The file a record comes from.
    fn file_of(&mut self, origin: Origin) -> Option<&mut KindFile> {
        self.files
            .iter_mut()
            .find(|file| file.input == origin.input)
    }
}

/// A warning for the first record of each agency, among those of one file
/// from position `first`, received (or surveyed) after the agency's last
/// day: the export still names it. The record counts under the successor
/// in a report after that day; it is not rejected. `named` gives the
/// file, sheet and agency column of the findings.
fn late_names<R: Columns>(
    records: &R,
    first: usize,
    registry: &Registry,
    (file, sheet, column): (&str, Option<&str>, &str),
) -> FindingRun {
    let mut run = FindingRun::new();
    if registry
        .agencies()
        .iter()
        .all(|a| a.lifetime.valid_until.is_none())
    {
        return run;
    }
    let (agencies, days) = records.dated_agencies();
    let mut warned: Vec<AgencyId> = Vec::new();
    let origins = records.origins();
    for position in first..agencies.len() {
        let agency = agencies[position];
        let Some(entry) = registry.get(agency) else {
            continue;
        };
        let Some(until) = entry.lifetime.valid_until else {
            continue;
        };
        if days[position] <= until || warned.contains(&agency) {
            continue;
        }
        warned.push(agency);
        let successor = registry
            .successor(agency)
            .and_then(|s| registry.get(s))
            .map(|s| s.name.clone());
        run.push(Finding {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            row: origins.get(position).map_or(0, |o| o.row as usize),
            column: column.to_string(),
            value: entry.name.clone(),
            reason: Reason::AgencyAfterEnd {
                until: crate::calendar::days::format_vn(until),
                successor,
            },
            effect: Effect::Warning,
        });
    }
    run
}

/// Gives the provisional agencies of a batch their registry ids, adding the
/// names not yet in the registry.
fn settle_agencies<R: Columns>(
    batch: &mut Batch<R>,
    registry: &mut Registry,
    level: AgencyLevel,
    registry_base: usize,
) {
    if batch.new_agencies.is_empty() {
        return;
    }
    let ids: Vec<AgencyId> = if batch.described_agencies.is_empty() {
        batch
            .new_agencies
            .iter()
            .map(|name| {
                registry
                    .find(name)
                    .unwrap_or_else(|| registry.add(name, level))
            })
            .collect()
    } else {
        batch
            .described_agencies
            .iter()
            .map(|agency| {
                registry
                    .find(&agency.code)
                    .unwrap_or_else(|| registry.add_described(agency.clone()))
            })
            .collect()
    };
    for agency in batch.records.agencies_mut() {
        if let Some(&id) = (*agency as usize)
            .checked_sub(registry_base)
            .and_then(|k| ids.get(k))
        {
            *agency = id;
        }
    }
}
