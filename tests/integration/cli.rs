//! The command line as a user runs it: exit codes and messages.

use std::process::Command;

use crate::common::{registry, temp, write};

fn sipas(args: &[&str], folder: &std::path::Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_sipas"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("run sipas");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn calendar_prints_the_official_days_off() {
    let dir = temp();
    let (code, out, _) = sipas(&["calendar", "2025"], dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("Tết Nguyên đán (lịch chính thức)"), "{out}");
    assert!(
        out.contains("25/01/2025") && out.contains("02/02/2025"),
        "{out}"
    );
    assert!(out.contains("Thứ Bảy 26/04/2025"), "{out}");
    let (code, out, _) = sipas(&["calendar", "2030"], dir.path());
    assert_eq!(code, 0);
    // Tết 2030 is 2 Feb; computed: the last day of the old year (1/2) and four of the new.
    assert!(
        out.contains("Tết Nguyên đán (tính theo Bộ luật Lao động)"),
        "{out}"
    );
    assert!(
        out.contains("01/02/2030") && out.contains("05/02/2030"),
        "{out}"
    );
}

#[test]
fn bad_usage_exits_2_and_failed_runs_exit_1() {
    let dir = temp();
    let (code, _, err) = sipas(&["report", "--period", "2024-Q5"], dir.path());
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = sipas(&["calendar", "1800"], dir.path());
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = sipas(&["frobnicate"], dir.path());
    assert_eq!(code, 2);

    let agencies = registry(dir.path());
    let agencies = agencies.to_str().unwrap_or_default();
    let (code, _, err) = sipas(
        &[
            "report",
            "--agencies",
            agencies,
            "--feedback",
            "missing.csv",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: cannot read missing.csv"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn report_writes_the_workbook_and_summary_for_the_latest_complete_quarter() {
    let dir = temp();
    let agencies = registry(dir.path());
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nA1,02/01/2025,Email,A\nA2,20/03/2025,Email,A\n",
    );
    let args = [
        "report",
        "--agencies",
        agencies.to_str().unwrap_or_default(),
        "--feedback",
        feedback.to_str().unwrap_or_default(),
    ];
    let (code, out, err) = sipas(&args, dir.path());
    assert_eq!(code, 0, "{err}");
    // The data ends on 20/03/2025, inside 2025-Q2: the latest complete quarter is 2025-Q1.
    assert!(out.contains("2025-Q1"), "{out}");
    assert!(out.contains("rows read = 2 accepted + 0 rejected"), "{out}");
    assert!(dir
        .path()
        .join("reports/2025-Q1/bao-cao-2025-Q1.xlsx")
        .is_file());
    assert!(dir.path().join("reports/2025-Q1/summary.json").is_file());
    for file in [
        "overdue.csv",
        "agencies.csv",
        "findings.csv",
        "charts/xu-huong.png",
    ] {
        assert!(
            dir.path().join("reports/2025-Q1").join(file).is_file(),
            "{file}"
        );
    }

    // In English, into a folder of the user's choice; a folder holding other
    // files is refused with one sentence naming the file.
    let mut english = args.to_vec();
    english.extend(["--lang", "en", "--out", "for-partners"]);
    let (code, _, err) = sipas(&english, dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(dir
        .path()
        .join("for-partners/bao-cao-2025-Q1.xlsx")
        .is_file());
    let here = dir.path().to_string_lossy().into_owned();
    let mut into_fixtures = args.to_vec();
    into_fixtures.extend(["--out", here.as_str()]);
    let (code, _, err) = sipas(&into_fixtures, dir.path());
    assert_eq!(code, 1);
    // The first foreign entry in name order is the folder written just before.
    assert!(err.contains("already holds for-partners"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let mut unnamed = args.to_vec();
    unnamed.extend(["--out", "."]);
    let (code, _, err) = sipas(&unnamed, dir.path());
    assert_eq!(code, 1);
    assert!(err.contains(". cannot be the report folder"), "{err}");
    let (code, _, err) = sipas(&["report", "--lang", "fr"], dir.path());
    assert_eq!(code, 2, "{err}");
}

#[test]
fn sample_generation_is_deterministic() {
    let dir = temp();
    let (code, _, err) = sipas(
        &[
            "sample",
            "--seed",
            "7",
            "--out",
            "a",
            "--records",
            "300",
            "--responses",
            "300",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = sipas(
        &[
            "sample",
            "--seed",
            "7",
            "--out",
            "b",
            "--records",
            "300",
            "--responses",
            "300",
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    for file in [
        "agencies.csv",
        "feedback/pakn-duong-day-nong.csv",
        "feedback/pakn-mot-cua.csv",
        "feedback/pakn-cong-dvcqg.xlsx",
        "survey/khao-sat-sipas.xlsx",
    ] {
        let a = std::fs::read(dir.path().join("a").join(file)).expect("a");
        let b = std::fs::read(dir.path().join("b").join(file)).expect("b");
        assert!(a == b, "{file} differs between two runs with the same seed");
    }
}

#[test]
fn check_thresholds_and_strict_reports() {
    let dir = temp();
    let agencies = registry(dir.path());
    // Four rows, one rejected (unknown agency): 25%.
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\nA1,02/01/2025,Email,A\nA2,03/01/2025,Email,A\nA3,04/01/2025,Email,A\nA4,05/01/2025,Email,Z\n",
    );
    let base = [
        "--agencies",
        agencies.to_str().unwrap_or_default(),
        "--feedback",
        feedback.to_str().unwrap_or_default(),
    ];
    let with = |first: &[&str], more: &[&str]| -> Vec<String> {
        first
            .iter()
            .chain(base.iter())
            .chain(more.iter())
            .map(std::string::ToString::to_string)
            .collect()
    };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        sipas(&refs, dir.path())
    };
    let (code, out, err) = run(with(&["check"], &[]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("1 of 4 rows (25.00%) were rejected"), "{err}");
    let (code, _, err) = run(with(&["check"], &["--max-rejected-percent", "30"]));
    assert_eq!(code, 0, "{err}");
    // report writes its report despite the rejection, unless --strict.
    let (code, _, err) = run(with(&["report"], &["--period", "2025-Q1", "--out", "r1"]));
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("r1/bao-cao-2025-Q1.xlsx").is_file());
    assert!(dir.path().join("r1/findings.csv").is_file());
    let (code, _, err) = run(with(
        &["report"],
        &["--period", "2025-Q1", "--out", "r2", "--strict"],
    ));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--strict"), "{err}");
    assert!(!dir.path().join("r2").exists());
}

#[test]
fn suggest_profile_prints_a_profile() {
    let dir = temp();
    let file = write(dir.path(), "x.csv", "Unique Key,Created Date,Agency,Open Data Channel Type\n1,01/06/2025 09:15:00 AM,DOT,PHONE\n");
    let (code, out, err) = sipas(
        &[
            "check",
            "--suggest-profile",
            file.to_str().unwrap_or_default(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("[feedback]") && out.contains("id = \"Unique Key\""),
        "{out}"
    );
    assert!(
        out.contains("date_formats = [\"%m/%d/%Y %I:%M:%S %p\"]"),
        "{out}"
    );
}

#[test]
fn progress_table_in_plain_text_matches_its_snapshot() {
    // 40 respondents of Sở Tư pháp in 2025-Q1: TC1 all 5 (100%), TC2 34 × 4 and 6 × 2
    // (85.00%: between 83.92 and 85.92, minimum met); no TC3/TC4 answers and no PAKN.
    let dir = temp();
    let agencies = registry(dir.path());
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{i},10/02/2025,A,5,{}\n",
            if i < 34 { 4 } else { 2 }
        ));
    }
    let survey = write(dir.path(), "survey.csv", &text);
    let args = [
        "progress",
        "--agencies",
        agencies.to_str().unwrap_or_default(),
        "--survey",
        survey.to_str().unwrap_or_default(),
        "--period",
        "2025-Q1",
    ];
    let (code, out, err) = sipas(&args, dir.path());
    assert_eq!(code, 0, "{err}");
    let snapshot =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/progress-plain.txt");
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(
        out,
        expected,
        "the plain table changed; if on purpose, update {}",
        snapshot.display()
    );
    assert!(!out.contains('\u{1b}'), "no colours when piped");
    let (_, json, _) = sipas(&[&args[..], &["--format", "json"]].concat(), dir.path());
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["targets"][1]["status"], "dat_toi_thieu");
    let (_, csv, _) = sipas(&[&args[..], &["--format", "csv"]].concat(), dir.path());
    assert!(
        csv.lines()
            .any(|l| l == "TC2,78.92,85.00,83.92,85.92,dat_toi_thieu,0.00"),
        "{csv}"
    );
}

#[test]
fn plan_prints_each_agency_as_csv_json_and_a_table() {
    // The respondents of the progress snapshot: A has 40 in 2025-Q1, all of
    // them in its four quarters (15/03/2024–14/03/2025). TC1 p = 1 → 35
    // answers (z² ÷ 2(n + z²) ≤ 0.05); TC2 p = 0.85 → 196 (the smallest n
    // with 1.96·√(0.1275/n + 0.9604/n²) ÷ (1 + 3.8416/n) ≤ 0.05); nobody
    // answered TC3 or TC4 (a = 0: they ask nothing). Every respondent
    // answers TC1 and TC2 (a = 1): A needs 196, 156 more than its 40; B and
    // C have no answers (p = 0.5 → 381).
    let dir = temp();
    let agencies = registry(dir.path());
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{i},10/02/2025,A,5,{}\n",
            if i < 34 { 4 } else { 2 }
        ));
    }
    let survey = write(dir.path(), "survey.csv", &text);
    let args = [
        "plan",
        "--agencies",
        agencies.to_str().unwrap_or_default(),
        "--survey",
        survey.to_str().unwrap_or_default(),
        "--period",
        "2025-Q1",
    ];
    let (code, csv, err) = sipas(&[&args[..], &["--format", "csv"]].concat(), dir.path());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "code,name,respondents,respondents_needed,shortfall,TC1_p,TC1_answers_needed,TC2_p,TC2_answers_needed,TC3_p,TC3_answers_needed,TC4_p,TC4_answers_needed"
    );
    assert_eq!(
        lines[1],
        "A,Sở Tư pháp,40,196,156,1.0000,35,0.8500,196,0.5000,381,0.5000,381"
    );
    assert_eq!(
        lines[2],
        "B,Sở Xây dựng,0,381,381,0.5000,381,0.5000,381,0.5000,381,0.5000,381"
    );
    let (_, json, _) = sipas(&[&args[..], &["--format", "json"]].concat(), dir.path());
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["respondents_needed"], 196 + 381 + 381);
    assert_eq!(
        value["agencies"][0]["criteria"]["TC2"]["answers_needed"],
        196
    );
    let (_, table, _) = sipas(&args, dir.path());
    assert!(table.contains("Kế hoạch khảo sát"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("Sở Tư pháp") && l.ends_with("40       196       156")),
        "{table}"
    );
}
