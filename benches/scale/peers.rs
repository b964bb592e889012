//! The cases beside the readers: the pandas script an analyst would write
//! instead of `sipas report`, and the report read back from the Parquet
//! export of the same data.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes the weekdays off of 2022–2027 (official schedules, else the
/// Labour Code's computed holidays) one ISO date a line, for numpy's
/// business-day calendar.
pub fn holidays_file(folder: &Path) -> PathBuf {
    let path = folder.join("holidays.txt");
    if !path.exists() {
        let schedules = sipas::config::Config::default()
            .schedules()
            .expect("schedules");
        let mut text = String::new();
        for year in 2022..=2027 {
            for day in sipas::calendar::YearCalendar::build(year, &schedules).weekdays_off() {
                text.push_str(&sipas::calendar::days::format_iso(day));
                text.push('\n');
            }
        }
        std::fs::write(&path, text).expect("holidays file");
    }
    path
}

/// Whether python3 with pandas, numpy, pyarrow and xlsxwriter is here.
pub fn pandas_available() -> bool {
    Command::new("python3")
        .args(["-c", "import pandas, numpy, pyarrow, xlsxwriter"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the pandas peer on the data set of a `report` case that ran before
/// (it takes that report's period from its summary.json); returns rows read
/// and the script's peak memory in MB.
pub fn pandas_peer(data: &Path) -> (u64, f64) {
    let summary: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("report/summary.json")).expect("the report case ran first"),
    )
    .expect("summary.json");
    let period = |key: &str| {
        summary["period"][key]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/pandas_peer.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(data.join("csv/feedback.csv"))
        .arg(data.join("csv/survey.csv"))
        .arg(data.join("agencies.csv"))
        .arg(holidays_file(data))
        .args([period("start"), period("end")])
        .arg(data.join("pandas"))
        .output()
        .expect("python3");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pandas peer failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The peer computes the same city numbers as the report.
    let peer: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("pandas/city.json")).expect("the peer's numbers"),
    )
    .expect("city.json");
    let handling = &summary["city"]["handling"];
    for (ours, theirs) in [
        (&handling["received"], &peer["received"]),
        (&handling["handled"], &peer["handled"]),
        (&handling["on_time_rate"], &peer["on_time_rate"]),
        (&summary["city"]["survey"]["element"], &peer["element"]),
    ] {
        assert_eq!(
            ours.as_f64(),
            theirs.as_f64(),
            "the pandas peer and the report disagree"
        );
    }
    let value = |key: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0.0)
    };
    (value("ROWS ") as u64, value("PEAK_MB "))
}

/// Exports the data set's CSV files as Parquet datasets under `parquet/`.
pub fn export_parquet(data: &Path) -> u64 {
    let (settings, _) = csv_settings(data);
    let (loaded, _) =
        sipas::pipeline::export_parquet(&settings, &data.join("parquet"), &sipas::observe::Silent)
            .expect("export");
    loaded.inputs.accounts.iter().map(|a| a.rows as u64).sum()
}

/// The settings of a report on the data set's CSV files.
pub fn csv_settings(data: &Path) -> (sipas::pipeline::RunSettings, PathBuf) {
    let settings = sipas::pipeline::RunSettings {
        feedback: vec![data.join("csv/feedback.csv")],
        survey: vec![data.join("csv/survey.csv")],
        agencies: Some(data.join("agencies.csv")),
        profile: Default::default(),
        config: Default::default(),
        period: sipas::pipeline::PeriodChoice::LatestComplete,
        mode: sipas::calendar::PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    };
    (settings, data.join("report"))
}

/// The settings of the same report on the Parquet export (which the case
/// `export-parquet` wrote).
pub fn parquet_settings(data: &Path) -> (sipas::pipeline::RunSettings, PathBuf) {
    let (mut settings, _) = csv_settings(data);
    settings.feedback = vec![data.join("parquet/feedback")];
    settings.survey = vec![data.join("parquet/survey")];
    settings.agencies = Some(data.join("parquet/agencies.csv"));
    (settings, data.join("report-parquet"))
}
