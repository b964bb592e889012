//! The whole survey: a questionnaire of more elements than PAKN, worked by
//! hand on four weighted responses of 2025-Q1.

use sipas::config::profile::Profile;
use sipas::config::questionnaire::{CriterionSpec, ElementSpec};

use crate::common::{registry, run, settings, temp, write};

/// Four responses to agency A. R1 and R3 said they gave no feedback; TTHC3
/// is in the column "Câu 7" (mapped by a profile); "9" and a blank are no
/// answers; "Hài lòng" is 4 and "Rất không hài lòng" 1; nobody answered CC1.
const SURVEY: &str = "\
Mã phiếu,Ngày khảo sát,Cơ quan,Có góp ý,Trọng số,TC1,TC2,TC3,TC4,TTHC1,TTHC2,Câu 7,CC1
R1,10/01/2025,A,Không,1,5,5,5,5,5,4,Hài lòng,
R2,10/01/2025,A,Có,2,4,4,4,4,2,,1,
R3,11/01/2025,A,Không,1,3,3,3,3,9,5,Rất không hài lòng,
R4,12/01/2025,A,,1,4,2,2,2,4,3,5,
";

fn element(code: &str, criteria: &[&str], weight: Option<f64>) -> ElementSpec {
    ElementSpec {
        code: code.to_string(),
        label: format!("Yếu tố {code}"),
        weight,
        criteria: criteria
            .iter()
            .map(|c| CriterionSpec {
                code: c.to_string(),
                label: format!("Câu hỏi {c}"),
            })
            .collect(),
    }
}

fn close(value: Option<f64>, expected: f64) -> bool {
    value.is_some_and(|v| (v - expected).abs() < 1e-9)
}

#[test]
fn every_element_is_computed_like_tc1_to_tc4() {
    let dir = temp();
    let survey = write(dir.path(), "khao-sat.csv", SURVEY);
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    s.config.questionnaire = vec![
        element("TTHC", &["TTHC1", "TTHC2", "TTHC3"], None),
        element("CC", &["CC1"], None),
    ];
    s.profile = Profile::parse("[survey.columns]\nTTHC3 = \"Câu 7\"\n", "p.toml").expect("profile");
    let (loaded, summary) = run(&s);
    assert_eq!(loaded.inputs.rejected(), 0, "{:?}", loaded.inputs.findings);
    let city = &summary.city.survey;
    let codes: Vec<&str> = city.elements.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, vec!["PAKN", "TTHC", "CC"]);

    // PAKN: TC1 over all four, satisfied weight 1 + 2 + 1 of 5 = 80%; TC2–TC4
    // leave out R1 and R3 (no feedback given): R2 (4, weight 2) and R4 (2) =
    // 2/3. The element = (80 + 3 × 66.67) / 4 = 70.
    assert!(close(city.tc1.index, 80.0), "{:?}", city.tc1.index);
    assert!(close(city.tc2.index, 200.0 / 3.0));
    assert_eq!(city.tc2.n, 2);
    assert!(close(city.element, 70.0));
    assert!(close(city.elements[0].index, 70.0));

    // TTHC1: R1 5 (w 1), R2 2 (w 2), R4 4 (w 1); R3's 9 is no answer. The
    // gave-feedback rule does not apply: R1 counts. Index = 2/4 = 50%; Kish
    // n = 4² / (1 + 4 + 1) = 2.667; mean = (5 + 2 × 2 + 4) / 4 = 3.25.
    let tthc = &city.elements[1];
    let c1 = &tthc.criteria[0].criterion;
    assert_eq!((c1.n, c1.satisfied), (3, 2));
    assert!(close(c1.index, 50.0));
    assert!(close(c1.effective_n, 16.0 / 6.0));
    assert!(close(c1.mean, 3.25));
    // TTHC2: R1 4, R3 5, R4 3 (R2 blank) = 2/3, mean 4.
    let c2 = &tthc.criteria[1].criterion;
    assert_eq!((c2.n, c2.satisfied), (3, 2));
    assert!(close(c2.index, 200.0 / 3.0));
    assert!(close(c2.mean, 4.0));
    // TTHC3 (column "Câu 7"): R1 "Hài lòng" = 4, R2 1 (w 2), R3 "Rất không
    // hài lòng" = 1, R4 5: satisfied weight 2 of 5 = 40%; two 1s, a 4, a 5.
    let c3 = &tthc.criteria[2].criterion;
    assert_eq!((c3.n, c3.satisfied), (4, 2));
    assert!(close(c3.index, 40.0));
    assert_eq!(c3.distribution, [2, 0, 0, 1, 1]);
    assert_eq!(tthc.criteria[2].code, "TTHC3");
    assert_eq!(tthc.criteria[2].label, "Câu hỏi TTHC3");
    // The element: (50 + 66.67 + 40) / 3 = 52.22.
    assert!(close(tthc.index, 470.0 / 9.0), "{:?}", tthc.index);

    // CC: nobody answered: no index, and so no overall index.
    let cc = &summary.city.survey.elements[2];
    assert_eq!(cc.criteria[0].criterion.n, 0);
    assert_eq!(cc.index, None);
    assert_eq!(city.overall, None);
    // The agency's own results are the same (it is the only one).
    assert!(close(
        summary.agencies[0].survey.elements[1].index,
        470.0 / 9.0
    ));

    // summary.json: elements with their criteria, and the overall index.
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    let tthc_json = &json["city"]["survey"]["elements"][1];
    assert_eq!(tthc_json["code"], "TTHC");
    assert_eq!(tthc_json["index"], 52.22);
    // Wilson at p = 0.5 on Kish n = 2.667: centre 0.5, half-width
    // 1.96 × √(0.09375 + 0.13506) / 2.4406 = 0.38414.
    assert_eq!(tthc_json["criteria"][0]["ci_low"], 11.59);
    assert_eq!(tthc_json["criteria"][0]["ci_high"], 88.41);
    assert_eq!(tthc_json["criteria"][2]["n"], 4);
    assert_eq!(json["city"]["survey"]["overall"], serde_json::Value::Null);
    assert_eq!(json["agencies"][0]["survey"]["elements"][1]["index"], 52.22);
}

#[test]
fn the_overall_index_is_the_mean_of_the_elements_or_weighted() {
    let dir = temp();
    let survey = write(dir.path(), "khao-sat.csv", SURVEY);
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    s.profile = Profile::parse("[survey.columns]\nTTHC3 = \"Câu 7\"\n", "p.toml").expect("profile");
    // PAKN 70 and TTHC 52.22: plain mean 61.11.
    s.config.questionnaire = vec![element("TTHC", &["TTHC1", "TTHC2", "TTHC3"], None)];
    let (_, summary) = run(&s);
    assert!(close(
        summary.city.survey.overall,
        (70.0 + 470.0 / 9.0) / 2.0
    ));
    // PAKN weighed 2, TTHC 1: (2 × 70 + 52.22) / 3 = 64.07.
    s.config.questionnaire = vec![
        element("PAKN", &[], Some(2.0)),
        element("TTHC", &["TTHC1", "TTHC2", "TTHC3"], Some(1.0)),
    ];
    let (_, summary) = run(&s);
    assert!(close(
        summary.city.survey.overall,
        (2.0 * 70.0 + 470.0 / 9.0) / 3.0
    ));
    // The trend carries every element and the overall index.
    let quarter = summary
        .trend
        .iter()
        .find(|e| e.label == "2025-Q1")
        .expect("2025-Q1 in the trend");
    assert!(close(quarter.indicators["TTHC"].value, 470.0 / 9.0));
    assert!(close(
        quarter.indicators["overall"].value,
        (2.0 * 70.0 + 470.0 / 9.0) / 3.0
    ));
}

#[test]
fn a_profile_column_outside_the_questionnaire_is_refused() {
    let dir = temp();
    let survey = write(dir.path(), "khao-sat.csv", SURVEY);
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    s.profile = Profile::parse("[survey.columns]\nTTHC3 = \"Câu 7\"\n", "p.toml").expect("profile");
    let error = sipas::pipeline::load(&s).expect_err("refused").to_string();
    assert!(error.contains("p.toml"), "{error}");
    assert!(
        error.contains("TTHC3 is not a criterion of the questionnaire"),
        "{error}"
    );
    // A lower-case typo is still a typo.
    let typo = Profile::parse("[survey.columns]\nagnecy = \"Cơ quan\"\n", "p.toml")
        .expect_err("typo")
        .to_string();
    assert!(typo.contains("did you mean agency"), "{typo}");
}
