//! Canonical records, stored column-wise: one vector per field.

use super::agency::AgencyId;
use super::day_column::DayColumn;
use super::field_column::FieldColumn;
use super::origin_column::OriginColumn;
use super::text_column::TextColumn;
use super::vocab::{Category, Channel, Status};
use crate::calendar::Day;

/// Where a record came from: input file index and row number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Index into the run's list of inputs.
    pub input: u32,
    /// Row number as the user sees it.
    pub row: u32,
}

/// Feedback records (PAKN, "phản ánh, kiến nghị"), one entry per record in
/// every column. Dates are local (UTC+7) day numbers.
#[derive(Debug, Clone, Default)]
pub struct FeedbackRecords {
    /// Record id ("Mã PAKN").
    pub id: TextColumn,
    /// Day received ("Ngày tiếp nhận").
    pub received: Vec<Day>,
    /// Channel ("Kênh tiếp nhận").
    pub channel: Vec<Channel>,
    /// Handling agency ("Cơ quan xử lý").
    pub agency: Vec<AgencyId>,
    /// Category ("Phân loại").
    pub category: Vec<Option<Category>>,
    /// Subject area ("Lĩnh vực"); a handful of distinct texts, each stored once.
    pub field: FieldColumn,
    /// Day forwarded to the handling agency ("Ngày chuyển xử lý").
    pub forwarded: DayColumn,
    /// Deadline given in the record ("Hạn xử lý").
    pub due: DayColumn,
    /// Day handled ("Ngày xử lý xong"); None = pending.
    pub resolved: DayColumn,
    /// Day the result was sent to the submitter ("Ngày thông báo kết quả").
    pub notified: DayColumn,
    /// Day the result was published ("Ngày công khai").
    pub published: DayColumn,
    /// Status ("Trạng thái").
    pub status: Vec<Option<Status>>,
    /// Submitter's rating: true = satisfied ("Đánh giá").
    pub rating: Vec<Option<bool>>,
    /// Whether the PAKN repeats one raised before ("phản ánh lại").
    pub re_raised: Vec<Option<bool>>,
    /// Source file and row.
    pub origin: OriginColumn,
    /// Where each record was first read, when some came through a Parquet
    /// dataset: the export file (an index into the run's record sources,
    /// `Inputs::sources`) and its row. Empty when every record was read from
    /// its export directly: then `origin` says it.
    pub source: OriginColumn,
}

/// One PAKN record, as [`FeedbackRecords::push`] takes it.
pub struct Record<'a> {
    /// Id.
    pub id: &'a str,
    /// Day received.
    pub received: Day,
    /// Channel of receipt.
    pub channel: Channel,
    /// Handling agency.
    pub agency: AgencyId,
    /// Classification.
    pub category: Option<Category>,
    /// Subject field.
    pub field: Option<&'a str>,
    /// Days forwarded, due, resolved, notified and published.
    pub days: [Option<Day>; 5],
    /// Status.
    pub status: Option<Status>,
    /// Submitter's rating.
    pub rating: Option<bool>,
    /// Whether it repeats one raised before.
    pub re_raised: Option<bool>,
    /// Source file and row.
    pub origin: Origin,
}

impl FeedbackRecords {
    /// Adds one record.
    pub fn push(&mut self, record: &Record<'_>) {
        let [forwarded, due, resolved, notified, published] = record.days;
        self.id.push(record.id);
        self.received.push(record.received);
        self.channel.push(record.channel);
        self.agency.push(record.agency);
        self.category.push(record.category);
        self.field.push(record.field);
        self.forwarded.push(forwarded);
        self.due.push(due);
        self.resolved.push(resolved);
        self.notified.push(notified);
        self.published.push(published);
        self.status.push(record.status);
        self.rating.push(record.rating);
        self.re_raised.push(record.re_raised);
        self.origin.push(record.origin);
    }

    /// Makes room for `additional` more records in every column.
    pub fn reserve(&mut self, additional: usize) {
        self.id.reserve(additional);
        self.received.reserve(additional);
        self.channel.reserve(additional);
        self.agency.reserve(additional);
        self.category.reserve(additional);
        self.field.reserve(additional);
        self.forwarded.reserve(additional);
        self.due.reserve(additional);
        self.resolved.reserve(additional);
        self.notified.reserve(additional);
        self.published.reserve(additional);
        self.status.reserve(additional);
        self.rating.reserve(additional);
        self.re_raised.reserve(additional);
    }

    /// Moves every record of `other` to the end, leaving it empty (without
    /// a copy when there are none yet).
    pub fn append(&mut self, other: &mut Self) {
        if self.is_empty() {
            std::mem::swap(self, other);
            return;
        }
        self.id.append(&mut other.id);
        self.received.append(&mut other.received);
        self.channel.append(&mut other.channel);
        self.agency.append(&mut other.agency);
        self.category.append(&mut other.category);
        self.field.append(&mut other.field);
        self.forwarded.append(&mut other.forwarded);
        self.due.append(&mut other.due);
        self.resolved.append(&mut other.resolved);
        self.notified.append(&mut other.notified);
        self.published.append(&mut other.published);
        self.status.append(&mut other.status);
        self.rating.append(&mut other.rating);
        self.re_raised.append(&mut other.re_raised);
        append_provenance(
            (&mut self.source, &mut self.origin),
            (&mut other.source, &mut other.origin),
        );
    }

    /// Keeps the records whose flag in `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        self.id.retain(keep);
        retain_flagged(&mut self.received, keep);
        retain_flagged(&mut self.channel, keep);
        retain_flagged(&mut self.agency, keep);
        retain_flagged(&mut self.category, keep);
        self.field.retain(keep);
        self.forwarded.retain(keep);
        self.due.retain(keep);
        self.resolved.retain(keep);
        self.notified.retain(keep);
        self.published.retain(keep);
        retain_flagged(&mut self.status, keep);
        retain_flagged(&mut self.rating, keep);
        retain_flagged(&mut self.re_raised, keep);
        self.origin.retain(keep);
        if !self.source.is_empty() {
            self.source.retain(keep);
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Where record `position` was first read (export file and row).
    pub fn source_of(&self, position: usize) -> Origin {
        self.source
            .get(position)
            .or_else(|| self.origin.get(position))
            .unwrap_or(Origin { input: 0, row: 0 })
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

/// Number of PAKN criteria in the SIPAS element.
pub const CRITERIA: usize = 4;

/// SIPAS survey responses ("phiếu khảo sát"), column-wise.
#[derive(Debug, Clone, Default)]
pub struct SurveyResponses {
    /// Questionnaire id ("Mã phiếu").
    pub id: TextColumn,
    /// Day of the interview ("Ngày khảo sát").
    pub surveyed: Vec<Day>,
    /// Agency the answers are about.
    pub agency: Vec<AgencyId>,
    /// Whether the respondent gave feedback to the agency; None = not asked.
    pub gave_feedback: Vec<Option<bool>>,
    /// Survey weight ("Trọng số"); 1 when the input has none.
    pub weight: Vec<f64>,
    /// Answers 1–5 to TC1…TC4; None = no answer.
    pub answers: [Vec<Option<u8>>; CRITERIA],
    /// Answers 1–5 to the questionnaire's other criteria, one column per
    /// criterion in questionnaire order (see [`SurveyResponses::widen`]).
    pub extra: Vec<Vec<Option<u8>>>,
    /// Source file and row.
    pub origin: OriginColumn,
    /// Where each record was first read, when some came through a Parquet
    /// dataset: the export file (an index into the run's record sources,
    /// `Inputs::sources`) and its row. Empty when every record was read from
    /// its export directly: then `origin` says it.
    pub source: OriginColumn,
}

/// One survey response, as [`SurveyResponses::push`] takes it.
pub struct Response<'a> {
    /// Questionnaire id.
    pub id: &'a str,
    /// Day of the interview.
    pub surveyed: Day,
    /// Agency the answers are about.
    pub agency: AgencyId,
    /// Whether the respondent gave feedback to the agency.
    pub gave_feedback: Option<bool>,
    /// Survey weight.
    pub weight: f64,
    /// Answers to TC1…TC4, then to the questionnaire's other criteria.
    pub answers: &'a [Option<u8>],
    /// Source file and row.
    pub origin: Origin,
}

impl SurveyResponses {
    /// Adds one response; its answers past TC4 widen the extra columns
    /// first, blank for the responses already held.
    pub fn push(&mut self, response: &Response<'_>) {
        let answers = response.answers;
        self.widen(answers.len().saturating_sub(CRITERIA));
        self.id.push(response.id);
        self.surveyed.push(response.surveyed);
        self.agency.push(response.agency);
        self.gave_feedback.push(response.gave_feedback);
        self.weight.push(response.weight);
        let (pakn, extra) = answers.split_at(CRITERIA.min(answers.len()));
        for (column, answer) in self.answers.iter_mut().zip(pakn) {
            column.push(*answer);
        }
        for (column, answer) in self.extra.iter_mut().zip(extra) {
            column.push(*answer);
        }
        self.origin.push(response.origin);
    }

    /// Makes room for `additional` more responses in every column.
    pub fn reserve(&mut self, additional: usize) {
        self.id.reserve(additional);
        self.surveyed.reserve(additional);
        self.agency.reserve(additional);
        self.gave_feedback.reserve(additional);
        self.weight.reserve(additional);
        for answers in self.answers.iter_mut().chain(self.extra.iter_mut()) {
            answers.reserve(additional);
        }
    }

    /// Makes sure there are at least `criteria` extra answer columns, the
    /// new ones blank for the responses already held.
    pub fn widen(&mut self, criteria: usize) {
        let rows = self.len();
        while self.extra.len() < criteria {
            self.extra.push(vec![None; rows]);
        }
    }

    /// Moves every response of `other` to the end, leaving it empty (without
    /// a copy when there are none yet).
    pub fn append(&mut self, other: &mut Self) {
        let criteria = self.extra.len().max(other.extra.len());
        self.widen(criteria);
        other.widen(criteria);
        if self.is_empty() {
            std::mem::swap(self, other);
            return;
        }
        for (answers, more) in self.extra.iter_mut().zip(other.extra.iter_mut()) {
            answers.append(more);
        }
        self.id.append(&mut other.id);
        self.surveyed.append(&mut other.surveyed);
        self.agency.append(&mut other.agency);
        self.gave_feedback.append(&mut other.gave_feedback);
        self.weight.append(&mut other.weight);
        for (answers, more) in self.answers.iter_mut().zip(other.answers.iter_mut()) {
            answers.append(more);
        }
        append_provenance(
            (&mut self.source, &mut self.origin),
            (&mut other.source, &mut other.origin),
        );
    }

    /// Keeps the responses whose flag in `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        self.id.retain(keep);
        retain_flagged(&mut self.surveyed, keep);
        retain_flagged(&mut self.agency, keep);
        retain_flagged(&mut self.gave_feedback, keep);
        retain_flagged(&mut self.weight, keep);
        for answers in self.answers.iter_mut().chain(self.extra.iter_mut()) {
            retain_flagged(answers, keep);
        }
        self.origin.retain(keep);
        if !self.source.is_empty() {
            self.source.retain(keep);
        }
    }

    /// Number of responses.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether there are no responses.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

/// Appends the record sources and origins of `other` to those of `mine`.
/// When either side has record sources, the side without gets its origins
/// as its sources (an input's own index is its index among the record
/// sources).
fn append_provenance(
    mine: (&mut OriginColumn, &mut OriginColumn),
    other: (&mut OriginColumn, &mut OriginColumn),
) {
    let (sources, origins) = mine;
    let (more, more_origins) = other;
    if !(sources.is_empty() && more.is_empty()) {
        if sources.is_empty() {
            sources.extend(origins.iter());
        }
        if more.is_empty() {
            sources.extend(more_origins.iter());
        } else {
            sources.append(more);
        }
    }
    origins.append(more_origins);
}

/// Keeps the items of `column` whose flag in `keep` (same length) is true.
fn retain_flagged<T>(column: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    column.retain(|_| flags.next().copied().unwrap_or(true));
}
