//! Benchmarks at national scale: ingest of generated CSV and XLSX exports
//! against the bare readers (polars' CSV reader with every column as text,
//! calamine), the whole report on 1 million PAKN + 200,000 responses
//! against the pandas script an analyst would write instead
//! (`benches/pandas_peer.py`, only under `cargo bench`), the whole report on
//! 10 million PAKN and 2 million survey rows from CSV and from its Parquet
//! export, and the report on the shipped sample data.
//!
//! `cargo bench --bench scale` runs the full sizes, every case three times
//! (its median is reported; `-- --runs N` to change; `-- --cases a,b` runs
//! only the cases named; a case and its yardstick on the same data run in
//! turns), with about 3 GB of
//! generated files under `target/bench-data/`; `cargo bench --bench scale --
//! --quick`, and `cargo test` (which runs this file too), run every case
//! once at a thousandth of the size, so the harness cannot rot.
//!
//! Each case runs in a child process of its own, so that its peak memory
//! (VmHWM of /proc/self/status) is its own, after its input files were read
//! once into the file cache; each prints rows per second and peak memory,
//! and the table at the end compares them with the targets.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use sipas::sample::ScaleOptions;

use datasets::{bench_root, dataset, export_files, overlapping_exports};

#[path = "scale/bad_rows.rs"]
mod bad_rows;
#[path = "scale/datasets.rs"]
mod datasets;
#[path = "scale/peers.rs"]
mod peers;

/// A data set written as CSV files (csv, xlsx).
const CSV: (bool, bool) = (true, false);
/// A data set written as workbooks (csv, xlsx).
const XLSX: (bool, bool) = (false, true);

/// One measurement, as a child prints it, or the median of several.
#[derive(Debug, Clone)]
struct Measured {
    case: String,
    rows: u64,
    /// Wall time (the median of `times`).
    seconds: f64,
    /// Peak resident memory (the highest of the runs).
    peak_mb: f64,
    /// Wall time of every run.
    times: Vec<f64>,
}

/// The median time and highest peak memory of runs of one case.
fn median_of(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let times: Vec<f64> = runs.iter().map(|m| m.seconds).collect();
    let peak_mb = runs.iter().map(|m| m.peak_mb).fold(0.0, f64::max);
    let mut median = runs.swap_remove(runs.len() / 2);
    median.times = times;
    median.peak_mb = peak_mb;
    median
}

/// The sizes of a run.
struct Sizes {
    small_records: usize,
    medium_responses: usize,
    large_records: usize,
    large_responses: usize,
    xlsx_records: usize,
    agencies: usize,
    bad_rows: usize,
}

impl Sizes {
    fn full() -> Self {
        Self {
            small_records: 1_000_000,
            medium_responses: 200_000,
            large_records: 10_000_000,
            large_responses: 2_000_000,
            xlsx_records: 1_000_000,
            agencies: 700,
            bad_rows: 2_400_000,
        }
    }

    fn quick() -> Self {
        Self {
            small_records: 1_000,
            medium_responses: 200,
            large_records: 10_000,
            large_responses: 2_000,
            xlsx_records: 1_000,
            agencies: 70,
            bad_rows: 2_400,
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(position) = args.iter().position(|a| a == "--case") {
        let case = args.get(position + 1).cloned().unwrap_or_default();
        let data = args
            .get(position + 2)
            .map(PathBuf::from)
            .unwrap_or_default();
        run_case(&case, &data);
        return;
    }
    // `cargo bench` passes --bench; `cargo test` runs this without it.
    let quick = args.iter().any(|a| a == "--quick") || !args.iter().any(|a| a == "--bench");
    let sizes = if quick { Sizes::quick() } else { Sizes::full() };
    let root = bench_root(quick);
    let shape = |records, responses, (csv, xlsx): (bool, bool)| ScaleOptions {
        records,
        responses,
        agencies: sizes.agencies,
        years: 3,
        csv,
        xlsx,
        ..ScaleOptions::default()
    };
    let small = dataset(&root, "small", &shape(sizes.small_records, 0, CSV));
    let medium = dataset(
        &root,
        "medium",
        &shape(sizes.small_records, sizes.medium_responses, CSV),
    );
    let large = dataset(
        &root,
        "large",
        &shape(sizes.large_records, sizes.large_responses, CSV),
    );
    let xlsx = dataset(&root, "xlsx", &shape(sizes.xlsx_records, 0, XLSX));

    // Two successive exports of the same system, half the large set each,
    // overlapping by half of each.
    let snapshots = overlapping_exports(&root, &large, sizes.large_records / 2);

    let bad_rows = bad_rows::dataset(&root, sizes.bad_rows);

    let mut cases: Vec<(&str, PathBuf)> = vec![
        ("report", medium.clone()),
        ("ingest-csv", small.clone()),
        ("polars-csv", small),
        ("ingest-xlsx", xlsx.clone()),
        ("calamine-xlsx", xlsx),
        // One data set: the report and polars' bare read of its feedback file in turns.
        ("ingest-csv", large.clone()),
        ("polars-csv", large.clone()),
        ("report", large.clone()),
        ("export-parquet", large.clone()),
        ("report-parquet", large),
        ("ingest-exports", snapshots.clone()),
        ("ingest-snapshots", snapshots.clone()),
        ("polars-exports", snapshots),
        (
            "sample-report",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data-samples"),
        ),
        // A file of bad rows: the check (with every finding written) and
        // the report beside the sample data, next to polars' bare read.
        ("check-bad-rows", bad_rows.clone()),
        ("report-bad-rows", bad_rows.clone()),
        ("polars-csv", bad_rows),
    ];
    // The peer needs Python with pandas; `cargo test` never runs it.
    if !quick && peers::pandas_available() {
        cases.insert(1, ("pandas-peer", medium));
    } else if !quick {
        println!("pandas-peer skipped: python3 with pandas, numpy, pyarrow and xlsxwriter is not installed (pip install pandas numpy pyarrow xlsxwriter)");
    }
    // Run-to-run variation on a shared 2-core machine is ±15%: every case
    // runs several times and its median is taken.
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|p| args.get(p + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 1 } else { 3 })
        .max(1);
    // `-- --cases report,pandas-peer` runs only those cases.
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--cases")
        .and_then(|p| args.get(p + 1))
        .map(|list| list.split(',').map(str::to_string).collect());
    // The report from Parquet reads what the export wrote: asked for alone,
    // it runs after the export when there is none yet.
    let chosen = |case: &str| only.as_ref().is_none_or(|o| o.iter().any(|c| c == case));
    let needs_export = |data: &Path| !data.join("parquet/export.json").exists();
    let cases: Vec<(&str, PathBuf)> = cases
        .into_iter()
        .filter(|(case, data)| {
            chosen(case)
                || (*case == "export-parquet" && chosen("report-parquet") && needs_export(data))
        })
        .collect();
    let results = run_in_turns(&cases, runs);
    if quick {
        println!("\n(quick run: a thousandth of the sizes; the targets hold for `cargo bench`)");
    }
    summary(&results);
}

/// Runs every case `runs` times and takes each one's median. Cases of one
/// data set that follow each other (a case and its yardstick) run in turns,
/// so that the machine's drift touches both alike.
fn run_in_turns(cases: &[(&str, PathBuf)], runs: usize) -> Vec<Measured> {
    let mut results = Vec::new();
    let mut start = 0;
    while start < cases.len() {
        let data = &cases[start].1;
        let end = start + cases[start..].iter().take_while(|(_, d)| d == data).count();
        warm_file_cache(data);
        let mut runs_of: Vec<Vec<Measured>> = vec![Vec::new(); end - start];
        for _ in 0..runs {
            for (slot, (case, data)) in runs_of.iter_mut().zip(&cases[start..end]) {
                slot.push(in_child(case, data));
            }
        }
        for (measured, (_, data)) in runs_of.into_iter().map(median_of).zip(&cases[start..end]) {
            let times: Vec<String> = measured.times.iter().map(|t| format!("{t:.2}")).collect();
            println!(
                "{:<14} {:>11} rows {:>8.2} s {:>12.0} rows/s {:>8.0} MB peak  (runs: {} s; {})",
                measured.case,
                measured.rows,
                measured.seconds,
                measured.rows as f64 / measured.seconds.max(1e-9),
                measured.peak_mb,
                times.join(", "),
                data.display()
            );
            results.push(measured);
        }
        start = end;
    }
    results
}

/// Reads the two exports as `sipas` does, as successive exports (the later
/// record replaces the earlier) or not (the later is a duplicate).
fn ingest_exports(data: &Path, snapshots: bool) -> u64 {
    let mut registry = sipas::ingest::read_registry(&data.join("agencies.csv")).expect("registry");
    let rules = sipas::ingest::InputRules {
        snapshots,
        ..Default::default()
    };
    let inputs = sipas::ingest::Inputs::read_observed(
        &export_files(data),
        &[],
        &mut registry,
        &Default::default(),
        &rules,
        &sipas::observe::Silent,
    )
    .expect("inputs");
    inputs.accounts.iter().map(|a| a.rows as u64).sum()
}

/// Reads every file under `folder` once, so that each case starts with its
/// inputs in the operating system's file cache (the first reader of a
/// freshly generated file would otherwise also pay for the disk).
fn warm_file_cache(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            warm_file_cache(&path);
        } else if let Ok(mut file) = std::fs::File::open(&path) {
            let _ = std::io::copy(&mut file, &mut std::io::sink());
        }
    }
}

/// Runs one case in a child process and reads its measurement.
fn in_child(case: &str, data: &Path) -> Measured {
    let exe = std::env::current_exe().expect("the benchmark binary");
    let output = Command::new(exe)
        .args(["--case", case])
        .arg(data)
        .output()
        .expect("run a benchmark case");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "case {case} failed: {}{}",
        text,
        String::from_utf8_lossy(&output.stderr)
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("MEASURED "))
        .expect("a measurement");
    let fields: Vec<&str> = line.split_whitespace().collect();
    Measured {
        case: case.to_string(),
        rows: fields[1].parse().unwrap_or(0),
        seconds: fields[2].parse().unwrap_or(0.0),
        peak_mb: fields[3].parse().unwrap_or(0.0),
        times: Vec::new(),
    }
}

/// Peak resident memory of this process, in MB (Linux; 0 elsewhere).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The child's side: one case, timed.
fn run_case(case: &str, data: &Path) {
    let start = Instant::now();
    // The peak memory of a child process the case runs (the pandas peer).
    let mut child_peak_mb = 0.0;
    let rows = match case {
        "ingest-csv" => ingest(&[data.join("csv/feedback.csv")], &[], data),
        "polars-csv" => polars_csv(&data.join("csv/feedback.csv")),
        "ingest-xlsx" => ingest(&xlsx_files(data, "feedback"), &[], data),
        "calamine-xlsx" => xlsx_files(data, "feedback")
            .iter()
            .map(|f| calamine_rows(f))
            .sum(),
        "report" => report(data),
        "pandas-peer" => {
            let (rows, peak) = peers::pandas_peer(data);
            child_peak_mb = peak;
            rows
        }
        "export-parquet" => peers::export_parquet(data),
        "report-parquet" => {
            let (settings, out) = peers::parquet_settings(data);
            run_report(&settings, &out)
        }
        "ingest-exports" => ingest_exports(data, false),
        "ingest-snapshots" => ingest_exports(data, true),
        "polars-exports" => export_files(data).iter().map(|f| polars_csv(f)).sum(),
        "sample-report" => sample_report(data),
        "check-bad-rows" => bad_rows::check(data),
        "report-bad-rows" => bad_rows::report(data),
        other => panic!("unknown case {other}"),
    };
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "MEASURED {rows} {seconds:.3} {:.0}",
        peak_mb().max(child_peak_mb)
    );
}

fn xlsx_files(data: &Path, stem: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("xlsx"))
        .expect("xlsx folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(stem))
        })
        .collect();
    files.sort();
    files
}

/// Reads the inputs as `sipas` does (canonical records, findings, accounting).
fn ingest(feedback: &[PathBuf], survey: &[PathBuf], data: &Path) -> u64 {
    let mut registry = sipas::ingest::read_registry(&data.join("agencies.csv")).expect("registry");
    let inputs = sipas::ingest::Inputs::read(feedback, survey, &mut registry, &Default::default())
        .expect("inputs");
    inputs.accounts.iter().map(|a| a.rows as u64).sum()
}

/// polars' own CSV reader loading the same file into a data frame, every
/// column as text (no type inference: the fastest bare read), on all cores.
fn polars_csv(path: &Path) -> u64 {
    use polars::prelude::*;
    let frame = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .expect("polars reader")
        .finish()
        .expect("polars read");
    frame.height() as u64
}

/// calamine reading every cell of the sheet, nothing else.
fn calamine_rows(path: &Path) -> u64 {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).expect("workbook");
    let name = workbook.sheet_names().first().cloned().expect("a sheet");
    let range = workbook.worksheet_range(&name).expect("sheet");
    range.height().saturating_sub(1) as u64
}

/// The whole `sipas report` run: read, compute, write the report folder.
fn report(data: &Path) -> u64 {
    let (settings, out) = peers::csv_settings(data);
    run_report(&settings, &out)
}

/// The report on the shipped sample data, with its configuration.
fn sample_report(data: &Path) -> u64 {
    let settings = sipas::pipeline::RunSettings {
        feedback: vec![data.join("feedback")],
        survey: vec![data.join("survey")],
        agencies: Some(data.join("agencies.csv")),
        profile: Default::default(),
        config: sipas::config::Config::load(&data.join("sipas.toml")).expect("configuration"),
        period: sipas::pipeline::PeriodChoice::LatestComplete,
        mode: sipas::calendar::PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    };
    let out = std::env::temp_dir().join(format!("sipas-bench-sample-{}", std::process::id()));
    let rows = run_report(&settings, &out);
    let _ = std::fs::remove_dir_all(&out);
    rows
}

/// The report as `sipas report` writes it, in Vietnamese, into `out`.
fn run_report(settings: &sipas::pipeline::RunSettings, out: &Path) -> u64 {
    let mut loaded = sipas::pipeline::load(settings).expect("load");
    sipas::pipeline::write_period_report(
        &mut loaded,
        settings,
        sipas::report::labels::Lang::Vi,
        |_| out.to_path_buf(),
        &sipas::observe::Silent,
    )
    .expect("report");
    loaded.inputs.accounts.iter().map(|a| a.rows as u64).sum()
}

/// The figures against the targets.
fn summary(results: &[Measured]) {
    let find = |case: &str, nth: usize| results.iter().filter(|m| m.case == case).nth(nth);
    let ratio = |a: &Measured, b: &Measured| a.seconds / b.seconds.max(1e-9);
    println!();
    println!("figure                                                    measured          target");
    if let Some(report) = find("report", 0) {
        match find("pandas-peer", 0) {
            Some(peer) => println!(
                "report {:>9} rows vs the pandas peer {:>6.2} s vs {:>6.2} s = {:>5.1}× faster   ≥ 10×",
                report.rows,
                report.seconds,
                peer.seconds,
                ratio(peer, report)
            ),
            None => println!(
                "report {:>9} rows                    {:>6.2} s (pandas peer not run)",
                report.rows, report.seconds
            ),
        }
    }
    for nth in 0..2 {
        if let (Some(ours), Some(polars)) = (find("ingest-csv", nth), find("polars-csv", nth)) {
            println!(
                "CSV ingest {:>10} rows vs polars' bare read   {:>6.2}×",
                ours.rows,
                ratio(ours, polars)
            );
        }
    }
    if let (Some(report), Some(polars)) = (find("report", 1), find("polars-csv", 1)) {
        println!(
            "report {:>10} rows vs polars' bare read of its feedback CSV {:>6.2}× ({:.1} s vs {:.2} s)   ≤ 4×",
            report.rows,
            ratio(report, polars),
            report.seconds,
            polars.seconds
        );
        println!(
            "report {:>10} rows, peak memory              {:>6.0} MB          ≤ 1,536 MB",
            report.rows, report.peak_mb
        );
    }
    if let (Some(parquet), Some(csv)) = (find("report-parquet", 0), find("report", 1)) {
        println!(
            "report from the Parquet export vs from CSV       {:>6.2} s vs {:.2} s = {:.2}×, {:.0} MB peak",
            parquet.seconds,
            csv.seconds,
            ratio(parquet, csv),
            parquet.peak_mb
        );
    }
    if let (Some(ours), Some(bare)) = (find("ingest-xlsx", 0), find("calamine-xlsx", 0)) {
        println!(
            "XLSX ingest {:>10} rows vs calamine             {:>6.2}×          ≤ 1×",
            ours.rows,
            ratio(ours, bare)
        );
    }
    if let (Some(merged), Some(plain), Some(bare)) = (
        find("ingest-snapshots", 0),
        find("ingest-exports", 0),
        find("polars-exports", 0),
    ) {
        println!(
            "two exports ({:>10} rows): --snapshots {:.2} s, without {:.2} s, polars {:.2} s ({:.2}×)",
            merged.rows,
            merged.seconds,
            plain.seconds,
            bare.seconds,
            ratio(merged, bare)
        );
    }
    for case in ["check-bad-rows", "report-bad-rows"] {
        if let Some(bad) = find(case, 0) {
            println!(
                "{case:<15} {:>10} rows             {:>6.2} s, {:>5.0} MB peak   < 10 s, < 300 MB",
                bad.rows, bad.seconds, bad.peak_mb
            );
        }
    }
    if let Some(sample) = find("sample-report", 0) {
        println!(
            "report on the sample data                        {:>6.2} s          < 0.5 s",
            sample.seconds
        );
    }
}
