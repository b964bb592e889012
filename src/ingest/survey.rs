//! SIPAS survey responses from a table to canonical records.

use super::batch::{Batch, FileRead, SpanReader};
use super::columns::{FieldSpec, MatchedColumns, SURVEY_FIELDS};
use super::numbers::parse_number;
use super::table::{Cell, Row};
use super::{open_with_columns, AgencyLookup, FastMap, IngestError, Source, VocabMemo};
use crate::model::vocab::parse_yes_no;
use crate::model::{
    InputKind, Likert, Origin, Reason, Registry, Response, SurveyResponses, CRITERIA,
};

const ID: usize = 0;
const SURVEYED: usize = 1;
const AGENCY: usize = 2;
const GAVE_FEEDBACK: usize = 3;
const WEIGHT: usize = 4;
/// Field position of TC1; TC2–TC4 follow.
const FIRST_CRITERION: usize = 5;

/// Reads one survey file (the registry is only looked up: agencies taken
/// as named are added when the file is put with the others).
pub(super) fn read(
    source: &Source,
    registry: &Registry,
) -> Result<FileRead<SurveyResponses>, IngestError> {
    if let Some(profile) = source.profile {
        let known = |name: &str| {
            SURVEY_FIELDS.iter().any(|f| f.name == name)
                || source.criteria.iter().any(|c| c == name)
        };
        if let Some((name, entry)) = profile.columns.iter().find(|(name, _)| !known(name)) {
            return Err(IngestError::UnknownCriterion {
                profile: profile.path.clone(),
                line: entry.line,
                name: name.clone(),
            });
        }
    }
    let mut fields = SURVEY_FIELDS.to_vec();
    fields.extend(source.criteria.iter().map(|c| FieldSpec::criterion(c)));
    let (table, columns) = open_with_columns(source, &fields)?;
    let file = source.shown();
    let missing_codes: Vec<String> = source
        .profile
        .map(|p| {
            p.missing
                .iter()
                .map(|m| crate::text_match::fold(m))
                .collect()
        })
        .unwrap_or_default();
    let criteria = CRITERIA + source.criteria.len();
    if !(0..criteria).any(|k| columns.has(FIRST_CRITERION + k)) {
        let codes: Vec<&str> = ["TC1", "TC2", "TC3", "TC4"]
            .into_iter()
            .chain(source.criteria.iter().map(String::as_str))
            .collect();
        return Err(IngestError::NoCriterionColumn {
            path: file,
            codes: codes.into_iter().map(str::to_string).collect(),
            found: super::error::HeaderList::of(&table.headers),
        });
    }
    let ragged_width = table.is_csv().then_some(table.headers.len());
    let sheet = table.sheet.as_deref();
    super::read_file(
        source,
        InputKind::Survey,
        &table,
        &columns,
        registry,
        |span| SurveyReader {
            source,
            columns: &columns,
            file: &file,
            sheet,
            ragged_width,
            has_weight: columns.has(WEIGHT),
            missing_codes: &missing_codes,
            agencies: AgencyLookup::new(registry, source.profile),
            gave_memo: VocabMemo::new(parse_yes_no, Reason::UnknownYesNo),
            answer_memo: vec![FastMap::default(); criteria],
            answers: vec![None; criteria],
            batch: Batch::for_span(span),
        },
    )
}

/// Reads the survey rows of one span.
struct SurveyReader<'a> {
    source: &'a Source<'a>,
    columns: &'a MatchedColumns,
    file: &'a str,
    sheet: Option<&'a str>,
    /// The header's width, for CSV files (whose rows may be ragged).
    ragged_width: Option<usize>,
    has_weight: bool,
    /// The profile's no-answer codes, folded.
    missing_codes: &'a [String],
    agencies: AgencyLookup<'a>,
    gave_memo: VocabMemo<bool>,
    /// Per criterion (TC1–TC4, then the others), answers read per text.
    answer_memo: Vec<FastMap<String, Likert>>,
    /// The row's answers, one per criterion (reused from row to row).
    answers: Vec<Option<u8>>,
    batch: Batch<SurveyResponses>,
}

impl SpanReader for SurveyReader<'_> {
    type Records = SurveyResponses;

    fn read_row(&mut self, row_number: usize, row: &dyn Row) {
        let (source, columns) = (self.source, self.columns);
        let place = (self.file, self.sheet, row_number);
        let Some(mut check) = self.batch.start_row(place, columns, row, self.ragged_width) else {
            return;
        };

        let id = check.required_text(source, columns, row, ID);
        let surveyed = check.date(source, columns, row, SURVEYED, true);
        let agency = self.agencies.find(source, &mut check, columns, row, AGENCY);

        let gave_text = columns.cell(row, GAVE_FEEDBACK).text();
        let gave_feedback = if gave_text.is_empty() {
            None
        } else {
            let parsed = self
                .gave_memo
                .get(&gave_text, |t| source.map_value("gave_feedback", t));
            if parsed.is_none() {
                check.ignore_cell(
                    columns.header(GAVE_FEEDBACK),
                    &gave_text,
                    Reason::UnknownYesNo,
                );
            }
            parsed
        };

        let weight = if self.has_weight {
            let value = columns.cell(row, WEIGHT);
            let parsed = match &value {
                Cell::Number(n) => Some(*n),
                other => parse_number(&other.text()),
            };
            match parsed {
                Some(w) if w.is_finite() && w > 0.0 => w,
                _ => {
                    check.reject(columns.header(WEIGHT), &value.text(), Reason::InvalidWeight);
                    0.0
                }
            }
        } else {
            1.0
        };

        let answers = &mut self.answers;
        answers.fill(None);
        for (k, answer) in answers.iter_mut().enumerate() {
            let field = columns.name(FIRST_CRITERION + k);
            let value = columns.cell(row, FIRST_CRITERION + k);
            let likert = match &value {
                Cell::Text(text) => *self.answer_memo[k]
                    .entry(text.to_string())
                    .or_insert_with(|| read_answer(source, self.missing_codes, field, &value)),
                _ => read_answer(source, self.missing_codes, field, &value),
            };
            match likert {
                Likert::Answer(a) => *answer = Some(a),
                Likert::NoAnswer => {}
                Likert::Invalid => check.ignore_cell(
                    columns.header(FIRST_CRITERION + k),
                    &value.text(),
                    Reason::InvalidAnswer,
                ),
            }
        }

        if let Some(width) = self.ragged_width {
            check.settle_short_row(columns, row.width(), width);
        }
        let batch = &mut self.batch;
        for finding in check.findings.drain(..) {
            batch.findings.push(finding);
        }
        match (surveyed, agency) {
            (Some(surveyed), Some(agency)) if !check.rejected => {
                batch.records.push(&Response {
                    id: &id,
                    surveyed,
                    agency,
                    gave_feedback,
                    weight,
                    answers,
                    origin: Origin {
                        input: source.input,
                        row: row_number as u32,
                    },
                });
            }
            _ => batch.rejected += 1,
        }
    }

    fn finish(mut self) -> Batch<SurveyResponses> {
        self.batch.new_agencies = self.agencies.new_names;
        self.batch
    }
}

/// Reads one answer to the criterion `field`: the profile's no-answer codes
/// and value mapping (for this criterion, or for all answers) come first,
/// then the built-in scale.
fn read_answer(source: &Source, missing_codes: &[String], field: &str, value: &Cell) -> Likert {
    let Some(profile) = source
        .profile
        .filter(|p| !p.missing.is_empty() || !p.values.is_empty())
    else {
        return Likert::of_cell(value);
    };
    let text = value.text();
    if !text.is_empty() {
        if !missing_codes.is_empty() && missing_codes.contains(&crate::text_match::fold(&text)) {
            return Likert::NoAnswer;
        }
        let mapped = profile
            .map_value(field, &text)
            .or_else(|| profile.map_value("answers", &text));
        if let Some(mapped) = mapped {
            return if mapped == "missing" {
                Likert::NoAnswer
            } else {
                Likert::parse_text(mapped)
            };
        }
    }
    Likert::of_cell(value)
}
