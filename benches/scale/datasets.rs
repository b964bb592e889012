//! The generated data sets of the benchmarks, kept between runs under
//! `target/bench-data/`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sipas::sample::{generate_scale, ScaleOptions};

/// Where generated data sets live.
pub fn bench_root(quick: bool) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join(if quick {
        "bench-data-quick"
    } else {
        "bench-data"
    })
}

/// Generates a data set once (kept between runs; the generator is
/// deterministic, so a folder named by its sizes and its backlog share
/// always holds the same data).
pub fn dataset(root: &Path, name: &str, options: &ScaleOptions) -> PathBuf {
    let (records, responses, agencies) = (options.records, options.responses, options.agencies);
    let backlog = (options.backlog_share * 100.0).round();
    let folder = root.join(format!(
        "{name}-{records}-{responses}-{agencies}-backlog{backlog}"
    ));
    let done = folder.join(".complete");
    if !done.exists() {
        let start = Instant::now();
        generate_scale(options, &folder).expect("generate the data set");
        eprintln!(
            "generated {} in {:.1} s",
            folder.display(),
            start.elapsed().as_secs_f64()
        );
        std::fs::write(&done, "").expect("mark the data set complete");
    }
    folder
}

/// Two exports cut from the large set's feedback CSV: records [0, size) and
/// [size / 2, size × 3 / 2), so that each shares half its ids with the other
/// (kept between runs, like the data sets).
pub fn overlapping_exports(root: &Path, large: &Path, size: usize) -> PathBuf {
    let folder = root.join(format!("exports-{size}"));
    let done = folder.join(".complete");
    if done.exists() {
        return folder;
    }
    std::fs::create_dir_all(&folder).expect("exports folder");
    let text = std::fs::read(large.join("csv/feedback.csv")).expect("the large feedback CSV");
    let mut lines = text.split_inclusive(|&b| b == b'\n');
    let header = lines.next().unwrap_or_default().to_vec();
    let records: Vec<&[u8]> = lines.collect();
    for (name, from) in [("feedback-1.csv", 0), ("feedback-2.csv", size / 2)] {
        let mut out = header.clone();
        for line in records.iter().skip(from).take(size) {
            out.extend_from_slice(line);
        }
        std::fs::write(folder.join(name), out).expect("write an export");
    }
    std::fs::copy(large.join("agencies.csv"), folder.join("agencies.csv")).expect("registry");
    std::fs::write(&done, "").expect("mark the exports complete");
    folder
}

/// The two exports, oldest first.
pub fn export_files(data: &Path) -> Vec<PathBuf> {
    vec![data.join("feedback-1.csv"), data.join("feedback-2.csv")]
}
