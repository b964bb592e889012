//! SIPAS survey responses from a table to canonical records.

use super::columns::SURVEY_FIELDS;
use super::ids::IdIndex;
use super::numbers::parse_number;
use super::table::Cell;
use super::{
    account_for, open_with_columns, AgencyLookup, IngestError, Inputs, RowCheck, Source, VocabMemo,
};
use crate::model::vocab::parse_yes_no;
use crate::model::{InputAccount, InputKind, Likert, Origin, Reason, Registry, CRITERIA};

const ID: usize = 0;
const SURVEYED: usize = 1;
const AGENCY: usize = 2;
const GAVE_FEEDBACK: usize = 3;
const WEIGHT: usize = 4;
/// Field position of TC1; TC2–TC4 follow.
const FIRST_CRITERION: usize = 5;

pub(super) fn read(
    source: &Source,
    registry: &mut Registry,
    seen_ids: &mut IdIndex,
    inputs: &mut Inputs,
) -> Result<InputAccount, IngestError> {
    let (table, columns) = open_with_columns(source, &SURVEY_FIELDS)?;
    let file = source.path.display().to_string();
    let input = source.input;
    let missing_codes: Vec<String> = source
        .profile
        .map(|p| p.missing.iter().map(|m| crate::text::fold(m)).collect())
        .unwrap_or_default();
    if !(0..CRITERIA).any(|k| columns.has(FIRST_CRITERION + k)) {
        return Err(IngestError::MissingColumns {
            path: file,
            missing: "any of the criteria TC1, TC2, TC3, TC4".to_string(),
            found: super::columns::header_list(&table.headers),
        });
    }
    let has_weight = columns.has(WEIGHT);
    let mut account = account_for(source.path, InputKind::Survey, &table);
    let mut agencies = AgencyLookup::new(registry, source.profile);
    let mut gave_memo = VocabMemo::new(parse_yes_no, Reason::UnknownYesNo);
    let mut answer_memo: [std::collections::HashMap<String, Likert>; CRITERIA] = Default::default();

    let expected_rows = table.estimated_rows();
    inputs.survey.reserve(expected_rows);
    seen_ids.reserve(expected_rows);
    table.for_each_row(&file, |row_number, row| {
        account.rows += 1;
        if account.rows as u64 % crate::observe::ROWS_PER_REPORT == 0 {
            source.observer.rows(account.rows as u64);
        }
        let mut check = RowCheck::new(&file, table.sheet.as_deref(), row_number);
        if table.is_csv() {
            check.ragged(row.width(), table.headers.len());
        }

        let id = check.required_text(source, &columns, row, ID).into_owned();
        let surveyed = check.date(source, &columns, row, SURVEYED, true);
        let agency = agencies.find(source, &mut check, &columns, row, AGENCY);

        let gave_text = columns.cell(row, GAVE_FEEDBACK).text();
        let gave_feedback = if gave_text.is_empty() {
            None
        } else {
            let parsed = gave_memo.get(&gave_text, |t| source.map_value("gave_feedback", t));
            if parsed.is_none() {
                check.ignore_cell(
                    columns.header(GAVE_FEEDBACK),
                    &gave_text,
                    Reason::UnknownYesNo,
                );
            }
            parsed
        };

        let weight = if has_weight {
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

        let mut answers = [None; CRITERIA];
        for (k, answer) in answers.iter_mut().enumerate() {
            let value = columns.cell(row, FIRST_CRITERION + k);
            let likert = match &value {
                Cell::Text(text) => *answer_memo[k]
                    .entry(text.to_string())
                    .or_insert_with(|| read_answer(source, &missing_codes, k, &value)),
                _ => read_answer(source, &missing_codes, k, &value),
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

        check.duplicate_id(columns.header(ID), &id, seen_ids, &inputs.survey.id);

        let rejected = check.rejected;
        inputs.findings.append(&mut check.findings);
        match (surveyed, agency) {
            (Some(surveyed), Some(agency)) if !rejected => {
                account.accepted += 1;
                let responses = &mut inputs.survey;
                seen_ids.insert(&id, responses.id.len(), &responses.id);
                responses.id.push(id);
                responses.surveyed.push(surveyed);
                responses.agency.push(agency);
                responses.gave_feedback.push(gave_feedback);
                responses.weight.push(weight);
                for (column, answer) in responses.answers.iter_mut().zip(answers) {
                    column.push(answer);
                }
                responses.origin.push(Origin {
                    input,
                    row: row_number as u32,
                });
            }
            _ => account.rejected += 1,
        }
    })?;
    Ok(account)
}

/// Reads one answer: the profile's no-answer codes and value mapping (for
/// this criterion, or for all answers) come first, then the built-in scale.
fn read_answer(
    source: &Source,
    missing_codes: &[String],
    criterion: usize,
    value: &Cell,
) -> Likert {
    const CRITERION_FIELDS: [&str; CRITERIA] = ["TC1", "TC2", "TC3", "TC4"];
    let Some(profile) = source
        .profile
        .filter(|p| !p.missing.is_empty() || !p.values.is_empty())
    else {
        return Likert::of_cell(value);
    };
    let text = value.text();
    if !text.is_empty() {
        if !missing_codes.is_empty() && missing_codes.contains(&crate::text::fold(&text)) {
            return Likert::NoAnswer;
        }
        let field = CRITERION_FIELDS.get(criterion).copied().unwrap_or_default();
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
