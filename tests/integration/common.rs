//! Fixtures built in the tests: a temporary folder, a registry and small
//! input files.

use std::path::{Path, PathBuf};

use sipas::calendar::days::ymd;
use sipas::calendar::{Day, PeriodMode};
use sipas::config::Config;
use sipas::metrics::summary::Summary;
use sipas::pipeline::{load, summarise, Loaded, PeriodChoice, RunSettings};

/// A temporary folder removed when dropped.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

/// A day number from a date that is certainly valid.
pub fn day(y: i32, m: u32, d: u32) -> Day {
    ymd(y, m, d).expect("valid date")
}

/// Writes `text` to `folder/name` and returns the path.
pub fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

/// A registry of two departments and one district.
pub fn registry(folder: &Path) -> PathBuf {
    write(
        folder,
        "agencies.csv",
        "code,name,level,aliases\n\
         A,Sở Tư pháp,so_nganh,STP|Sở TP\n\
         B,Sở Xây dựng,so_nganh,\n\
         C,UBND quận Ba Đình,quan_huyen,Quận Ba Đình\n",
    )
}

/// Settings for the given files, Decree 09 periods, default configuration.
pub fn settings(
    feedback: Vec<PathBuf>,
    survey: Vec<PathBuf>,
    agencies: PathBuf,
    period: &str,
) -> RunSettings {
    RunSettings {
        feedback,
        survey,
        agencies: Some(agencies),
        config: Config::default(),
        profile: Default::default(),
        period: PeriodChoice::Label(period.to_string()),
        mode: PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    }
}

/// Loads and summarises.
pub fn run(settings: &RunSettings) -> (Loaded, Summary) {
    let loaded = load(settings).expect("inputs load");
    let period = sipas::pipeline::resolve_period(settings, &loaded.inputs).expect("period");
    let summary = summarise(&loaded, &period, settings.as_of, &settings.config).expect("summary");
    (loaded, summary)
}

/// Loads, computes and writes the report into `out` in `lang`.
pub fn report_into(
    settings: &RunSettings,
    out: &Path,
    lang: sipas::report::labels::Lang,
) -> (sipas::pipeline::Computed, sipas::report::ReportFiles) {
    let loaded = load(settings).expect("inputs load");
    let period = sipas::pipeline::resolve_period(settings, &loaded.inputs).expect("period");
    let computed = sipas::pipeline::compute(&loaded, &period, settings.as_of, &settings.config)
        .expect("computed");
    let input = sipas::report::ReportInput {
        summary: &computed.summary,
        overdue: &computed.overdue,
        due_soon: &computed.due_soon,
        agency_fields: &computed.agency_fields,
        findings: &loaded.inputs.findings,
        lang,
    };
    let files = sipas::report::write_report(&input, out).expect("report written");
    (computed, files)
}

/// The text of a cell ("" when empty).
pub fn cell_text(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(std::string::ToString::to_string)
        .unwrap_or_default()
}

/// The first row whose cell in `col` satisfies `test`.
pub fn find_row(
    range: &calamine::Range<calamine::Data>,
    col: u32,
    test: impl Fn(&str) -> bool,
) -> Option<u32> {
    let (first, _) = range.start()?;
    let (last, _) = range.end()?;
    (first..=last).find(|&row| test(&cell_text(range, row, col)))
}

/// The settings of the shipped sample data (`data-samples/`), as the README runs them.
pub fn sample_settings(period: &str) -> RunSettings {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples");
    let config = Config::load(&root.join("sipas.toml")).expect("sample configuration");
    RunSettings {
        feedback: vec![root.join("feedback")],
        survey: vec![root.join("survey")],
        agencies: Some(root.join("agencies.csv")),
        config,
        profile: Default::default(),
        period: PeriodChoice::Label(period.to_string()),
        mode: PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    }
}

/// Words of the configuration files and the code, never on a page an
/// analyst reads in Vietnamese.
pub const CONFIGURATION_WORDS: [&str; 10] = [
    "header_row",
    "header_rows",
    "encoding",
    "chrono",
    "received_at",
    "dang_xu_ly",
    "national_portal",
    "[feedback",
    "sipas check",
    "--suggest-profile",
];

/// Pieces of the English sentences the workbench's pages once said.
pub const ENGLISH_SENTENCES: [&str; 7] = [
    " has no column ",
    " is not a ",
    " the profile",
    "map the columns",
    "choose the files",
    " could not ",
    "DangXuLy",
];
