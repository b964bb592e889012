//! Canonical records as polars data frames, with the working-day columns the
//! handling metrics need computed once from the working-day table.

use polars::prelude::*;
use rayon::prelude::*;

use crate::calendar::{Day, WorkingCalendar};
use crate::config::Config;
use crate::model::{DayColumn, FeedbackRecords, Status, SurveyResponses, CRITERIA};

/// Column names of the survey frame's PAKN criteria.
pub const CRITERION_COLUMNS: [&str; CRITERIA] = ["TC1", "TC2", "TC3", "TC4"];

/// The survey frame's column of a criterion: its code for TC1–TC4, `q:` and
/// its code for the questionnaire's others (so that no code can clash with
/// the frame's other columns).
pub fn criterion_column(code: &str) -> String {
    if CRITERION_COLUMNS.contains(&code) {
        code.to_string()
    } else {
        format!("q:{code}")
    }
}

/// The feedback frame: one row per record with `agency`, `received`, `channel`
/// (its position in [`crate::model::Channel::ALL`]),
/// `due` (each record's deadline, from [`due_dates`]), `resolved`, `refused` (status "not accepted"), `online`,
/// `forwarded` (has a forwarding date), `classified` (has a category),
/// `rated` and `unsatisfied` (the submitter's rating), `re_raised`,
/// `category` (see [`super::subjects::category_key`]) and `field` (the
/// record's key in `field_keys`, taken without a copy, see [`super::subjects::FieldIndex`]), and the working-day spans
/// `forward_wd` = WD(received, forwarded], `notify_wd` = WD(resolved, notified],
/// `publish_wd` = WD(resolved, published].
pub fn feedback_frame(
    records: &FeedbackRecords,
    due: &DayColumn,
    field_keys: Vec<u32>,
    calendar: &WorkingCalendar,
) -> PolarsResult<DataFrame> {
    let n = records.len();
    // The working-day spans are the frame's costly columns: computed on
    // every core, from the stored days (see `DayColumn::raw`).
    let span = |from: &[Day], to: &[Day]| -> Vec<Option<i32>> {
        from.par_iter()
            .zip(to)
            .map(|(&a, &b)| {
                let (a, b) = (DayColumn::day_of(a)?, DayColumn::day_of(b)?);
                let days = calendar.working_days_between(a, b)?;
                i32::try_from(days).ok()
            })
            .collect()
    };
    let days = |name: &str, column: &DayColumn| -> Column {
        Int32Chunked::from_iter_options(name.into(), column.iter()).into_column()
    };
    type Build<'a> = Box<dyn Fn() -> Column + Sync + 'a>;
    // Each column is built on its own: the columns are built on every core.
    let builders: Vec<Build> = vec![
        Box::new(|| Column::new("agency".into(), records.agency.clone())),
        Box::new(|| Column::new("received".into(), records.received.clone())),
        Box::new(|| {
            Column::new(
                "channel".into(),
                records
                    .channel
                    .iter()
                    .map(|c| c.index())
                    .collect::<Vec<u32>>(),
            )
        }),
        Box::new(|| days("due", due)),
        Box::new(|| days("resolved", &records.resolved)),
        Box::new(|| {
            Column::new(
                "refused".into(),
                records
                    .status
                    .iter()
                    .map(|s| *s == Some(Status::TuChoi))
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "online".into(),
                records
                    .channel
                    .iter()
                    .map(|c| c.is_online())
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "forwarded".into(),
                records
                    .forwarded
                    .iter()
                    .map(|d| d.is_some())
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "classified".into(),
                records
                    .category
                    .iter()
                    .map(Option::is_some)
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "rated".into(),
                records
                    .rating
                    .iter()
                    .map(Option::is_some)
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "unsatisfied".into(),
                records
                    .rating
                    .iter()
                    .map(|r| *r == Some(false))
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "re_raised".into(),
                records
                    .re_raised
                    .iter()
                    .map(|r| *r == Some(true))
                    .collect::<Vec<bool>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "category".into(),
                records
                    .category
                    .iter()
                    .map(|c| super::subjects::category_key(*c))
                    .collect::<Vec<u32>>(),
            )
        }),
        Box::new(|| {
            Column::new(
                "forward_wd".into(),
                span(&records.received, records.forwarded.raw()),
            )
        }),
        Box::new(|| {
            Column::new(
                "notify_wd".into(),
                span(records.resolved.raw(), records.notified.raw()),
            )
        }),
        Box::new(|| {
            Column::new(
                "publish_wd".into(),
                span(records.resolved.raw(), records.published.raw()),
            )
        }),
    ];
    let mut columns: Vec<Column> = builders.par_iter().map(|build| build()).collect();
    columns.push(Column::new("field".into(), field_keys));
    DataFrame::new(n, columns)
}

/// Each record's deadline ("hạn xử lý"): its own due date, or the N-th
/// working day after the day it was forwarded (or received when it was not);
/// None when that day lies outside the working-day table.
pub fn due_dates(
    records: &FeedbackRecords,
    calendar: &WorkingCalendar,
    config: &Config,
) -> DayColumn {
    records
        .due
        .iter()
        .zip(records.forwarded.iter())
        .zip(&records.received)
        .map(|((due, forwarded), received)| {
            due.or_else(|| {
                calendar
                    .add_working_days(forwarded.unwrap_or(*received), config.deadline_working_days)
            })
        })
        .collect()
}

/// The survey frame: `agency`, `surveyed`, `gave_feedback` (null = not
/// asked), `weight`, `TC1`…`TC4` and a column per other criterion of
/// `questionnaire` (see [`criterion_column`]; 1–5, null = no answer). The
/// weighted indicator columns of the covariance sums are computed in each
/// query, on the rows it keeps (see [`weighted_columns`]).
pub fn survey_frame(
    responses: &SurveyResponses,
    questionnaire: &crate::config::questionnaire::Questionnaire,
) -> PolarsResult<DataFrame> {
    let mut columns = vec![
        Column::new("agency".into(), responses.agency.clone()),
        Column::new("surveyed".into(), responses.surveyed.clone()),
        Column::new("gave_feedback".into(), responses.gave_feedback.clone()),
        Column::new("weight".into(), responses.weight.clone()),
    ];
    let answers_column = |name: String, answers: &[Option<u8>]| {
        let values: Vec<Option<i32>> = answers.iter().map(|a| a.map(i32::from)).collect();
        Column::new(name.into(), values)
    };
    for (name, answers) in CRITERION_COLUMNS.iter().zip(&responses.answers) {
        columns.push(answers_column(name.to_string(), answers));
    }
    let blank = vec![None; responses.len()];
    for (k, (_, criterion)) in questionnaire.extra_criteria().enumerate() {
        let answers = responses.extra.get(k).unwrap_or(&blank);
        columns.push(answers_column(criterion_column(&criterion.code), answers));
    }
    DataFrame::new(responses.len(), columns)
}

/// Per criterion of `questionnaire`, the weight where its answer counts and
/// where it is satisfied (0 elsewhere), named by [`weighted_answered`] and
/// [`weighted_satisfied`], for the covariance sums of the element
/// intervals: a product of two of them sums to Σ w² over respondents who
/// answered both. Computed in a query on the rows it keeps rather than
/// stored in the survey frame (two 8-byte columns a criterion and a
/// response).
pub fn weighted_columns(questionnaire: &crate::config::questionnaire::Questionnaire) -> Vec<Expr> {
    let weighted = |mask: Expr, name: String| {
        when(mask)
            .then(col("weight"))
            .otherwise(lit(0.0))
            .alias(name)
    };
    super::satisfaction::criterion_masks(questionnaire)
        .into_iter()
        .flat_map(|mask| {
            [
                weighted(mask.answered, weighted_answered(&mask.name)),
                weighted(mask.satisfied, weighted_satisfied(&mask.name)),
            ]
        })
        .collect()
}

/// The survey frame's column of the weight of respondents who answered the
/// criterion of column `name` (0 for the others).
pub fn weighted_answered(name: &str) -> String {
    format!("w·a:{name}")
}

/// The survey frame's column of the weight of respondents satisfied on the
/// criterion of column `name` (0 for the others).
pub fn weighted_satisfied(name: &str) -> String {
    format!("w·y:{name}")
}
