//! A file of bad rows: 2.4 million one-field rows under a canonical header,
//! the shape of a wrong export or a wrong mapping. Every row is rejected;
//! the findings must stay in bounded memory (counted exactly, the first of
//! each reason kept, all of them streamed to `findings.csv`).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The data set: `csv/feedback.csv` of `rows` bad rows and the sample's
/// registry (kept between runs).
pub fn dataset(root: &Path, rows: usize) -> PathBuf {
    let folder = root.join(format!("bad-rows-{rows}"));
    let done = folder.join(".complete");
    if done.exists() {
        return folder;
    }
    std::fs::create_dir_all(folder.join("csv")).expect("bad-rows folder");
    let file = std::fs::File::create(folder.join("csv/feedback.csv")).expect("bad-rows file");
    let mut out = std::io::BufWriter::new(file);
    out.write_all("Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n".as_bytes())
        .expect("write");
    for _ in 0..rows {
        out.write_all(b"x\n").expect("write");
    }
    out.flush().expect("write");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples");
    std::fs::copy(samples.join("agencies.csv"), folder.join("agencies.csv")).expect("registry");
    std::fs::write(&done, "").expect("mark the data set complete");
    folder
}

/// `sipas check --findings`: reads the file and writes every finding.
pub fn check(data: &Path) -> u64 {
    let mut registry = sipas::ingest::read_registry(&data.join("agencies.csv")).expect("registry");
    let inputs = sipas::ingest::Inputs::read(
        &[data.join("csv/feedback.csv")],
        &[],
        &mut registry,
        &Default::default(),
    )
    .expect("inputs");
    let out = std::env::temp_dir().join(format!("sipas-bench-findings-{}.csv", std::process::id()));
    sipas::report::csv_export::write_findings(
        &out,
        &inputs.findings,
        sipas::report::labels::Lang::Vi,
    )
    .expect("findings.csv");
    let _ = std::fs::remove_file(&out);
    inputs.accounts.iter().map(|a| a.rows as u64).sum()
}

/// `sipas report` on the sample data with the file of bad rows beside it.
pub fn report(data: &Path) -> u64 {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples");
    let settings = sipas::pipeline::RunSettings {
        feedback: vec![samples.join("feedback"), data.join("csv/feedback.csv")],
        survey: vec![samples.join("survey")],
        agencies: Some(samples.join("agencies.csv")),
        profile: Default::default(),
        config: sipas::config::Config::load(&samples.join("sipas.toml")).expect("configuration"),
        period: sipas::pipeline::PeriodChoice::LatestComplete,
        mode: sipas::calendar::PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    };
    let out = std::env::temp_dir().join(format!("sipas-bench-bad-rows-{}", std::process::id()));
    let rows = super::run_report(&settings, &out);
    let _ = std::fs::remove_dir_all(&out);
    rows
}
