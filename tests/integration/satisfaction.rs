//! SIPAS criteria: missing answers, the gave-feedback rule, the element mean.

use crate::common::{registry, run, settings, temp, write};

/// Ten respondents of Sở Tư pháp in 2025-Q1 (15/12/2024 – 14/03/2025).
const TEN_RESPONDENTS: &str = "\
Mã phiếu,Ngày khảo sát,Cơ quan,Có góp ý,TC1,TC2,TC3,TC4
1,05/01/2025,Sở Tư pháp,Có,5,5,4,
2,05/01/2025,Sở Tư pháp,Có,4,5,4,
3,05/01/2025,STP,Không,3,5,4,
4,06/01/2025,Sở TP,Không,2,5,4,
5,06/01/2025,Sở Tư pháp,Có,1,2,4,
6,06/01/2025,Sở Tư pháp,,4,4,4,
7,07/01/2025,Sở Tư pháp,Có,,4,2,
8,07/01/2025,Sở Tư pháp,Có,Không ý kiến,,2,
9,07/01/2025,Sở Tư pháp,Có,9,4,Rất hài lòng,
10,07/01/2025,Sở Tư pháp,Có,Hài lòng,3,99,
11,20/03/2025,Sở Tư pháp,Có,1,1,1,1
";

#[test]
fn criterion_index_with_missing_answers_and_the_gave_feedback_rule() {
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", TEN_RESPONDENTS);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let agency = &summary.agencies[0].survey;
    // Respondent 11 was surveyed after the period (20/03/2025) and is left out.
    assert_eq!(agency.respondents, 10);

    // TC1 answers 5,4,3,2,1,4,–,–,–,4 ("Hài lòng" = 4; blank, "Không ý kiến" and 9 are
    // no answer): n = 7, satisfied = 4 (5,4,4,4), index = 400/7 = 57.142857…
    let tc1 = agency.tc1;
    assert_eq!((tc1.n, tc1.satisfied), (7, 4));
    assert!((tc1.index.unwrap_or_default() - 57.142_857).abs() < 1e-5);
    // Wilson, p = 4/7, n = 7: centre = (0.571429 + 0.274400)/1.548800 = 0.546119,
    // half = 1.96 × sqrt(0.034985 + 0.019600)/1.548800 = 0.295664.
    assert!((tc1.ci_low.unwrap_or_default() - 25.0454).abs() < 1e-3);
    assert!((tc1.ci_high.unwrap_or_default() - 84.1783).abs() < 1e-3);
    // The distribution of answers 1..5 and the mean (5+4+3+2+1+4+4)/7 = 23/7.
    assert_eq!(tc1.distribution, [1, 1, 1, 3, 1]);
    assert!((tc1.mean.unwrap_or_default() - 23.0 / 7.0).abs() < 1e-9);

    // TC2: respondents 3 and 4 said they gave no feedback and are left out; 6 left the
    // question blank and stays in; 8 did not answer. Answers 5,5,2,4,4,4,3: n = 7,
    // satisfied = 5, index = 500/7 = 71.428571…
    let tc2 = agency.tc2;
    assert_eq!((tc2.n, tc2.satisfied), (7, 5));
    assert!((tc2.index.unwrap_or_default() - 71.428_571).abs() < 1e-5);

    // TC3: 1,2,5,6 (4,4,4,4) + 7,8 (2,2) + 9 ("Rất hài lòng" = 5) + 10 (99 = no answer);
    // 3, 4 left out: n = 7, satisfied = 5.
    assert_eq!((agency.tc3.n, agency.tc3.satisfied), (7, 5));

    // TC4 has no answer in the period: no index, and so no element index.
    assert_eq!(agency.tc4.n, 0);
    assert_eq!(agency.tc4.index, None);
    assert_eq!(agency.element, None);
    assert!(tc1.small_sample);
}

#[test]
fn agencies_without_responses_have_empty_results() {
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", TEN_RESPONDENTS);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let empty = &summary.agencies[1].survey;
    assert_eq!(empty.respondents, 0);
    assert_eq!(
        (empty.tc1.n, empty.tc1.index, empty.tc1.ci_low),
        (0, None, None)
    );
    // The city pools every respondent: the same as the one agency with answers.
    assert_eq!(summary.city.survey.tc2.n, 7);
}

#[test]
fn element_index_is_the_mean_of_unrounded_criteria() {
    // 2,500 respondents: TC1 satisfied 2,053 (82.12%), TC2–TC4 satisfied 1,973 (78.92%).
    // Element = (82.12 + 3 × 78.92) / 4 = 318.88 / 4 = 79.72 (docs/definitions.md, “Satisfaction”).
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2,TC3,TC4\n");
    for i in 0..2500 {
        let tc1 = if i < 2053 { 5 } else { 2 };
        let rest = if i < 1973 { 4 } else { 3 };
        text.push_str(&format!("{i},10/02/2025,B,{tc1},{rest},{rest},{rest}\n"));
    }
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", &text);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let b = &summary.agencies[1].survey;
    assert!((b.tc1.index.unwrap_or_default() - 82.12).abs() < 1e-9);
    assert!((b.tc2.index.unwrap_or_default() - 78.92).abs() < 1e-9);
    assert!((b.element.unwrap_or_default() - 79.72).abs() < 1e-9);
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    assert_eq!(
        json["agencies"][1]["survey"]["element"],
        serde_json::json!(79.72)
    );
    assert_eq!(
        json["agencies"][1]["survey"]["TC1"]["index"],
        serde_json::json!(82.12)
    );
    // Against the 2021 baseline of 79.73: −0.01 points.
    assert_eq!(
        json["change_vs_baseline"]["element"],
        serde_json::json!(-0.01)
    );
}

#[test]
fn weights_give_a_weighted_index_and_a_kish_effective_sample() {
    // Weights 3, 1, 1, 1 with answers 5, 1, 1, 1: index = 100 × 3/6 = 50;
    // effective n = 6² / (9 + 1 + 1 + 1) = 3.
    let text = "Mã phiếu,Ngày khảo sát,Cơ quan,Trọng số,TC1\n\
                1,10/02/2025,A,3,5\n2,10/02/2025,A,1,1\n3,10/02/2025,A,1,1\n4,10/02/2025,A,\"1,0\",1\n";
    let dir = temp();
    let survey = write(dir.path(), "survey.csv", text);
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let tc1 = summary.agencies[0].survey.tc1;
    assert_eq!((tc1.n, tc1.satisfied), (4, 1));
    assert!((tc1.index.unwrap_or_default() - 50.0).abs() < 1e-9);
    assert!((tc1.effective_n.unwrap_or_default() - 3.0).abs() < 1e-9);
}

#[test]
fn the_element_interval_comes_from_the_respondents_worked_by_hand() {
    // Four respondents, R3 skipping TC3. Satisfied (4–5) per criterion:
    //        TC1 TC2 TC3 TC4
    //   R1    1   1   1   1
    //   R2    0   0   0   0
    //   R3    1   0   –   1
    //   R4    1   1   0   0
    // p = 0.75, 0.5, 1/3, 0.5; element = (75 + 50 + 33.33 + 50) / 4 = 52.08.
    // Respondent i adds z_ik = (y_ik − p_k) ÷ n_k to criterion k, and
    // u_i = Σ_k z_ik ÷ 4 to the element: u = 0.13368, −0.13715, 0.01563,
    // −0.01215 (R3's TC3 adds nothing); SE = √Σu² = 0.192544 = 19.25 points;
    // 95% interval 52.08 ± 1.96 × 19.25 = 14.34 … 89.82.
    let dir = temp();
    let survey = write(
        dir.path(),
        "khao-sat.csv",
        "Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2,TC3,TC4\n\
         R1,10/01/2025,A,5,5,4,5\n\
         R2,10/01/2025,A,2,1,2,1\n\
         R3,10/01/2025,A,4,2,,4\n\
         R4,10/01/2025,A,5,4,3,2\n",
    );
    let s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    let (_, summary) = run(&s);
    let city = &summary.city.survey;
    assert!((city.element.unwrap_or_default() - 625.0 / 12.0).abs() < 1e-9);
    let se = city.elements[0].se.unwrap_or_default();
    assert!((se - 19.254_403_7).abs() < 1e-6, "{se}");
    assert!((city.element_ci_low.unwrap_or_default() - 14.344_702).abs() < 1e-5);
    assert!((city.element_ci_high.unwrap_or_default() - 89.821_965).abs() < 1e-5);
    // The funnel limits of the element: sd per respondent = SE × √4.
    let sd = summary.funnel.element.sd.unwrap_or_default();
    assert!((sd - 2.0 * 19.254_403_7).abs() < 1e-6, "{sd}");
}
