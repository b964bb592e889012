//! Deterministic sample data: an agency registry of real Hanoi departments
//! and districts through the 2025 reform (see [`reform`]), PAKN exports
//! from three systems (a hotline log as a semicolon CSV, a National Public
//! Service Portal workbook, a one-stop desk CSV with unaccented headers) and
//! a SIPAS survey workbook, from 2024-Q1 to 2026-Q3, with a handful of
//! deliberately bad rows and exports that keep an old name for a while.

mod agencies;
pub mod reform;
pub mod scale;
mod writers;

use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use thiserror::Error;

use crate::calendar::days::{weekday, Day};
use crate::calendar::{Period, PeriodMode, PeriodSpan, Schedules, WorkingCalendar};
use crate::model::{Channel, CRITERIA};
pub use agencies::{SampleAgency, AGENCIES};
pub use scale::{generate_scale, ScaleOptions};

/// Sample data that could not be written.
#[derive(Debug, Error)]
pub enum SampleError {
    /// A file could not be written.
    #[error("cannot write {path}: {message}")]
    Write {
        /// Path.
        path: String,
        /// What failed.
        message: String,
    },
    /// The options cannot give a data set.
    #[error("{0}")]
    Invalid(String),
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SampleOptions {
    /// Seed of the random generator: the same seed gives the same files.
    pub seed: u64,
    /// Number of PAKN records (before the bad rows are added).
    pub records: usize,
    /// Number of survey responses (before the bad rows are added).
    pub responses: usize,
    /// The data starts with the first quarter of this year (Decree 09/2019 periods).
    pub start_year: i32,
    /// Number of consecutive quarters.
    pub quarters: u32,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            seed: 2024,
            records: 5500,
            responses: 11000,
            start_year: 2024,
            quarters: 11,
        }
    }
}

/// One generated PAKN record.
#[derive(Debug, Clone)]
pub(crate) struct SampleRecord {
    pub id: String,
    pub received: Day,
    pub received_minute: u32,
    pub channel: Channel,
    pub agency: usize,
    pub category: &'static str,
    pub field: &'static str,
    pub forwarded: Option<Day>,
    pub due: Day,
    pub resolved: Option<Day>,
    pub notified: Option<Day>,
    pub published: Option<Day>,
    pub status: &'static str,
    pub rating: Option<&'static str>,
}

/// One generated survey response.
#[derive(Debug, Clone)]
pub(crate) struct SampleResponse {
    pub id: String,
    pub surveyed: Day,
    pub agency_label: String,
    pub gave_feedback: &'static str,
    /// Each answer as written in the file: a number, a label, a no-answer code or blank.
    pub answers: [String; CRITERIA],
    /// The answers to the criteria of [`OTHER_ELEMENTS`], written the same way.
    pub other_answers: Vec<String>,
}

const CATEGORIES: [&str; 4] = [
    "Thủ tục hành chính",
    "Quy định hành chính",
    "Hành vi hành chính",
    "Khác",
];
const FIELDS: [&str; 8] = [
    "Đất đai",
    "Xây dựng",
    "Môi trường",
    "Giao thông",
    "Hộ tịch",
    "Đăng ký kinh doanh",
    "Y tế",
    "Giáo dục",
];
/// Channel shares of the sample.
const CHANNEL_SHARES: [(Channel, f64); 12] = [
    (Channel::Hotline, 0.22),
    (Channel::NationalPortal, 0.18),
    (Channel::Website, 0.10),
    (Channel::Email, 0.08),
    (Channel::Zalo, 0.08),
    (Channel::Facebook, 0.04),
    (Channel::Sms, 0.04),
    (Channel::App, 0.04),
    (Channel::InPerson, 0.12),
    (Channel::Letter, 0.05),
    (Channel::Mailbox, 0.03),
    (Channel::Press, 0.02),
];

/// Picks an index with probability proportional to `weights`.
fn pick(rng: &mut ChaCha8Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if target < *w {
            return i;
        }
        target -= w;
    }
    weights.len().saturating_sub(1)
}

/// A day in `[first, last]`, weekdays four times as likely as weekend days.
fn random_day(rng: &mut ChaCha8Rng, first: Day, last: Day) -> Day {
    loop {
        let day = rng.random_range(first..=last);
        if weekday(day) <= 5 || rng.random_bool(0.25) {
            return day;
        }
    }
}

/// The generated data set.
pub(crate) struct SampleData {
    /// The registry the records' agencies index.
    pub registry: Vec<reform::Registered>,
    pub records: Vec<SampleRecord>,
    pub responses: Vec<SampleResponse>,
}

/// What every draw of a record needs: the calendar and the span of the data.
pub(crate) struct DrawContext<'a> {
    /// Working days, for deadlines and handling dates.
    pub calendar: &'a WorkingCalendar,
    /// First day a record may be received (a month before the first quarter,
    /// so that the first quarter has a backlog carried over).
    pub span_start: Day,
    /// First day of the first quarter.
    pub first_start: Day,
    /// Last day of the data.
    pub data_end: Day,
}

impl DrawContext<'_> {
    /// Quarters elapsed since the first quarter (fractional), for slow trends.
    fn quarter_of(&self, day: Day) -> f64 {
        f64::from((day - self.first_start).max(0)) / 91.0
    }
}

/// Draws one PAKN record of an agency handling `on_time_share` of its PAKN
/// on time (before the slow improvement over the quarters).
pub(crate) fn draw_record(
    rng: &mut ChaCha8Rng,
    context: &DrawContext<'_>,
    agency: usize,
    on_time_share: f64,
    channel_weights: &[f64],
) -> SampleRecord {
    let channel = CHANNEL_SHARES[pick(rng, channel_weights)].0;
    let received = random_day(rng, context.span_start, context.data_end);
    draw_record_on(rng, context, agency, on_time_share, (channel, received))
}

/// As [`draw_record`], for a record of `channel` received on `received`.
pub(crate) fn draw_record_on(
    rng: &mut ChaCha8Rng,
    context: &DrawContext<'_>,
    agency: usize,
    on_time_share: f64,
    (channel, received): (Channel, Day),
) -> SampleRecord {
    let (calendar, data_end) = (context.calendar, context.data_end);
    let received_minute = rng.random_range(7 * 60..18 * 60);
    let forwarded = (matches!(channel, Channel::Hotline | Channel::NationalPortal)
        && rng.random_bool(0.6))
    .then(|| {
        let days = if rng.random_bool(0.92) {
            rng.random_range(0..=4)
        } else {
            rng.random_range(6..=9)
        };
        calendar
            .add_working_days(received, days)
            .unwrap_or(received)
    });
    let start = forwarded.unwrap_or(received);
    let category = CATEGORIES[pick(rng, &[0.45, 0.2, 0.15, 0.2])];
    let allowed = if category == CATEGORIES[0] && channel == Channel::InPerson {
        10
    } else {
        15
    };
    let due = calendar.add_working_days(start, allowed).unwrap_or(start);
    let on_time = (on_time_share + 0.01 * context.quarter_of(received)).min(0.995);
    let refused = rng.random_bool(0.02);
    let working_days = if rng.random_bool(on_time) {
        if rng.random_bool(0.1) {
            allowed
        } else {
            rng.random_range(1..allowed)
        }
    } else {
        rng.random_range(allowed + 1..=allowed + 20)
    };
    let mut resolved = calendar
        .add_working_days(start, working_days)
        .filter(|&d| d <= data_end && !refused);
    if rng.random_bool(0.01) {
        resolved = None; // forgotten in a drawer: pending long after its deadline
    }
    let notified = resolved.filter(|_| rng.random_bool(0.85)).and_then(|r| {
        let days = if rng.random_bool(0.9) {
            rng.random_range(0..=2)
        } else {
            rng.random_range(3..=6)
        };
        calendar.add_working_days(r, days)
    });
    let published = resolved
        .filter(|_| rng.random_bool(0.4))
        .and_then(|r| calendar.add_working_days(r, rng.random_range(0..=4)));
    let status = match (refused, resolved) {
        (true, _) => "Từ chối",
        (false, Some(_)) => "Đã xử lý",
        (false, None) => "Đang xử lý",
    };
    let rating = resolved.filter(|_| rng.random_bool(0.3)).map(|_| {
        if rng.random_bool(on_time) {
            "Hài lòng"
        } else {
            "Không hài lòng"
        }
    });
    SampleRecord {
        id: String::new(),
        received,
        received_minute,
        channel,
        agency,
        category,
        field: FIELDS[rng.random_range(0..FIELDS.len())],
        forwarded,
        due,
        resolved,
        notified: notified.filter(|&d| d <= data_end),
        published: published.filter(|&d| d <= data_end),
        status,
        rating,
    }
}

/// Draws whether a respondent gave feedback ("Có", "Không" or blank).
pub(crate) fn draw_gave_feedback(rng: &mut ChaCha8Rng) -> &'static str {
    ["Có", "Không", ""][pick(rng, &[0.75, 0.2, 0.05])]
}

/// Draws the four answers of a respondent of an agency whose base
/// satisfaction is `base`, `quarters` after the first quarter, as written in
/// a file: a number, a label (one in ten), a no-answer code or blank.
pub(crate) fn draw_answers(rng: &mut ChaCha8Rng, base: f64, quarters: f64) -> [String; CRITERIA] {
    let answers = draw_answers_with(rng, base, quarters, &[0.03, -0.01, -0.01, -0.02]);
    std::array::from_fn(|k| answers[k].clone())
}

/// As [`draw_answers`], one answer per offset (the criterion's satisfaction
/// against the agency's base).
fn draw_answers_with(
    rng: &mut ChaCha8Rng,
    base: f64,
    quarters: f64,
    offsets: &[f64],
) -> Vec<String> {
    let trend = 0.008 * quarters;
    offsets
        .iter()
        .map(|offset| {
            if rng.random_bool(0.04) {
                return ["9", "Không ý kiến", "", "0"][rng.random_range(0..4)].to_string();
            }
            let satisfied = rng.random_bool((base - 0.04 + offset + trend).clamp(0.05, 0.99));
            let value = if satisfied {
                if rng.random_bool(0.4) {
                    5
                } else {
                    4
                }
            } else {
                [1, 2, 3][pick(rng, &[0.15, 0.35, 0.5])]
            };
            if rng.random_bool(0.1) {
                crate::model::vocab::LIKERT_LABELS[value - 1].to_string()
            } else {
                value.to_string()
            }
        })
        .collect()
}

/// A criterion of the sample survey: code, question, satisfaction against
/// the agency's base.
pub(crate) type SampleCriterion = (&'static str, &'static str, f64);

/// The sample survey's other elements (Decision 2640/QĐ-BNV measures five:
/// access to services, administrative procedures, civil servants, results,
/// and receiving and handling feedback): code, name, and per criterion its
/// code, the question as this sample survey words it (not official wording)
/// and its satisfaction against the agency's base.
#[rustfmt::skip]
pub(crate) const OTHER_ELEMENTS: [(&str, &str, &[SampleCriterion]); 4] = [
    ("TCDV", "Tiếp cận dịch vụ", &[
        ("TCDV1", "Nơi đón tiếp có đủ chỗ ngồi và dễ tìm", 0.05),
        ("TCDV2", "Trang thiết bị phục vụ người dân đầy đủ, dễ sử dụng", 0.02),
    ]),
    ("TTHC", "Thủ tục hành chính", &[
        ("TTHC1", "Thủ tục được niêm yết công khai, dễ tìm", 0.04),
        ("TTHC2", "Thành phần hồ sơ phải nộp là hợp lý", -0.02),
        ("TTHC3", "Thời hạn giải quyết ghi trên giấy hẹn là hợp lý", -0.03),
    ]),
    ("CC", "Công chức trực tiếp giải quyết công việc", &[
        ("CC1", "Công chức có thái độ lịch sự khi tiếp đón", 0.03),
        ("CC2", "Công chức hướng dẫn kê khai hồ sơ tận tình, dễ hiểu", 0.0),
    ]),
    ("KQ", "Kết quả giải quyết công việc", &[
        ("KQ1", "Kết quả đúng quy định, thông tin chính xác", 0.04),
        ("KQ2", "Nhận kết quả đúng hẹn", -0.04),
    ]),
];

/// The offsets of every criterion of [`OTHER_ELEMENTS`], in order.
fn other_offsets() -> Vec<f64> {
    OTHER_ELEMENTS
        .iter()
        .flat_map(|(_, _, criteria)| criteria.iter().map(|c| c.2))
        .collect()
}

/// The channel weights of [`CHANNEL_SHARES`].
pub(crate) fn channel_weights() -> Vec<f64> {
    CHANNEL_SHARES.iter().map(|c| c.1).collect()
}

fn generate_data(
    options: &SampleOptions,
    first: Period,
    last: Period,
    calendar: &WorkingCalendar,
) -> SampleData {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let context = DrawContext {
        calendar,
        span_start: first.start - 30,
        first_start: first.start,
        data_end: last.end,
    };
    let registry = reform::sample_registry();
    let channel_weights = channel_weights();
    let mut records = Vec::with_capacity(options.records);
    for _ in 0..options.records {
        // The day first, then an agency standing that day.
        let received = random_day(&mut rng, context.span_start, context.data_end);
        let agency = pick(&mut rng, &reform::weights_on(&registry, received, |a| a.4));
        let channel = CHANNEL_SHARES[pick(&mut rng, &channel_weights)].0;
        let on_time_share = registry[agency].agency.6;
        let mut record = draw_record_on(
            &mut rng,
            &context,
            agency,
            on_time_share,
            (channel, received),
        );
        settle_reform(&mut rng, &registry, &mut record);
        records.push(record);
    }
    records.sort_by_key(|r| (r.received, r.received_minute));

    // The other elements' answers come from a stream of their own.
    let mut other_rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0x5349_5041_5332);
    let other_offsets = other_offsets();
    let mut responses = Vec::with_capacity(options.responses);
    for n in 0..options.responses {
        let surveyed = random_day(&mut rng, first.start, last.end);
        let weights = reform::weights_on(&registry, surveyed, |a| 0.4 + a.4);
        let agency = pick(&mut rng, &weights);
        let (code, name, _, aliases, _, base, _) = registry[agency].agency;
        let alias_choices: Vec<&str> = std::iter::once(name)
            .chain(aliases.split('|').filter(|a| !a.is_empty()))
            .chain([code])
            .collect();
        let agency_label = alias_choices[pick(
            &mut rng,
            &[6.0, 1.0, 1.0, 1.0][..alias_choices.len().min(4)],
        )];
        let gave_feedback = draw_gave_feedback(&mut rng);
        let answers = draw_answers(&mut rng, base, context.quarter_of(surveyed));
        let other_answers = draw_answers_with(
            &mut other_rng,
            base,
            context.quarter_of(surveyed),
            &other_offsets,
        );
        responses.push(SampleResponse {
            id: format!("SIPAS-{:05}", n + 1),
            surveyed,
            agency_label: agency_label.to_string(),
            gave_feedback,
            answers,
            other_answers,
        });
    }
    responses.sort_by(|a, b| (a.surveyed, &a.id).cmp(&(b.surveyed, &b.id)));
    SampleData {
        registry,
        records,
        responses,
    }
}

/// What the reform does to a drawn record: an agency that ends with no
/// successor (a district) hands over its work by its last day, so its
/// PAKN still open are closed on that day; and for two months after a
/// merger one record in eight still names an agency the merger ended (the
/// export keeps the old name).
fn settle_reform(rng: &mut ChaCha8Rng, registry: &[reform::Registered], record: &mut SampleRecord) {
    let entry = &registry[record.agency];
    if let (Some(until), None) = (entry.until, entry.successor) {
        if record.status != "Từ chối" && record.resolved.is_none_or(|r| r > until) {
            let closed = until.max(record.received);
            record.resolved = Some(closed);
            record.notified = Some(closed);
            record.published = record.published.map(|_| closed);
            record.status = "Đã xử lý";
        }
    }
    let code = entry.agency.0;
    let recent: Vec<usize> = registry
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.successor == Some(code)
                && r.until
                    .is_some_and(|until| until < record.received && record.received <= until + 61)
        })
        .map(|(k, _)| k)
        .collect();
    if !recent.is_empty() && rng.random_bool(0.125) {
        record.agency = recent[rng.random_range(0..recent.len())];
    }
}

/// Writes the sample data set into `folder` and returns the files written.
pub fn generate(options: &SampleOptions, folder: &Path) -> Result<Vec<PathBuf>, SampleError> {
    let quarter = |index: u32| {
        let year = options.start_year + (index / 4) as i32;
        Period::new(
            year,
            PeriodSpan::Quarter((index % 4 + 1) as u8),
            PeriodMode::Decree09,
        )
    };
    let (Some(first), Some(last)) = (quarter(0), quarter(options.quarters.max(1) - 1)) else {
        return Err(SampleError::Invalid(format!(
            "the sample must lie between 1900 and 2100, not start in {}",
            options.start_year
        )));
    };
    let schedules = Schedules::shipped().unwrap_or_default();
    let calendar = WorkingCalendar::build(options.start_year - 1, last.year + 1, &schedules);
    let data = generate_data(options, first, last, &calendar);
    writers::write_all(&data, folder)
}
