//! Large generated data sets for benchmarks and national roll-ups: any
//! number of PAKN records, survey responses and agencies over several years,
//! drawn from the same distributions as the sample data, written in the
//! canonical format as CSV and/or XLSX.
//!
//! Records are drawn in chunks of [`CHUNK`] from their own seeded generator,
//! so the files depend only on the options (not on the number of threads),
//! and two threads draw while the main thread writes.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{
    channel_weights, draw_answers, draw_gave_feedback, draw_record, pick, random_day, DrawContext,
    SampleError, SampleRecord, AGENCIES,
};
use crate::calendar::date_text::excel_serial;
use crate::calendar::days::{format_iso, Day};
use crate::calendar::{Period, PeriodMode, PeriodSpan, Schedules, WorkingCalendar};
use crate::model::{AgencyLevel, CRITERIA};

mod xlsx_sink;
use xlsx_sink::XlsxSink;

/// Records or responses drawn from one generator seed.
pub const CHUNK: usize = 65_536;

/// Rows per XLSX file: Excel's limit is 1,048,576 rows a sheet.
pub const XLSX_ROWS_PER_FILE: usize = 1_000_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct ScaleOptions {
    /// Seed: the same options give byte-identical files.
    pub seed: u64,
    /// PAKN records.
    pub records: usize,
    /// Survey responses.
    pub responses: usize,
    /// Agencies: the 41 sample agencies first, then generated communes and wards.
    pub agencies: usize,
    /// Years of data, from the first quarter of `start_year` (Decree 09 periods).
    pub years: u32,
    /// First year.
    pub start_year: i32,
    /// Write CSV files.
    pub csv: bool,
    /// Write XLSX files.
    pub xlsx: bool,
    /// The share of PAKN never resolved (a backlog that builds up over the
    /// years, as in real systems: about 5–10%), beyond those the records'
    /// own draw leaves pending. 0 leaves the draw as it is.
    pub backlog_share: f64,
}

/// The share of PAKN a large data set leaves never resolved by default.
pub const BACKLOG_SHARE: f64 = 0.08;

impl Default for ScaleOptions {
    fn default() -> Self {
        Self {
            seed: 2024,
            records: 1_000_000,
            responses: 200_000,
            agencies: 700,
            years: 3,
            start_year: 2023,
            csv: true,
            xlsx: false,
            backlog_share: BACKLOG_SHARE,
        }
    }
}

/// Leaves an accepted record pending for good: no handling, no result
/// notified or published, no rating.
fn never_resolved(record: &mut SampleRecord) {
    if record.status == "Từ chối" {
        return;
    }
    record.resolved = None;
    record.notified = None;
    record.published = None;
    record.rating = None;
    record.status = "Đang xử lý";
}

/// One agency of a generated registry.
#[derive(Debug, Clone)]
struct ScaleAgency {
    code: String,
    name: String,
    level: AgencyLevel,
    volume: f64,
    base: f64,
    on_time: f64,
}

fn registry(options: &ScaleOptions) -> Vec<ScaleAgency> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0xA6E4C1E5);
    let mut agencies: Vec<ScaleAgency> = AGENCIES
        .iter()
        .take(options.agencies)
        .map(|a| ScaleAgency {
            code: a.0.to_string(),
            name: a.1.to_string(),
            level: a.2,
            volume: a.4,
            base: a.5,
            on_time: a.6,
        })
        .collect();
    for n in agencies.len()..options.agencies {
        let kind = ["phường", "xã", "thị trấn"][pick(&mut rng, &[0.5, 0.45, 0.05])];
        agencies.push(ScaleAgency {
            code: format!("XP{:04}", n + 1),
            name: format!("UBND {kind} số {}", n + 1),
            level: AgencyLevel::XaPhuong,
            volume: rng.random_range(0.1..0.6),
            base: rng.random_range(0.70..0.93),
            on_time: rng.random_range(0.85..0.995),
        });
    }
    agencies
}

/// Header of the generated feedback files (canonical Vietnamese headers).
pub(super) const FEEDBACK_HEADER: [&str; 13] = [
    "Mã PAKN",
    "Ngày tiếp nhận",
    "Kênh tiếp nhận",
    "Cơ quan xử lý",
    "Phân loại",
    "Lĩnh vực",
    "Ngày chuyển xử lý",
    "Hạn xử lý",
    "Ngày xử lý xong",
    "Ngày thông báo kết quả",
    "Ngày công khai",
    "Trạng thái",
    "Đánh giá",
];

/// Header of the generated survey files.
const SURVEY_HEADER: [&str; 8] = [
    "Mã phiếu",
    "Ngày khảo sát",
    "Cơ quan",
    "Có góp ý",
    "TC1",
    "TC2",
    "TC3",
    "TC4",
];

/// One generated response.
struct ScaleResponse {
    surveyed: Day,
    agency: usize,
    gave_feedback: &'static str,
    answers: [String; CRITERIA],
}

/// Everything the drawing needs, shared by the threads.
struct Plan<'a> {
    options: &'a ScaleOptions,
    agencies: Vec<ScaleAgency>,
    context: DrawContext<'a>,
    last_end: Day,
    first_start: Day,
}

impl Plan<'_> {
    fn seed(&self, stream: u64, chunk: usize) -> u64 {
        self.options
            .seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(stream << 40)
            .wrapping_add(chunk as u64)
    }

    fn records(&self, chunk: usize) -> Vec<SampleRecord> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed(1, chunk));
        // The backlog is drawn from a stream of its own, so that the rest of
        // each record is drawn as without it.
        let mut backlog = ChaCha8Rng::seed_from_u64(self.seed(3, chunk));
        let share = self.options.backlog_share.clamp(0.0, 1.0);
        let volumes: Vec<f64> = self.agencies.iter().map(|a| a.volume).collect();
        let weights = channel_weights();
        let first = chunk * CHUNK;
        let count = CHUNK.min(self.options.records - first);
        (0..count)
            .map(|_| {
                let agency = pick(&mut rng, &volumes);
                let on_time = self.agencies[agency].on_time;
                let mut record = draw_record(&mut rng, &self.context, agency, on_time, &weights);
                if backlog.random_bool(share) {
                    never_resolved(&mut record);
                }
                record
            })
            .collect()
    }

    fn responses(&self, chunk: usize) -> Vec<ScaleResponse> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed(2, chunk));
        let weights: Vec<f64> = self.agencies.iter().map(|a| 0.4 + a.volume).collect();
        let first = chunk * CHUNK;
        let count = CHUNK.min(self.options.responses - first);
        (0..count)
            .map(|_| {
                let agency = pick(&mut rng, &weights);
                let surveyed = random_day(&mut rng, self.first_start, self.last_end);
                let gave_feedback = draw_gave_feedback(&mut rng);
                let quarters = f64::from(surveyed - self.first_start) / 91.0;
                let answers = draw_answers(&mut rng, self.agencies[agency].base, quarters);
                ScaleResponse {
                    surveyed,
                    agency,
                    gave_feedback,
                    answers,
                }
            })
            .collect()
    }
}

/// Writes a generated data set into `folder`: `agencies.csv`, then
/// `csv/feedback.csv` and `csv/survey.csv` and/or `xlsx/feedback-NN.xlsx` and
/// `xlsx/survey-NN.xlsx` (at most a million rows each). Returns the files.
pub fn generate_scale(options: &ScaleOptions, folder: &Path) -> Result<Vec<PathBuf>, SampleError> {
    if options.agencies == 0 || options.years == 0 {
        return Err(SampleError::Invalid(
            "a data set needs at least one agency and one year".to_string(),
        ));
    }
    let quarter =
        |year: i32, q: u8| Period::new(year, PeriodSpan::Quarter(q), PeriodMode::Decree09);
    let last_year = options.start_year + options.years as i32 - 1;
    let (Some(first), Some(last)) = (quarter(options.start_year, 1), quarter(last_year, 4)) else {
        return Err(SampleError::Invalid(format!(
            "the data set must lie between 1900 and 2100, not {}–{last_year}",
            options.start_year
        )));
    };
    let schedules = Schedules::shipped().unwrap_or_default();
    let calendar = WorkingCalendar::build(options.start_year - 1, last_year + 1, &schedules);
    let plan = Plan {
        options,
        agencies: registry(options),
        context: DrawContext {
            calendar: &calendar,
            span_start: first.start - 30,
            first_start: first.start,
            data_end: last.end,
        },
        last_end: last.end,
        first_start: first.start,
    };
    create_dir(folder)?;
    let mut written = vec![write_registry(
        &plan.agencies,
        &folder.join("agencies.csv"),
    )?];
    let dates = DateText::new(first.start - 31, last.end + 200);
    let mut sinks = Sinks::new(options, folder, &dates)?;
    let record_chunks = options.records.div_ceil(CHUNK);
    let response_chunks = options.responses.div_ceil(CHUNK);
    in_parallel(
        record_chunks,
        |c| plan.records(c),
        |n, record| sinks.record(n, record, &plan.agencies),
    )?;
    in_parallel(
        response_chunks,
        |c| plan.responses(c),
        |n, response| sinks.response(n, response, &plan.agencies),
    )?;
    written.extend(sinks.finish()?);
    Ok(written)
}

/// Draws chunks of items on two threads, in order, and hands each item to
/// `write` on the calling thread with its number (from 1).
fn in_parallel<T: Send>(
    chunks: usize,
    draw: impl Fn(usize) -> Vec<T> + Sync,
    mut write: impl FnMut(usize, &T) -> Result<(), SampleError>,
) -> Result<(), SampleError> {
    let mut number = 0usize;
    let mut consume = |items: Vec<T>| {
        for item in &items {
            number += 1;
            write(number, item)?;
        }
        Ok::<(), SampleError>(())
    };
    let mut chunk = 0;
    while chunk < chunks {
        let (a, b) = std::thread::scope(|scope| {
            let second = (chunk + 1 < chunks).then(|| scope.spawn(|| draw(chunk + 1)));
            let first = draw(chunk);
            (first, second.map(std::thread::ScopedJoinHandle::join))
        });
        consume(a)?;
        if let Some(b) = b {
            let b = b.map_err(|_| SampleError::Invalid("a generator thread failed".to_string()))?;
            consume(b)?;
        }
        chunk += 2;
    }
    Ok(())
}

fn create_dir(path: &Path) -> Result<(), SampleError> {
    std::fs::create_dir_all(path).map_err(|e| SampleError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

fn write_registry(agencies: &[ScaleAgency], path: &Path) -> Result<PathBuf, SampleError> {
    let error = |e: csv::Error| SampleError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut writer = csv::Writer::from_path(path).map_err(error)?;
    writer
        .write_record(["code", "name", "level", "aliases"])
        .map_err(error)?;
    for a in agencies {
        let level = match a.level {
            AgencyLevel::SoNganh => "so_nganh",
            AgencyLevel::QuanHuyen => "quan_huyen",
            AgencyLevel::XaPhuong => "xa_phuong",
        };
        writer
            .write_record([a.code.as_str(), a.name.as_str(), level, ""])
            .map_err(error)?;
    }
    writer.flush().map_err(|e| SampleError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    Ok(path.to_path_buf())
}

/// `yyyy-mm-dd` of every day of the data, formatted once.
struct DateText {
    first: Day,
    text: Vec<String>,
}

impl DateText {
    fn new(first: Day, last: Day) -> Self {
        Self {
            first,
            text: (first..=last).map(format_iso).collect(),
        }
    }

    fn get(&self, day: Day) -> &str {
        usize::try_from(day - self.first)
            .ok()
            .and_then(|i| self.text.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Where rows go: the CSV writers and the current XLSX workbooks.
struct Sinks<'a> {
    folder: PathBuf,
    dates: &'a DateText,
    csv_feedback: Option<BufWriter<std::fs::File>>,
    csv_survey: Option<BufWriter<std::fs::File>>,
    xlsx_feedback: Option<XlsxSink>,
    xlsx_survey: Option<XlsxSink>,
    line: String,
    written: Vec<PathBuf>,
}

impl<'a> Sinks<'a> {
    fn new(
        options: &ScaleOptions,
        folder: &Path,
        dates: &'a DateText,
    ) -> Result<Self, SampleError> {
        let mut written = Vec::new();
        let mut csv_file =
            |name: &str, header: &[&str]| -> Result<BufWriter<std::fs::File>, SampleError> {
                let dir = folder.join("csv");
                create_dir(&dir)?;
                let path = dir.join(name);
                let file = std::fs::File::create(&path).map_err(|e| SampleError::Write {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                let mut writer = BufWriter::with_capacity(1 << 20, file);
                writeln!(writer, "{}", header.join(",")).map_err(|e| SampleError::Write {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                written.push(path);
                Ok(writer)
            };
        let (csv_feedback, csv_survey) = if options.csv {
            (
                Some(csv_file("feedback.csv", &FEEDBACK_HEADER)?),
                Some(csv_file("survey.csv", &SURVEY_HEADER)?),
            )
        } else {
            (None, None)
        };
        if options.xlsx {
            create_dir(&folder.join("xlsx"))?;
        }
        Ok(Self {
            folder: folder.to_path_buf(),
            dates,
            csv_feedback,
            csv_survey,
            xlsx_feedback: options
                .xlsx
                .then(|| XlsxSink::new("feedback", &FEEDBACK_HEADER)),
            xlsx_survey: options
                .xlsx
                .then(|| XlsxSink::new("survey", &SURVEY_HEADER)),
            line: String::with_capacity(256),
            written,
        })
    }

    fn io_error(&self, name: &str, e: impl ToString) -> SampleError {
        SampleError::Write {
            path: self.folder.join(name).display().to_string(),
            message: e.to_string(),
        }
    }

    fn record(
        &mut self,
        n: usize,
        r: &SampleRecord,
        agencies: &[ScaleAgency],
    ) -> Result<(), SampleError> {
        let id = format!("PAKN-{n:08}");
        let agency = &agencies[r.agency].code;
        let dates = self.dates;
        let date = |d: Option<Day>| d.map(|d| dates.get(d)).unwrap_or("");
        if let Some(writer) = self.csv_feedback.as_mut() {
            let fields = [
                id.as_str(),
                date(Some(r.received)),
                r.channel.code(),
                agency,
                r.category,
                r.field,
                date(r.forwarded),
                date(Some(r.due)),
                date(r.resolved),
                date(r.notified),
                date(r.published),
                r.status,
                r.rating.unwrap_or(""),
            ];
            if let Err(e) = csv_line(writer, &mut self.line, fields) {
                return Err(self.io_error("csv/feedback.csv", e));
            }
        }
        if let Some(sink) = self.xlsx_feedback.as_mut() {
            let folder = self.folder.clone();
            let result = sink.row(&folder, |sheet, row, date_format| {
                sheet.write_string(row, 0, &id)?;
                sheet.write_number_with_format(row, 1, excel_serial(r.received), date_format)?;
                sheet.write_string(row, 2, r.channel.code())?;
                sheet.write_string(row, 3, agency)?;
                sheet.write_string(row, 4, r.category)?;
                sheet.write_string(row, 5, r.field)?;
                let optional = [
                    (6, r.forwarded),
                    (7, Some(r.due)),
                    (8, r.resolved),
                    (9, r.notified),
                    (10, r.published),
                ];
                for (col, day) in optional {
                    if let Some(day) = day {
                        sheet.write_number_with_format(row, col, excel_serial(day), date_format)?;
                    }
                }
                sheet.write_string(row, 11, r.status)?;
                if let Some(rating) = r.rating {
                    sheet.write_string(row, 12, rating)?;
                }
                Ok(())
            });
            if let Some(path) = result.map_err(|e| self.io_error("xlsx/feedback", e))? {
                self.written.push(path);
            }
        }
        Ok(())
    }

    fn response(
        &mut self,
        n: usize,
        r: &ScaleResponse,
        agencies: &[ScaleAgency],
    ) -> Result<(), SampleError> {
        let id = format!("SIPAS-{n:08}");
        let agency = &agencies[r.agency].code;
        let dates = self.dates;
        if let Some(writer) = self.csv_survey.as_mut() {
            let fixed = [id.as_str(), dates.get(r.surveyed), agency, r.gave_feedback];
            let answers = r.answers.iter().map(|a| &**a);
            if let Err(e) = csv_line(writer, &mut self.line, fixed.into_iter().chain(answers)) {
                return Err(self.io_error("csv/survey.csv", e));
            }
        }
        if let Some(sink) = self.xlsx_survey.as_mut() {
            let folder = self.folder.clone();
            let result = sink.row(&folder, |sheet, row, date_format| {
                sheet.write_string(row, 0, &id)?;
                sheet.write_number_with_format(row, 1, excel_serial(r.surveyed), date_format)?;
                sheet.write_string(row, 2, agency)?;
                if !r.gave_feedback.is_empty() {
                    sheet.write_string(row, 3, r.gave_feedback)?;
                }
                for (k, answer) in r.answers.iter().enumerate() {
                    match answer.parse::<f64>() {
                        Ok(value) => sheet.write_number(row, 4 + k as u16, value)?,
                        Err(_) if answer.is_empty() => sheet,
                        Err(_) => sheet.write_string(row, 4 + k as u16, answer)?,
                    };
                }
                Ok(())
            });
            if let Some(path) = result.map_err(|e| self.io_error("xlsx/survey", e))? {
                self.written.push(path);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<PathBuf>, SampleError> {
        for (name, writer) in [
            ("csv/feedback.csv", self.csv_feedback.take()),
            ("csv/survey.csv", self.csv_survey.take()),
        ] {
            if let Some(mut writer) = writer {
                writer.flush().map_err(|e| self.io_error(name, e))?;
            }
        }
        let folder = self.folder.clone();
        for mut sink in [self.xlsx_feedback.take(), self.xlsx_survey.take()]
            .into_iter()
            .flatten()
        {
            if let Some(path) = sink.close(&folder).map_err(|e| self.io_error("xlsx", e))? {
                self.written.push(path);
            }
        }
        Ok(self.written)
    }
}

/// Writes `fields` as one line of CSV (none of them needs quoting), built
/// in `line`.
fn csv_line<'a>(
    writer: &mut impl Write,
    line: &mut String,
    fields: impl IntoIterator<Item = &'a str>,
) -> std::io::Result<()> {
    line.clear();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(field);
    }
    line.push('\n');
    writer.write_all(line.as_bytes())
}
