//! Generated data sets: the same numbers from CSV and from XLSX, and the
//! same bytes from the same options.

use std::path::Path;

use sipas::calendar::PeriodMode;
use sipas::config::Config;
use sipas::pipeline::{load, resolve_period, summarise, PeriodChoice, RunSettings};
use sipas::sample::{generate_scale, ScaleOptions};

use crate::common::temp;

fn options() -> ScaleOptions {
    ScaleOptions {
        records: 4_000,
        responses: 1_500,
        agencies: 60,
        years: 1,
        csv: true,
        xlsx: true,
        ..ScaleOptions::default()
    }
}

fn summary_json(folder: &Path, kind: &str) -> serde_json::Value {
    let files = |stem: &str| -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(folder.join(kind))
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(stem))
            })
            .collect();
        found.sort();
        found
    };
    let settings = RunSettings {
        feedback: files("feedback"),
        survey: files("survey"),
        agencies: Some(folder.join("agencies.csv")),
        config: Config::default(),
        profile: Default::default(),
        period: PeriodChoice::Label("2023".to_string()),
        mode: PeriodMode::Decree09,
        as_of: None,
        snapshots: false,
    };
    let loaded = load(&settings).expect("load");
    assert_eq!(loaded.inputs.rejected(), 0, "generated data is clean");
    let period = resolve_period(&settings, &loaded.inputs).expect("period");
    let summary = summarise(&loaded, &period, None, &settings.config).expect("summary");
    let mut json = serde_json::to_value(&summary).expect("json");
    // The inputs differ by path, size and checksum, nothing else.
    let rows: u64 = summary.inputs.iter().map(|i| i.rows as u64).sum();
    json["inputs"] = serde_json::json!(rows);
    json
}

#[test]
fn csv_and_xlsx_of_one_data_set_give_the_same_summary() {
    let dir = temp();
    generate_scale(&options(), dir.path()).expect("generated");
    let from_csv = summary_json(dir.path(), "csv");
    let from_xlsx = summary_json(dir.path(), "xlsx");
    assert_eq!(from_csv["inputs"], serde_json::json!(5_500));
    assert!(
        from_csv["city"]["handling"]["received"]
            .as_u64()
            .unwrap_or(0)
            > 1_000
    );
    assert_eq!(from_csv, from_xlsx);
}

#[test]
fn the_same_options_give_the_same_files() {
    let dir = temp();
    let small = ScaleOptions {
        xlsx: false,
        ..options()
    };
    generate_scale(&small, &dir.path().join("a")).expect("first");
    generate_scale(&small, &dir.path().join("b")).expect("second");
    for file in ["agencies.csv", "csv/feedback.csv", "csv/survey.csv"] {
        let a = std::fs::read(dir.path().join("a").join(file)).expect("a");
        let b = std::fs::read(dir.path().join("b").join(file)).expect("b");
        assert!(a == b, "{file} differs");
    }
    let registry = std::fs::read_to_string(dir.path().join("a/agencies.csv")).expect("registry");
    assert_eq!(registry.lines().count(), 61, "header and 60 agencies");
    let feedback = std::fs::read_to_string(dir.path().join("a/csv/feedback.csv")).expect("csv");
    assert_eq!(feedback.lines().count(), 4_001);
}

#[test]
fn the_backlog_share_leaves_accepted_pakn_pending_and_nothing_else_changes() {
    let dir = temp();
    let with = |share: f64, name: &str| {
        let options = ScaleOptions {
            xlsx: false,
            backlog_share: share,
            ..options()
        };
        generate_scale(&options, &dir.path().join(name)).expect("generated");
        std::fs::read_to_string(dir.path().join(name).join("csv/feedback.csv")).expect("csv")
    };
    let (none, all) = (with(0.0, "none"), with(1.0, "all"));
    let header: Vec<&str> = none.lines().next().unwrap_or_default().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (status, resolved, received) = (
        column("Trạng thái"),
        column("Ngày xử lý xong"),
        column("Ngày tiếp nhận"),
    );
    let mut pending = 0;
    for (a, b) in none.lines().zip(all.lines()).skip(1) {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split(',').collect(), b.split(',').collect());
        // The same PAKN, received on the same day by the same agency.
        assert_eq!((a[0], a[received]), (b[0], b[received]));
        if a[status] == "Từ chối" {
            assert_eq!(a, b, "a refused PAKN is left as it was");
        } else {
            // With a share of 1, every accepted PAKN is pending for good.
            assert_eq!((b[status], b[resolved]), ("Đang xử lý", ""));
            pending += 1;
        }
    }
    assert!(pending > 3_000, "{pending}");
}
