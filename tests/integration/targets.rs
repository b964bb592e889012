//! Plan 181 targets in summary.json, worked by hand.

use crate::common::{registry, run, settings, temp, write};

#[test]
fn city_and_agency_targets_in_the_summary() {
    // 40 respondents of agency A in 2025-Q1: TC2 answered 4 by 34 of them (85.00%),
    // the others 2; TC1 4 by all (100%). Agency B has no response.
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\n");
    for i in 0..40 {
        let tc2 = if i < 34 { 4 } else { 2 };
        text.push_str(&format!("{i},10/02/2025,A,5,{tc2}\n"));
    }
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", &text);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    let target = |unit: &serde_json::Value, name: &str| {
        unit["targets"]
            .as_array()
            .and_then(|t| t.iter().find(|x| x["indicator"] == name))
            .cloned()
            .unwrap_or_default()
    };
    // TC2: 85.00 is between 83.92 (78.92 + 5) and 85.92 (78.92 + 7): minimum met.
    let tc2 = target(&json["agencies"][0], "TC2");
    assert_eq!(tc2["status"], "dat_toi_thieu");
    assert_eq!(
        (tc2["target_min"].as_f64(), tc2["target_max"].as_f64()),
        (Some(83.92), Some(85.92))
    );
    assert_eq!(tc2["gap"].as_f64(), Some(0.0));
    // TC1: 100 ≥ 87.12 (82.12 + 5): met.
    assert_eq!(target(&json["agencies"][0], "TC1")["status"], "dat");
    // No TC3/TC4 answers: no element index, not enough data.
    assert_eq!(
        target(&json["agencies"][0], "element")["status"],
        "khong_du_du_lieu"
    );
    // Agency B: nothing at all.
    assert_eq!(
        target(&json["agencies"][1], "TC1")["status"],
        "khong_du_du_lieu"
    );
    assert_eq!(
        target(&json["agencies"][1], "on_time_rate")["status"],
        "khong_du_du_lieu"
    );
    // The city pools the same respondents.
    assert_eq!(target(&json["city"], "TC2")["status"], "dat_toi_thieu");
}

#[test]
fn agencies_are_ranked_within_their_level() {
    // 2025-Q1 PAKN: departments A (5 on time, 100%) and B (one of 5 late, 80%) are
    // ranked 1 and 2 of 2; district C (100%) is 1 of 1 in its own level.
    let mut text = String::from(
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Hạn xử lý,Ngày xử lý xong\n",
    );
    for (agency, late) in [("A", 0), ("B", 1), ("C", 0)] {
        for i in 0..5 {
            let resolved = if i < late { "20/01/2025" } else { "10/01/2025" };
            text.push_str(&format!(
                "{agency}{i},02/01/2025,Email,{agency},15/01/2025,{resolved}\n"
            ));
        }
    }
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", &text);
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let ranks: Vec<(Option<u32>, u32)> = summary
        .agencies
        .iter()
        .map(|a| (a.rank.on_time, a.rank.on_time_of))
        .collect();
    assert_eq!(ranks, vec![(Some(1), 2), (Some(2), 2), (Some(1), 1)]);
    // No survey: nobody is ranked by the element index.
    assert!(summary.agencies.iter().all(|a| a.rank.element.is_none()));
}

#[test]
fn trend_marks_a_significant_change_between_quarters() {
    // TC1: 400 answers in 2024-Q4 (70% satisfied) and 400 in 2025-Q1 (80%).
    // Wilson: 65.34–74.28 and 75.80–83.63 do not overlap: +10 points, significant.
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1\n");
    for i in 0..400 {
        text.push_str(&format!(
            "a{i},10/11/2024,A,{}\n",
            if i < 280 { 4 } else { 2 }
        ));
        text.push_str(&format!(
            "b{i},10/02/2025,A,{}\n",
            if i < 320 { 5 } else { 1 }
        ));
    }
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", &text);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    let trend = json["trend"].as_array().cloned().unwrap_or_default();
    let labels: Vec<&str> = trend.iter().filter_map(|t| t["label"].as_str()).collect();
    // Ordered by first day, then by length: 2025-Q1, 2025-H1 and 2025 all start on 15/12/2024.
    assert_eq!(
        labels,
        vec!["2024", "2024-H2", "2024-Q4", "2025-Q1", "2025-H1", "2025"]
    );
    let q1 = trend
        .iter()
        .find(|t| t["label"] == "2025-Q1")
        .cloned()
        .unwrap_or_default();
    assert_eq!(q1["indicators"]["TC1"]["value"], 80.0);
    assert_eq!(q1["change_previous"]["TC1"]["points"], 10.0);
    assert_eq!(q1["change_previous"]["TC1"]["significant"], true);
    // No data a year earlier.
    assert_eq!(q1["change_year_ago"]["TC1"], serde_json::Value::Null);
    // The data runs from 10/11/2024 to 10/02/2025: no period is covered from its first
    // to its last day.
    let complete: Vec<&str> = trend
        .iter()
        .filter(|t| t["complete"] == true)
        .filter_map(|t| t["label"].as_str())
        .collect();
    assert_eq!(complete, Vec::<&str>::new());
}

#[test]
fn an_agency_baseline_replaces_the_citys_for_that_agency() {
    // A's own 2021 TC2 was 75.00, so its target is 80.00–82.00 (+5 to +7 points);
    // with 34 of 40 satisfied (85.00%) A has met it fully, while the city's target
    // (83.92–85.92) is only met at its minimum.
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2\n");
    for i in 0..40 {
        text.push_str(&format!(
            "{i},10/02/2025,A,5,{}\n",
            if i < 34 { 4 } else { 2 }
        ));
    }
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", &text);
    let baselines = write(
        dir.path(),
        "baselines.csv",
        "code,TC2,element\nA,75,\nB,,70\n",
    );
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    s.config.agency_baselines = Some(baselines);
    let (_, summary) = run(&s);
    let tc2 = |targets: &[sipas::metrics::targets::TargetResult]| {
        targets
            .iter()
            .find(|t| t.indicator == "TC2")
            .cloned()
            .expect("TC2 target")
    };
    let a = tc2(&summary.agencies[0].targets);
    assert_eq!(
        (a.baseline, a.target_min, a.target_max),
        (Some(75.0), Some(80.0), Some(82.0))
    );
    assert_eq!(a.status, sipas::metrics::targets::TargetStatus::Met);
    let city = tc2(&summary.city.targets);
    assert_eq!(
        city.status,
        sipas::metrics::targets::TargetStatus::MetMinimum
    );
    // B's own element baseline of 70 gives 73.00–75.00 (and above 85 still applies).
    let b = summary.agencies[1]
        .targets
        .iter()
        .find(|t| t.indicator == "element")
        .cloned()
        .expect("element");
    assert_eq!((b.target_min, b.target_max), (Some(73.0), Some(75.0)));
}
