//! The survey plan ("kế hoạch khảo sát"), worked by hand. Period 2025-Q2
//! (Decree 09: 15/03–14/06/2025); its four quarters run from 2024-Q3,
//! 15/06/2024, to 14/06/2025. Margin ±5 points, minimum sample 30.

use crate::common::{registry, run, settings, temp, write};

/// Respondents of A (Sở Tư pháp) and B (Sở Xây dựng).
///
/// A, in the four quarters: 40 respondents. 32 answer TC1 with 4 and 8 with
/// 2: p = 0.8. 35 gave feedback and answer TC2–TC4 (28 with 5, 7 with 1:
/// p = 0.8); 5 did not (their TC2–TC4 do not count). 20 of the 40 are in
/// 2025-Q2. Ten more, all unsatisfied, answered on 01/06/2024, before the
/// four quarters, and do not count.
///
/// B: 10 respondents in 2025-Q1, 5 of whom gave no feedback: fewer than 30
/// answers, so p = 0.5 for every criterion; none in 2025-Q2.
fn survey_file() -> String {
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,Có góp ý,TC1,TC2,TC3,TC4\n");
    let mut id = 0;
    let mut add = |day: &str, agency: &str, gave: &str, tc1: u8, rest: &str| {
        id += 1;
        text.push_str(&format!(
            "{id},{day},{agency},{gave},{tc1},{rest},{rest},{rest}\n"
        ));
    };
    for k in 0..40 {
        let day = if k < 20 { "10/04/2025" } else { "10/10/2024" };
        let tc1 = if k < 32 { 4 } else { 2 };
        // Respondents 0–27 satisfied with TC2–TC4, 28–34 not, 35–39 gave no feedback.
        let (gave, rest) = match k {
            0..=27 => ("Có", "5"),
            28..=34 => ("Có", "1"),
            _ => ("Không", "5"),
        };
        add(day, "A", gave, tc1, rest);
    }
    for _ in 0..10 {
        add("01/06/2024", "A", "Có", 1, "1");
    }
    for k in 0..10 {
        add(
            "05/01/2025",
            "B",
            if k < 5 { "Có" } else { "Không" },
            4,
            "4",
        );
    }
    text
}

#[test]
fn respondents_needed_worked_by_hand() {
    let dir = temp();
    let survey = write(dir.path(), "khao-sat.csv", &survey_file());
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q2");
    let (_, summary) = run(&s);
    let city = &summary.survey_plan;
    assert_eq!(
        (city.from.as_str(), city.to.as_str()),
        ("2024-06-15", "2025-06-14")
    );
    // The city's 50 respondents in the four quarters: all answer TC1
    // (a = 1); 40 gave feedback and answer TC2–TC4 (a = 40/50 = 0.8).
    assert_eq!(city.respondents, 50);
    assert_eq!(city.answer_shares["TC1"], 1.0);
    assert_eq!(city.answer_shares["TC2"], 0.8);

    let a = &summary.agencies[0];
    assert_eq!(a.code, "A");
    let plan = a.survey_plan.as_ref().expect("A's plan");
    // p = 0.8 → 245 answers (see metrics::survey_plan's tests); TC1:
    // 245 ÷ 1 = 245 respondents; TC2–TC4: ⌈245 ÷ 0.8⌉ = ⌈306.25⌉ = 307.
    for code in ["TC1", "TC2", "TC3", "TC4"] {
        assert!((plan.criteria[code].p - 0.8).abs() < 1e-12, "{code}");
        assert_eq!(plan.criteria[code].answers_needed, 245, "{code}");
    }
    assert_eq!(plan.respondents_needed, 307);
    // 20 respondents in 2025-Q2: 287 short.
    assert_eq!(a.survey.respondents, 20);
    assert_eq!(plan.shortfall, 287);

    let b = &summary.agencies[1];
    assert_eq!(b.code, "B");
    // Fewer than 30 answers: p = 0.5 → 381; ⌈381 ÷ 0.8⌉ = ⌈476.25⌉ = 477.
    let b_plan = b.survey_plan.as_ref().expect("B's plan");
    assert_eq!(b_plan.criteria["TC1"].p, 0.5);
    assert_eq!(b_plan.criteria["TC1"].answers_needed, 381);
    assert_eq!(b_plan.respondents_needed, 477);
    assert_eq!(b_plan.shortfall, 477);

    // C (no respondents at all) also needs 477; the city adds the three.
    let c = &summary.agencies[2];
    let c_plan = c.survey_plan.as_ref().expect("C's plan");
    assert_eq!(c_plan.respondents_needed, 477);
    assert_eq!(city.respondents_needed, 307 + 477 + 477);
    assert_eq!(city.shortfall, 287 + 477 + 477);
}

#[test]
fn the_margin_follows_the_configuration() {
    let dir = temp();
    let survey = write(dir.path(), "khao-sat.csv", &survey_file());
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q2");
    s.config.survey_margin_points = 10.0;
    let (_, summary) = run(&s);
    // p = 0.5, ±10 points: (0.98/0.1)² − 3.8416 = 92.20 → 93 answers;
    // ⌈93 ÷ 0.8⌉ = ⌈116.25⌉ = 117 respondents.
    let b = summary.agencies[1].survey_plan.as_ref().expect("B's plan");
    assert_eq!(b.criteria["TC2"].answers_needed, 93);
    assert_eq!(b.respondents_needed, 117);
    assert_eq!(b.margin_points, 10.0);
}

#[test]
fn an_agency_that_has_ended_has_no_plan() {
    let dir = temp();
    // One more respondent of B, on 20/03/2025: in 2025-Q2, so B is listed.
    let text = survey_file() + "61,20/03/2025,B,Có,4,4,4,4\n";
    let survey = write(dir.path(), "khao-sat.csv", &text);
    // B ends on 31/03/2025, before 2025-Q2 ends: listed for its answer, but
    // nobody will be surveyed there.
    let registry = write(
        dir.path(),
        "agencies.csv",
        "code,name,level,aliases,valid_from,valid_until,successor\n\
         A,Sở Tư pháp,so_nganh,,,,\n\
         B,Sở Xây dựng,so_nganh,,,31/03/2025,\n",
    );
    let s = settings(vec![], vec![survey], registry, "2025-Q2");
    let (_, summary) = run(&s);
    let codes: Vec<&str> = summary.agencies.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["A", "B"]);
    assert!(summary.agencies[1].survey_plan.is_none());
    // 51 respondents in the four quarters, 41 answering TC2–TC4: A needs
    // ⌈245 ÷ (41/51)⌉ = ⌈304.76⌉ = 305, 285 more than its 20; the city adds
    // A's alone.
    assert_eq!(summary.survey_plan.respondents_needed, 305);
    assert_eq!(summary.survey_plan.shortfall, 285);
}
