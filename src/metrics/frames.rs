//! Canonical records as polars data frames, with the working-day columns the
//! handling metrics need computed once from the working-day table.

use polars::prelude::*;
use rayon::prelude::*;

use crate::calendar::{Day, WorkingCalendar};
use crate::config::Config;
use crate::model::{
    Category, Channel, DayColumn, FeedbackRecords, Status, SurveyResponses, CRITERIA,
};

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

/// The feedback frame: one row per record with `agency` (the agency it
/// counts under, from `agencies`; see [`key_column`]), `received`, `channel`
/// (its position in [`crate::model::Channel::ALL`], one byte),
/// `due` (each record's deadline, from [`due_dates`]), `resolved`, `refused` (status "not accepted"), `online`,
/// `forwarded` (has a forwarding date), `classified` (has a category),
/// `rated` and `unsatisfied` (the submitter's rating), `re_raised`,
/// `category` (see [`category_key`], one byte) and `field` (the
/// record's key in `field_keys`, see [`super::subjects::FieldIndex`] and [`key_column`]), and the working-day spans
/// `forward_wd` = WD(received, forwarded], `notify_wd` = WD(resolved, notified],
/// `publish_wd` = WD(resolved, published] (two bytes, see [`span_of`]).
pub fn feedback_frame(
    records: &FeedbackRecords,
    agencies: &[crate::model::AgencyId],
    due: &DayColumn,
    field_keys: Vec<u32>,
    calendar: &WorkingCalendar,
) -> PolarsResult<DataFrame> {
    let n = records.len();
    // The working-day spans are the frame's costly columns: computed on
    // every core, from the stored days (see `DayColumn::raw`).
    let span = |name: &str, from: &[Day], to: &[Day]| -> Column {
        let spans: Vec<Option<i16>> = from
            .par_iter()
            .zip(to)
            .map(|(&a, &b)| {
                let (a, b) = (DayColumn::day_of(a)?, DayColumn::day_of(b)?);
                calendar.working_days_between(a, b).map(span_of)
            })
            .collect();
        Int16Chunked::from_iter_options(name.into(), spans.into_iter()).into_column()
    };
    let days = |name: &str, column: &DayColumn| -> Column {
        Int32Chunked::from_iter_options(name.into(), column.iter()).into_column()
    };
    // Every column's values are moved into the frame, not copied again.
    let flags = |name: &str, values: Vec<bool>| -> Column {
        BooleanChunked::from_iter_values(name.into(), values.into_iter()).into_column()
    };
    let bytes =
        |name: &str, values: Vec<i8>| Int8Chunked::from_vec(name.into(), values).into_column();
    type Build<'a> = Box<dyn Fn() -> Column + Sync + 'a>;
    // Each column is built on its own: the columns are built on every core.
    let builders: Vec<Build> = vec![
        Box::new(|| key_column("agency", agencies)),
        Box::new(|| {
            Int32Chunked::from_vec("received".into(), records.received.clone()).into_column()
        }),
        Box::new(|| {
            bytes(
                "channel",
                records.channel.iter().map(|c| channel_key(*c)).collect(),
            )
        }),
        Box::new(|| days("due", due)),
        Box::new(|| days("resolved", &records.resolved)),
        Box::new(|| {
            flags(
                "refused",
                records
                    .status
                    .iter()
                    .map(|s| *s == Some(Status::TuChoi))
                    .collect(),
            )
        }),
        Box::new(|| {
            flags(
                "online",
                records.channel.iter().map(|c| c.is_online()).collect(),
            )
        }),
        Box::new(|| {
            flags(
                "forwarded",
                records.forwarded.iter().map(|d| d.is_some()).collect(),
            )
        }),
        Box::new(|| {
            flags(
                "classified",
                records.category.iter().map(Option::is_some).collect(),
            )
        }),
        Box::new(|| {
            flags(
                "rated",
                records.rating.iter().map(Option::is_some).collect(),
            )
        }),
        Box::new(|| {
            flags(
                "unsatisfied",
                records.rating.iter().map(|r| *r == Some(false)).collect(),
            )
        }),
        Box::new(|| {
            flags(
                "re_raised",
                records.re_raised.iter().map(|r| *r == Some(true)).collect(),
            )
        }),
        Box::new(|| {
            bytes(
                "category",
                records.category.iter().map(|c| category_byte(*c)).collect(),
            )
        }),
        Box::new(|| span("forward_wd", &records.received, records.forwarded.raw())),
        Box::new(|| span("notify_wd", records.resolved.raw(), records.notified.raw())),
        Box::new(|| {
            span(
                "publish_wd",
                records.resolved.raw(),
                records.published.raw(),
            )
        }),
    ];
    let mut columns: Vec<Column> = builders.par_iter().map(|build| build()).collect();
    columns.push(key_column("field", &field_keys));
    drop(field_keys);
    DataFrame::new(n, columns)
}

/// A column of keys (agency, subject field) in two bytes when every key
/// fits, as it does below 32,768 agencies or fields, in four otherwise; the
/// queries read keys as `u32` whatever their width.
pub fn key_column(name: &str, keys: &[u32]) -> Column {
    let narrow: Option<Vec<i16>> = keys.iter().map(|&k| i16::try_from(k).ok()).collect();
    match narrow {
        Some(narrow) => Int16Chunked::from_vec(name.into(), narrow).into_column(),
        None => UInt32Chunked::from_vec(name.into(), keys.to_vec()).into_column(),
    }
}

/// A channel's key in the frame: its position in
/// [`crate::model::Channel::ALL`] (fewer than 128 channels).
fn channel_key(channel: Channel) -> i8 {
    const _: () = assert!(Channel::ALL.len() < 128);
    channel.index() as i8
}

/// The position of a record's category in the frame's `category` column:
/// the vocabulary's order, then 4 for "not classified".
pub fn category_key(category: Option<Category>) -> u32 {
    match category {
        Some(c) => Category::ALL.iter().position(|&x| x == c).unwrap_or(4) as u32,
        None => Category::ALL.len() as u32,
    }
}

/// A category's key in the frame, [`category_key`] in one
/// byte (fewer than 128 categories).
fn category_byte(category: Option<Category>) -> i8 {
    const _: () = assert!(Category::ALL.len() < 127);
    category_key(category) as i8
}

/// A span of working days in two bytes: a span beyond 32,767 working days
/// (over a century) is held at that bound, which answers every comparison
/// with a limit of the configuration (at most
/// [`crate::config::MAX_WORKING_DAYS`]) as the span itself would.
pub fn span_of(days: u32) -> i16 {
    i16::try_from(days).unwrap_or(i16::MAX)
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

/// The survey frame: `agency` (the agency it counts under, from
/// `agencies`), `surveyed`, `gave_feedback` (null = not
/// asked), `weight`, `TC1`…`TC4` and a column per other criterion of
/// `questionnaire` (see [`criterion_column`]; 1–5, null = no answer). The
/// weighted indicator columns of the covariance sums are computed in each
/// query, on the rows it keeps (see `criteria::weighted_columns`).
pub fn survey_frame(
    responses: &SurveyResponses,
    agencies: &[crate::model::AgencyId],
    questionnaire: &crate::config::questionnaire::Questionnaire,
) -> PolarsResult<DataFrame> {
    let mut columns = vec![
        Column::new("agency".into(), agencies.to_vec()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_past_two_bytes_stay_beyond_every_limit() {
        assert_eq!(span_of(0), 0);
        assert_eq!(span_of(5), 5);
        assert_eq!(span_of(32_767), 32_767);
        assert_eq!(span_of(32_768), i16::MAX);
        assert_eq!(span_of(u32::MAX), i16::MAX);
        // The configuration allows limits up to a year of days: a span held
        // at the bound is still past every one of them.
        let limit = i16::try_from(crate::config::MAX_WORKING_DAYS).unwrap();
        assert!(span_of(100_000) > limit);
    }

    #[test]
    fn keys_take_two_bytes_while_they_fit() {
        let narrow = key_column("agency", &[0, 7, 32_767]);
        assert_eq!(narrow.dtype(), &DataType::Int16);
        let wide = key_column("field", &[0, 32_768, 5]);
        assert_eq!(wide.dtype(), &DataType::UInt32);
        let as_u32 = |column: &Column| -> Vec<Option<u32>> {
            let keys = column.cast(&DataType::UInt32).unwrap();
            keys.u32().unwrap().iter().collect()
        };
        assert_eq!(as_u32(&narrow), [Some(0), Some(7), Some(32_767)]);
        assert_eq!(as_u32(&wide), [Some(0), Some(32_768), Some(5)]);
    }

    #[test]
    fn channel_and_category_keys_are_their_positions() {
        for (position, channel) in Channel::ALL.iter().enumerate() {
            assert_eq!(channel_key(*channel) as usize, position);
        }
        for (position, category) in Category::ALL.iter().enumerate() {
            assert_eq!(category_byte(Some(*category)) as usize, position);
        }
        assert_eq!(category_byte(None) as usize, Category::ALL.len());
    }
}
