//! The 2025 reform: agencies that merge and end, counted as they stand on
//! the period's last day. Every number below is worked out by hand from the
//! records written next to it.
//!
//! Decree 09 periods: 2025-Q1 = 15/12/2024–14/03/2025, 2025-Q2 =
//! 15/03–14/06/2025, 2025-Q3 = 15/06–14/09/2025, 2025-Q4 = 15/09–14/12/2025.

use std::path::{Path, PathBuf};

use sipas::model::Reason;

use crate::common::{report_into, run, settings, temp, write};

/// The departments TNMT and NNPTNT end on 28/02/2025 and merge into NNMT
/// (from 01/03/2025); A ends on 31/12/2024 with successor B, which ends on
/// 30/06/2025 with successor C (a chain); the district BD ends on
/// 30/06/2025 with no successor; the ward P1 starts on 01/07/2025; STP
/// never changes.
const REGISTRY: &str = "code,name,level,aliases,valid_from,valid_until,successor\n\
TNMT,Sở Tài nguyên và Môi trường,so_nganh,Sở TNMT,,28/02/2025,NNMT\n\
NNPTNT,Sở Nông nghiệp và Phát triển nông thôn,so_nganh,,,28/02/2025,NNMT\n\
NNMT,Sở Nông nghiệp và Môi trường,so_nganh,,01/03/2025,,\n\
STP,Sở Tư pháp,so_nganh,,,,\n\
A,Ban A,so_nganh,,,31/12/2024,B\n\
B,Ban B,so_nganh,,01/01/2025,30/06/2025,C\n\
C,Ban C,so_nganh,,2025-07-01,,\n\
BD,UBND quận Ba Đình,quan_huyen,,,30/06/2025,\n\
P1,UBND phường Ba Đình,xa_phuong,,01/07/2025,,\n";

/// A feedback file of `rows` (id, received, agency, due, resolved).
fn feedback(folder: &Path, rows: &[(&str, &str, &str, &str, &str)]) -> PathBuf {
    let mut text = String::from(
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Hạn xử lý,Ngày xử lý xong\n",
    );
    for (id, received, agency, due, resolved) in rows {
        text.push_str(&format!(
            "{id},{received},Email,{agency},{due},{resolved}\n"
        ));
    }
    write(folder, "pakn.csv", &text)
}

/// A survey file of `rows` (id, surveyed, agency, the answer to TC1–TC4).
fn survey(folder: &Path, rows: &[(&str, &str, &str, u8)]) -> PathBuf {
    let mut text = String::from("Mã phiếu,Ngày khảo sát,Cơ quan,TC1,TC2,TC3,TC4\n");
    for (id, day, agency, answer) in rows {
        text.push_str(&format!(
            "{id},{day},{agency},{answer},{answer},{answer},{answer}\n"
        ));
    }
    write(folder, "khao-sat.csv", &text)
}

/// Reports `period` of the files in `folder` with [`REGISTRY`]; summary.json.
fn report(
    folder: &Path,
    feedback: PathBuf,
    survey: Option<PathBuf>,
    period: &str,
) -> serde_json::Value {
    let registry = write(folder, "agencies.csv", REGISTRY);
    let settings = settings(
        vec![feedback],
        survey.into_iter().collect(),
        registry,
        period,
    );
    let (_, summary) = run(&settings);
    serde_json::to_value(&summary).expect("json")
}

fn agency<'a>(summary: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    summary["agencies"]
        .as_array()?
        .iter()
        .find(|a| a["code"] == code)
}

fn listed(summary: &serde_json::Value) -> Vec<String> {
    summary["agencies"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|a| a["code"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_pakn_pending_across_a_merger_belongs_to_the_successor() {
    let dir = temp();
    // T1: received by TNMT on 20/02/2025, due 13/03, still pending.
    // N1: received by NNMT on 20/03/2025, due 10/04, handled 01/04.
    let pakn = feedback(
        dir.path(),
        &[
            ("T1", "20/02/2025", "TNMT", "13/03/2025", ""),
            ("N1", "20/03/2025", "NNMT", "10/04/2025", "01/04/2025"),
        ],
    );
    let summary = report(dir.path(), pakn, None, "2025-Q2");
    // On 14/06/2025 TNMT and NNPTNT have ended: not listed; NNMT is.
    let codes = listed(&summary);
    assert!(!codes.contains(&"TNMT".to_string()));
    assert!(!codes.contains(&"NNPTNT".to_string()));
    let nnmt = agency(&summary, "NNMT").expect("NNMT listed");
    let h = &nnmt["handling"];
    // T1 came from before the period, unresolved: carried over, and still
    // pending past its deadline on 14/06; N1 received and handled early.
    assert_eq!(h["carried_over"], 1);
    assert_eq!(h["received"], 1);
    assert_eq!(h["handled"], 1);
    assert_eq!(h["pending"], 1);
    assert_eq!(h["pending_overdue"], 1);
    assert_eq!(nnmt["predecessors"], serde_json::json!(["TNMT", "NNPTNT"]));
    // The merger is said.
    let mergers = summary["mergers"].as_array().expect("mergers");
    assert!(mergers
        .iter()
        .any(|m| m["code"] == "TNMT" && m["into_code"] == "NNMT" && m["until"] == "2025-02-28"));
}

#[test]
fn the_lists_name_the_successor_of_a_pakn_pending_across_a_merger() {
    let dir = temp();
    // T1 as above, pending past its deadline (13/03) on 14/06/2025, and S1
    // of STP, received 02/06/2025, due 23/06: pending within its deadline.
    // The summary lists NNMT, STP, B and BD (TNMT, NNPTNT and A count
    // under others; C and P1 have not begun), so the registry's places and
    // the summary's differ: NNMT is 3rd in the registry and 1st listed.
    let pakn = feedback(
        dir.path(),
        &[
            ("T1", "20/02/2025", "TNMT", "13/03/2025", ""),
            ("S1", "02/06/2025", "STP", "23/06/2025", ""),
        ],
    );
    let registry = write(dir.path(), "agencies.csv", REGISTRY);
    let run = settings(vec![pakn], Vec::new(), registry, "2025-Q2");
    let out = dir.path().join("out");
    let (computed, files) = report_into(&run, &out, sipas::report::labels::Lang::Vi);
    let overdue = std::fs::read_to_string(&files.overdue).expect("overdue.csv");
    let rows: Vec<&str> = overdue.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{overdue}");
    assert!(
        rows[0].starts_with("T1,NNMT,Sở Nông nghiệp và Môi trường,"),
        "{overdue}"
    );
    // fields.csv: one row per listed agency with PAKN, under its own name.
    let fields = std::fs::read_to_string(&files.fields).expect("fields.csv");
    let agencies: Vec<&str> = fields
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap_or_default())
        .collect();
    assert_eq!(agencies, ["NNMT", "STP"], "{fields}");
    assert_eq!(computed.summary.agencies[0].code, "NNMT");
}

#[test]
fn a_late_name_counts_under_the_successor_with_one_warning() {
    let dir = temp();
    // The export still names TNMT (by its alias, then its name) after it
    // ended on 28/02/2025: twice in April. One warning for the agency.
    let pakn = feedback(
        dir.path(),
        &[
            ("T1", "10/04/2025", "Sở TNMT", "05/05/2025", "20/04/2025"),
            (
                "T2",
                "11/04/2025",
                "Sở Tài nguyên và Môi trường",
                "06/05/2025",
                "",
            ),
            ("T0", "10/02/2025", "TNMT", "05/03/2025", "20/02/2025"),
        ],
    );
    let registry = write(dir.path(), "agencies.csv", REGISTRY);
    let settings = settings(vec![pakn], vec![], registry, "2025-Q2");
    let (loaded, summary) = run(&settings);
    // Not rejected: three rows read, three accepted.
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (3, 3, 0)
    );
    let warnings: Vec<_> = loaded.inputs.findings.kept().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].row, 2);
    assert_eq!(warnings[0].column, "Cơ quan xử lý");
    assert_eq!(
        warnings[0].reason,
        Reason::AgencyAfterEnd {
            until: "28/02/2025".to_string(),
            successor: Some("Sở Nông nghiệp và Môi trường".to_string())
        }
    );
    // Both April PAKN count under NNMT in 2025-Q2.
    let summary = serde_json::to_value(&summary).expect("json");
    let h = &agency(&summary, "NNMT").expect("NNMT")["handling"];
    assert_eq!(h["received"], 2);
    assert_eq!(h["handled"], 1);
}

#[test]
fn the_successor_is_compared_with_its_predecessors_pooled() {
    let dir = temp();
    // 2025-Q1: TNMT handles 2 (one before its due date, one after) and
    // NNPTNT 2 (both before): pooled on time 3 of 4 = 75%.
    // 2025-Q2: NNMT handles 4, all before their due date: 100%.
    // Change: 100.00 − 75.00 = +25.00 points.
    let pakn = feedback(
        dir.path(),
        &[
            ("a1", "02/01/2025", "TNMT", "20/01/2025", "10/01/2025"),
            ("a2", "02/01/2025", "TNMT", "20/01/2025", "30/01/2025"),
            ("b1", "03/01/2025", "NNPTNT", "21/01/2025", "10/01/2025"),
            ("b2", "03/01/2025", "NNPTNT", "21/01/2025", "15/01/2025"),
            ("c1", "01/04/2025", "NNMT", "20/04/2025", "10/04/2025"),
            ("c2", "01/04/2025", "NNMT", "20/04/2025", "11/04/2025"),
            ("c3", "02/04/2025", "NNMT", "21/04/2025", "12/04/2025"),
            ("c4", "02/04/2025", "NNMT", "21/04/2025", "13/04/2025"),
        ],
    );
    // Survey, 2025-Q1: TNMT 2 answers of 5 (satisfied), NNPTNT 2 of 2 (not):
    // every criterion 2 of 4 = 50%, element 50. 2025-Q2: NNMT 4 answers of
    // 5: 100. Change +50.00 points.
    let responses = survey(
        dir.path(),
        &[
            ("s1", "10/01/2025", "TNMT", 5),
            ("s2", "11/01/2025", "TNMT", 5),
            ("s3", "12/01/2025", "NNPTNT", 2),
            ("s4", "13/01/2025", "NNPTNT", 2),
            ("s5", "10/04/2025", "NNMT", 5),
            ("s6", "11/04/2025", "NNMT", 5),
            ("s7", "12/04/2025", "NNMT", 5),
            ("s8", "13/04/2025", "NNMT", 5),
        ],
    );
    let summary = report(dir.path(), pakn, Some(responses), "2025-Q2");
    let nnmt = agency(&summary, "NNMT").expect("NNMT");
    assert_eq!(nnmt["handling"]["on_time_rate"], 100.0);
    assert_eq!(nnmt["change_previous"]["period"], "2025-Q1");
    assert_eq!(nnmt["change_previous"]["on_time_rate"]["points"], 25.0);
    assert_eq!(nnmt["survey"]["element"], 100.0);
    assert_eq!(nnmt["change_previous"]["element"]["points"], 50.0);
    // Reported on 2025-Q1 itself (ends 14/03/2025), the two departments,
    // which ended on 28/02, count under NNMT too.
    let dir = temp();
    let pakn = feedback(
        dir.path(),
        &[("a1", "02/01/2025", "TNMT", "20/01/2025", "10/01/2025")],
    );
    let q1 = report(dir.path(), pakn, None, "2025-Q1");
    assert_eq!(listed(&q1).iter().filter(|c| *c == "TNMT").count(), 0);
    assert_eq!(agency(&q1, "NNMT").expect("NNMT")["handling"]["handled"], 1);
    // Reported on 2024-Q4 (ends 14/12/2024), TNMT stands: listed on its own,
    // and NNMT, which does not exist yet and has nothing, is not.
    let dir = temp();
    let pakn = feedback(
        dir.path(),
        &[("a0", "02/12/2024", "TNMT", "20/12/2024", "10/12/2024")],
    );
    let q4 = report(dir.path(), pakn, None, "2024-Q4");
    assert_eq!(agency(&q4, "TNMT").expect("TNMT")["handling"]["handled"], 1);
    assert!(agency(&q4, "NNMT").is_none());
}

#[test]
fn a_chain_of_successors_is_followed_while_each_has_ended() {
    // A (ends 31/12/2024) → B (01/01/2025–30/06/2025) → C (from 01/07/2025).
    let rows = [
        ("x1", "02/12/2024", "A", "20/12/2024", "10/12/2024"),
        ("x2", "10/01/2025", "A", "30/01/2025", ""),
    ];
    // 2025-Q1 ends 14/03/2025: A has ended, B stands: A counts under B.
    let dir = temp();
    let q1 = report(dir.path(), feedback(dir.path(), &rows), None, "2025-Q1");
    let b = agency(&q1, "B").expect("B listed");
    assert_eq!(b["predecessors"], serde_json::json!(["A"]));
    assert_eq!(b["handling"]["received"], 1);
    assert!(agency(&q1, "A").is_none() && agency(&q1, "C").is_none());
    // 2025-Q3 ends 14/09/2025: B has ended too: A and B count under C; x2
    // is still pending there.
    let dir = temp();
    let q3 = report(dir.path(), feedback(dir.path(), &rows), None, "2025-Q3");
    let c = agency(&q3, "C").expect("C listed");
    assert_eq!(c["predecessors"], serde_json::json!(["A", "B"]));
    assert_eq!(c["handling"]["pending"], 1);
    assert!(agency(&q3, "A").is_none() && agency(&q3, "B").is_none());
}

#[test]
fn an_ended_district_without_successor_is_listed_only_while_it_has_something() {
    // BD ends 30/06/2025 with no successor: its PAKN received 01/06 and
    // handled 20/06 stays its own.
    let rows = [("d1", "02/06/2025", "BD", "20/06/2025", "20/06/2025")];
    // 2025-Q3 (15/06–14/09): BD ended before 14/09 but handled d1 in the
    // period: listed, with it.
    let dir = temp();
    let q3 = report(dir.path(), feedback(dir.path(), &rows), None, "2025-Q3");
    assert_eq!(
        agency(&q3, "BD").expect("BD listed")["handling"]["handled"],
        1
    );
    // 2025-Q4 (15/09–14/12): nothing: not listed.
    let dir = temp();
    let q4 = report(dir.path(), feedback(dir.path(), &rows), None, "2025-Q4");
    assert!(agency(&q4, "BD").is_none());
    // STP, which stands, is always listed, with nothing.
    assert_eq!(agency(&q4, "STP").expect("STP")["handling"]["received"], 0);
}

#[test]
fn after_the_two_tier_reform_a_period_has_departments_and_wards_only() {
    let dir = temp();
    let rows = [
        ("p1", "01/10/2025", "P1", "20/10/2025", "10/10/2025"),
        ("s1", "01/10/2025", "STP", "20/10/2025", "10/10/2025"),
    ];
    let q4 = report(dir.path(), feedback(dir.path(), &rows), None, "2025-Q4");
    let levels: Vec<&str> = q4["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .filter_map(|l| l["level"].as_str())
        .collect();
    assert_eq!(levels, vec!["so_nganh", "xa_phuong"]);
    // The departments standing on 14/12/2025: NNMT, STP and C; the ward P1.
    assert_eq!(listed(&q4), vec!["NNMT", "STP", "C", "P1"]);
}

/// Reads a registry, returning its one-sentence error.
fn refused(text: &str) -> String {
    let dir = temp();
    let path = write(dir.path(), "agencies.csv", text);
    match sipas::ingest::read_registry(&path) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn registries_with_a_cycle_an_unknown_successor_or_a_gap_are_refused() {
    let head = "code,name,level,valid_from,valid_until,successor\n";
    let cycle = refused(&format!(
        "{head}X,Sở X,so_nganh,,28/02/2025,Y\nY,Sở Y,so_nganh,01/03/2025,30/06/2025,X\n"
    ));
    assert!(
        cycle.contains("rows 2, 3") && cycle.contains("X → Y → X"),
        "{cycle}"
    );
    let unknown = refused(&format!("{head}X,Sở X,so_nganh,,28/02/2025,Z\n"));
    assert!(
        unknown.contains("row 2") && unknown.contains("'Z'"),
        "{unknown}"
    );
    let gap = refused(&format!(
        "{head}X,Sở X,so_nganh,,28/02/2025,Y\nY,Sở Y,so_nganh,15/03/2025,,\n"
    ));
    assert!(
        gap.contains("row 2") && gap.contains("28/02/2025") && gap.contains("15/03/2025"),
        "{gap}"
    );
    // Ending on 28/02 and starting on 01/03 leaves no gap.
    let dir = temp();
    let fine = write(
        dir.path(),
        "agencies.csv",
        &format!("{head}X,Sở X,so_nganh,,28/02/2025,Y\nY,Sở Y,so_nganh,01/03/2025,,\n"),
    );
    assert!(sipas::ingest::read_registry(&fine).is_ok());
}
