//! The ingest stage: files → tables → canonical records plus data-quality
//! findings. Every data row read ends as exactly one accepted record or one
//! rejected row with at least one finding saying why.

mod batch;
mod block_batches;
pub mod columns;
mod dataset;
pub mod dates;
pub mod encoding;
pub mod error;
mod feedback;
mod fit;
mod ids;
mod kind;
pub mod numbers;
mod registry;
mod row_check;
pub mod suggest;
mod survey;
pub mod table;

pub use crate::model::Inputs;
pub use dataset::{export_registry, is_dataset};
pub use error::IngestError;
pub use fit::check_columns;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::config::profile::{AgencyMode, Profile, SheetChoice, SourceProfile};
use crate::model::{
    AgencyId, Effect, FeedbackRecords, Finding, FindingRun, InputAccount, InputKind, Reason,
    Registry, SurveyResponses,
};
use columns::MatchedColumns;
pub use registry::read_registry;
use row_check::RowCheck;
use table::Row;

/// How the inputs of a run are read beyond their profiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputRules {
    /// Codes of the questionnaire's criteria beyond TC1–TC4.
    pub criteria: Vec<String>,
    /// The feedback files are successive exports of the same systems, oldest
    /// first: a later file's record replaces an earlier one of the same id.
    pub snapshots: bool,
    /// A UTF-8 CSV file larger than this is read in blocks of this many
    /// bytes (default [`table::BLOCK_BYTES`]); the records and findings are
    /// those of reading it whole.
    pub csv_block_bytes: Option<usize>,
    /// The name each input is given in the accounts, the findings and the
    /// record sources, when it is not its path as given (the workbench
    /// names an upload as it was uploaded, not where it keeps it).
    pub names: std::collections::BTreeMap<PathBuf, String>,
}

impl Inputs {
    /// Reads every feedback and survey file; ids must be unique across files
    /// of a kind. A profile says how to read each kind; agencies taken as-is
    /// are added to the registry.
    pub fn read(
        feedback_paths: &[PathBuf],
        survey_paths: &[PathBuf],
        registry: &mut Registry,
        profile: &Profile,
    ) -> Result<Self, IngestError> {
        Self::read_observed(
            feedback_paths,
            survey_paths,
            registry,
            profile,
            &InputRules::default(),
            &crate::observe::Silent,
        )
    }

    /// As [`Inputs::read`], under `rules` (the questionnaire's criteria,
    /// successive exports), telling `observer` which files are read and how
    /// many rows so far.
    pub fn read_observed(
        feedback_paths: &[PathBuf],
        survey_paths: &[PathBuf],
        registry: &mut Registry,
        profile: &Profile,
        rules: &InputRules,
        observer: &dyn crate::observe::Observer,
    ) -> Result<Self, IngestError> {
        let criteria = rules.criteria.as_slice();
        // A profile's `[feedback] snapshots = true` says so too.
        let snapshots = rules.snapshots || profile.feedback.as_ref().is_some_and(|p| p.snapshots);
        let progress = crate::observe::RowCounter::new(observer);
        let feedback = Source {
            path: Path::new(""),
            name: None,
            input: 0,
            profile: profile.feedback.as_ref(),
            criteria: &[],
            progress: &progress,
            block_bytes: rules.csv_block_bytes,
            snapshots,
        };
        let survey = Source {
            profile: profile.survey.as_ref(),
            criteria,
            snapshots: false,
            ..feedback
        };
        let mut feedback_sources = feedback.each(feedback_paths, 0);
        let mut survey_sources = survey.each(survey_paths, feedback_paths.len());
        for source in feedback_sources.iter_mut().chain(survey_sources.iter_mut()) {
            source.name = rules.names.get(source.path).map(String::as_str);
        }
        observer.stage(&reading(feedback_sources.iter().chain(&survey_sources)));
        // The two kinds are read at the same time (each file in parallel
        // spans too), then put together in order: feedback files first.
        let (feedback_reads, survey_reads) = {
            let registry: &Registry = registry;
            rayon::join(
                || {
                    read_files(
                        &feedback_sources,
                        registry,
                        feedback::read,
                        dataset::feedback,
                    )
                },
                || read_files(&survey_sources, registry, survey::read, dataset::survey),
            )
        };
        let mut inputs = Inputs {
            sources: feedback_sources
                .iter()
                .chain(&survey_sources)
                .map(Source::shown)
                .collect(),
            ..Inputs::default()
        };
        let mut feedback = kind::Kind::new(FeedbackRecords::default());
        for read in feedback_reads? {
            feedback.add_file(read, registry, &mut inputs.sources);
        }
        inputs.feedback = feedback
            .finish(snapshots, &mut inputs.findings, &mut inputs.accounts)
            .map_err(IngestError::FindingSpill)?;
        // Every extra criterion has its column, even when no file holds it.
        let mut responses = SurveyResponses::default();
        responses.widen(criteria.len());
        let mut survey = kind::Kind::new(responses);
        for read in survey_reads? {
            survey.add_file(read, registry, &mut inputs.sources);
        }
        inputs.survey = survey
            .finish(false, &mut inputs.findings, &mut inputs.accounts)
            .map_err(IngestError::FindingSpill)?;
        Ok(inputs)
    }
}

/// Reads the data rows of an opened file with one span reader made by
/// `reader` per span, its SHA-256 computed meanwhile on another core, and
/// hands over what putting the file with the others of its kind needs.
fn read_file<S: batch::SpanReader>(
    source: &Source,
    kind: InputKind,
    table: &table::Table,
    columns: &MatchedColumns,
    registry: &Registry,
    reader: impl Fn(&table::RowSpan) -> S + Sync,
) -> Result<batch::FileRead<S::Records>, IngestError> {
    let file = source.shown();
    let (sha256, batches) = if table.in_blocks() {
        // The file's SHA-256 is computed block by block as it is read.
        let (batches, sha256) =
            block_batches::read_blocks(table, &file, source.progress, registry.len(), &reader)?;
        (sha256, Ok(batches))
    } else {
        rayon::join(
            || table.sha256(),
            || batch::read_table(table, &file, source.progress, &reader),
        )
    };
    let mut account = account_for(source, kind, table, columns);
    account.sha256 = sha256;
    let mut batches = batches?;
    // A profile that maps two fields to one column: one warning on the header.
    if let Some(first) = batches.first_mut() {
        let mut shared = FindingRun::new();
        for (a, b, header) in &columns.shared {
            shared.push(Finding {
                file: file.clone(),
                sheet: table.sheet.clone(),
                row: table.header_row,
                column: header.clone(),
                value: header.clone(),
                reason: Reason::SharedColumn {
                    fields: format!("{a} and {b}"),
                },
                effect: Effect::Warning,
            });
        }
        shared.append(std::mem::take(&mut first.findings));
        first.findings = shared;
    }
    Ok(batch::FileRead {
        input: source.input,
        account,
        sheet: table.sheet.clone(),
        // The id is the first field of every kind.
        id_header: columns.header(0).to_string(),
        agency_header: columns
            .names
            .iter()
            .position(|name| name == "agency")
            .map(|k| columns.header(k).to_string())
            .unwrap_or_default(),
        batches,
        registry_base: registry.len(),
        level: source.agency_level(),
        source_names: Vec::new(),
    })
}

/// Reads one file of a kind.
type ReadFile<R> = fn(&Source, &Registry) -> Result<batch::FileRead<R>, IngestError>;

/// The stage of reading `sources`, named by their file names.
fn reading<'a, 'b: 'a>(sources: impl Iterator<Item = &'a Source<'b>>) -> crate::observe::Stage {
    let names: Vec<String> = sources
        .map(|s| {
            let shown = s.shown();
            crate::messages::last_component(&shown).to_string()
        })
        .collect();
    crate::observe::Stage::reading(names)
}

/// Reads the files of one kind, in order: exports with `read`, Parquet
/// datasets with `read_dataset`.
fn read_files<R>(
    sources: &[Source],
    registry: &Registry,
    read: ReadFile<R>,
    read_dataset: ReadFile<R>,
) -> Result<Vec<batch::FileRead<R>>, IngestError> {
    sources
        .iter()
        .map(|source| {
            if dataset::is_dataset(source.path) {
                return read_dataset(source, registry);
            }
            match read(source, registry) {
                // Text that stops being UTF-8 after the first block: read
                // whole, which detects its encoding.
                Err(IngestError::NotUtf8AfterStart { .. }) => {
                    let whole = Source {
                        block_bytes: Some(usize::MAX),
                        ..*source
                    };
                    read(&whole, registry)
                }
                read => read,
            }
        })
        .collect()
}

/// Expands folders into the data files they hold (sorted by name); a
/// Parquet dataset's folder stays one input.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() && !dataset::is_dataset(path) {
            let entries = std::fs::read_dir(path).map_err(|source| IngestError::Read {
                path: path.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_data_file(p))
                .collect();
            if found.is_empty() {
                return Err(IngestError::EmptyFolder {
                    path: path.display().to_string(),
                });
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn is_data_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    !name.starts_with('.')
        && !name.starts_with("~$")
        && matches!(
            extension.to_ascii_lowercase().as_str(),
            "csv" | "xlsx" | "xlsm" | "xls" | "ods"
        )
}

/// One input file and how to read it.
#[derive(Clone, Copy)]
struct Source<'a> {
    path: &'a Path,
    /// The file's name in accounts, findings and record sources, when it
    /// is not its path (see [`Source::shown`]).
    name: Option<&'a str>,
    /// Index of the file among the run's inputs.
    input: u32,
    profile: Option<&'a SourceProfile>,
    /// Codes of the questionnaire's criteria beyond TC1–TC4 (survey files).
    criteria: &'a [String],
    /// Told the rows read.
    progress: &'a crate::observe::RowCounter<'a>,
    /// Block size of large CSV files (see [`InputRules::csv_block_bytes`]).
    block_bytes: Option<usize>,
    /// Successive exports (`--snapshots`): the ids of rejected rows are kept.
    snapshots: bool,
}

impl<'a> Source<'a> {
    /// The files of one kind read as this one, numbered among the run's
    /// inputs from `first`.
    fn each(self, paths: &'a [PathBuf], first: usize) -> Vec<Source<'a>> {
        paths
            .iter()
            .enumerate()
            .map(|(index, path)| Source {
                path,
                input: (first + index) as u32,
                ..self
            })
            .collect()
    }

    /// The file's name in accounts, findings and record sources: the name
    /// the run gives it, or its path as given.
    fn shown(&self) -> String {
        self.name
            .map_or_else(|| self.path.display().to_string(), str::to_string)
    }

    /// The level of agencies taken as they are named.
    fn agency_level(&self) -> crate::model::AgencyLevel {
        self.profile.map(|p| p.agency_level).unwrap_or_default()
    }

    /// Extra date formats of the profile.
    fn date_formats(&self) -> &[String] {
        self.profile
            .map(|p| p.date_formats.as_slice())
            .unwrap_or_default()
    }

    /// The text of `field` in `row`, or the profile's default when blank.
    fn text<'r>(
        &'r self,
        columns: &MatchedColumns,
        row: &'r dyn Row,
        field: usize,
    ) -> Cow<'r, str> {
        let text = columns.cell(row, field).text();
        match self.default_of(columns, field) {
            Some(default) if text.is_empty() => Cow::Borrowed(default),
            _ => text,
        }
    }

    /// The profile's default for a blank cell of `field`, if it has one.
    fn default_of(&self, columns: &MatchedColumns, field: usize) -> Option<&str> {
        self.profile
            .and_then(|p| p.default_for(columns.name(field)))
    }

    /// The canonical value of a source value, through the profile's values table.
    fn map_value<'v>(&'v self, field: &str, value: &'v str) -> &'v str {
        self.profile
            .and_then(|p| p.map_value(field, value))
            .unwrap_or(value)
    }
}

/// A hash map with a fast hasher seeded at random per run, for the look-ups
/// ingest makes for every cell (SipHash was a tenth of reading a CSV).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Parsed values of a vocabulary column, by source text: a column holds a
/// handful of distinct values, so each is folded and matched once.
struct VocabMemo<T> {
    parsed: FastMap<String, Option<T>>,
    /// The vocabulary's parser.
    parse: fn(&str) -> Option<T>,
    /// Why an unknown value is ignored.
    reason: Reason,
}

impl<T: Copy> VocabMemo<T> {
    fn new(parse: fn(&str) -> Option<T>, reason: Reason) -> Self {
        Self {
            parsed: FastMap::default(),
            parse,
            reason,
        }
    }

    /// The parsed value of `text` (mapped through `map` first), parsing it
    /// the first time it is seen.
    fn get<'t>(&mut self, text: &'t str, map: impl FnOnce(&'t str) -> &'t str) -> Option<T> {
        if let Some(found) = self.parsed.get(text) {
            return *found;
        }
        let found = (self.parse)(map(text));
        self.parsed.insert(text.to_string(), found);
        found
    }
}

/// Finds agencies in the registry, remembering each spelling already seen;
/// with a profile's `agencies = "as-is"`, unknown names become agencies. The
/// registry is only read (spans are read in parallel): a new name gets the
/// provisional id `registry.len() + k`, settled when the batches are put
/// together.
struct AgencyLookup<'r> {
    registry: &'r Registry,
    cache: FastMap<String, Option<AgencyId>>,
    as_is: bool,
    /// Names new to the registry, in order of first appearance.
    new_names: Vec<String>,
}

impl<'r> AgencyLookup<'r> {
    fn new(registry: &'r Registry, profile: Option<&SourceProfile>) -> Self {
        Self {
            registry,
            cache: FastMap::default(),
            as_is: profile.is_some_and(|p| p.agencies == AgencyMode::AsIs),
            new_names: Vec::new(),
        }
    }

    /// The agency named in `field`; a blank or unknown name rejects the row.
    fn find(
        &mut self,
        source: &Source,
        check: &mut RowCheck,
        columns: &MatchedColumns,
        row: &dyn Row,
        field: usize,
    ) -> Option<AgencyId> {
        let text = check.required_text(source, columns, row, field);
        if text.is_empty() {
            return None;
        }
        let found = match self.cache.get(text.as_ref()) {
            Some(found) => *found,
            None => {
                let found = match self.registry.find(&text) {
                    None if self.as_is => {
                        self.new_names.push(text.to_string());
                        Some((self.registry.len() + self.new_names.len() - 1) as AgencyId)
                    }
                    found => found,
                };
                self.cache.insert(text.to_string(), found);
                found
            }
        };
        if found.is_none() {
            let suggestion =
                crate::text_match::closest(&text, self.registry.names()).map(str::to_string);
            check.reject(
                columns.header(field),
                &text,
                Reason::UnknownAgency { suggestion },
            );
        }
        found
    }
}

/// Opens `path`, matches its headers and checks the required columns.
fn open_with_columns(
    source: &Source,
    fields: &[columns::FieldSpec],
) -> Result<(table::Table, columns::MatchedColumns), IngestError> {
    let path = source.path;
    let profile = source.profile;
    let options = table::ReadOptions {
        sheet: profile.and_then(|p| p.sheet.clone()).map(|s| match s {
            SheetChoice::Name(name) => table::SheetSelector::Name(name),
            SheetChoice::Index(index) => table::SheetSelector::Index(index),
        }),
        header_row: profile.and_then(|p| p.header_row),
        header_rows: profile.and_then(|p| p.header_rows),
        encoding: profile.and_then(|p| p.encoding.clone()),
        delimiter: profile.and_then(|p| p.delimiter),
        header_keys: columns::header_keys(fields, profile),
        block_bytes: source.block_bytes,
        prefix_bytes: None,
    };
    let table = table::Table::open(path, &options)?;
    let columns = columns::MatchedColumns::resolve(
        &table.headers,
        fields,
        profile,
        &path.display().to_string(),
    )?;
    Ok((table, columns))
}

/// Account skeleton for a file.
fn account_for(
    source: &Source,
    kind: InputKind,
    table: &table::Table,
    columns: &MatchedColumns,
) -> InputAccount {
    let mapped: Vec<crate::model::MappedColumn> = columns
        .names
        .iter()
        .zip(&columns.index)
        .filter_map(|(name, index)| {
            let header = columns.headers.get((*index)?)?;
            Some(crate::model::MappedColumn {
                field: name.to_string(),
                header: header.clone(),
            })
        })
        .collect();
    let ignored = (0..columns.headers.len())
        .filter(|i| !columns.index.contains(&Some(*i)))
        .map(|i| columns.headers[i].clone())
        .collect();
    let header_rows = table.header_rows.max(1);
    InputAccount {
        header_row: table.header_row + 1 - header_rows,
        mapped,
        ignored,
        path: source.shown(),
        kind,
        sheet: table.sheet.clone(),
        // Filled in once the rows are read (it is computed meanwhile).
        sha256: String::new(),
        rows: 0,
        accepted: 0,
        rejected: 0,
        superseded: 0,
        bytes: std::fs::metadata(source.path).map(|m| m.len()).unwrap_or(0),
    }
}
