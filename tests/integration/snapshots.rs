//! Successive exports of one system (`--snapshots`): the export of 20/03/2025
//! and that of 20/06/2025, read oldest first. 2025-Q1 = 15/12/2024 –
//! 14/03/2025, 2025-Q2 = 15/03/2025 – 14/06/2025 (Decree 09 periods).

use std::path::Path;

use sipas::model::Reason;

use crate::common::{registry, run, settings, temp, write};

const HEADER: &str =
    "Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Hạn xử lý;Ngày xử lý xong;Trạng thái\n";

/// Taken 20/03: S1 and S3 still pending, S2 handled, S4 given twice.
const MARCH: &str = "\
S1;03/03/2025;Đường dây nóng;A;24/03/2025;;Đang xử lý
S2;05/03/2025;Đường dây nóng;A;26/03/2025;10/03/2025;Đã xử lý
S3;06/03/2025;Đường dây nóng;A;27/03/2025;;Đang xử lý
S4;07/03/2025;Đường dây nóng;A;28/03/2025;12/03/2025;Đã xử lý
S4;07/03/2025;Đường dây nóng;A;28/03/2025;12/03/2025;Đã xử lý
";

/// Taken 20/06: S1 handled on 20/05 (after its deadline), S3 with an
/// unreadable date, S5 new; S2 and S4 no longer exported.
const JUNE: &str = "\
S1;03/03/2025;Đường dây nóng;A;24/03/2025;20/05/2025;Đã xử lý
S3;32/13/2025;Đường dây nóng;A;27/03/2025;;Đang xử lý
S5;01/04/2025;Đường dây nóng;A;22/04/2025;10/04/2025;Đã xử lý
";

fn exports(folder: &Path) -> Vec<std::path::PathBuf> {
    let dir = folder.join("xuat");
    std::fs::create_dir_all(&dir).expect("folder");
    // Name order is age order.
    write(&dir, "2025-03-20.csv", &format!("{HEADER}{MARCH}"));
    write(&dir, "2025-06-20.csv", &format!("{HEADER}{JUNE}"));
    vec![dir]
}

#[test]
fn a_later_export_replaces_the_earlier_record() {
    let dir = temp();
    let mut s = settings(exports(dir.path()), vec![], registry(dir.path()), "2025-Q2");
    s.snapshots = true;
    let (loaded, summary) = run(&s);
    let accounts = &loaded.inputs.accounts;
    // March: 5 rows = 3 accepted (S2, S3, S4) + 1 rejected (the second S4,
    // a repeat inside one file) + 1 superseded (S1).
    let march = &accounts[0];
    assert_eq!(
        (march.rows, march.accepted, march.rejected, march.superseded),
        (5, 3, 1, 1)
    );
    // June: 3 rows = 2 accepted (S1, S5) + 1 rejected (S3's date).
    let june = &accounts[1];
    assert_eq!(
        (june.rows, june.accepted, june.rejected, june.superseded),
        (3, 2, 1, 0)
    );
    for a in accounts {
        assert_eq!(a.rows, a.accepted + a.rejected + a.superseded);
    }
    let reasons: Vec<&Reason> = loaded.inputs.findings.kept().map(|f| &f.reason).collect();
    assert!(reasons.contains(&&Reason::DuplicateId));
    // S3's rejected June row leaves the March record in place, and says so.
    let kept = loaded
        .inputs
        .findings
        .kept()
        .find(|f| matches!(f.reason, Reason::EarlierSnapshotKept { .. }))
        .expect("a finding about S3");
    assert_eq!((kept.value.as_str(), kept.row), ("S3", 3));
    assert!(
        kept.reason.to_string().contains("2025-03-20.csv row 4"),
        "{}",
        kept.reason
    );

    // 2025-Q2 as of 14/06: S1 handled on 20/05, after its deadline of 24/03;
    // S5 handled early; S3 (from March) pending past its deadline of 27/03.
    // Received in Q2: S5 only. Carried over: S1 and S3 (received before
    // 15/03, not handled before it); S2 and S4 were handled in March.
    let h = &summary.city.handling;
    assert_eq!(h.received, 1);
    assert_eq!(h.carried_over, 2);
    assert_eq!((h.handled, h.early, h.overdue), (2, 1, 1));
    assert_eq!((h.pending, h.pending_overdue), (1, 1));

    // 2025-Q1 as of 14/03: S1 was still pending then (handled only on
    // 20/05), within its deadline; S2 and S4 handled early; S3 pending.
    let mut q1 = s.clone();
    q1.period = sipas::pipeline::PeriodChoice::Label("2025-Q1".to_string());
    let (_, summary) = run(&q1);
    let h = &summary.city.handling;
    assert_eq!(h.received, 4);
    assert_eq!((h.handled, h.early), (2, 2));
    assert_eq!((h.pending, h.pending_in_time), (2, 2));

    // summary.json says what was superseded.
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    assert_eq!(json["inputs"][0]["superseded"], 1);
}

#[test]
fn without_snapshots_the_first_record_stands_and_the_finding_says_why() {
    let dir = temp();
    let s = settings(exports(dir.path()), vec![], registry(dir.path()), "2025-Q2");
    let (loaded, summary) = run(&s);
    // June's S1 repeats an id of the March file: rejected, and the sentence
    // names --snapshots; March keeps its 4 accepted rows.
    let accounts = &loaded.inputs.accounts;
    assert_eq!((accounts[0].accepted, accounts[0].superseded), (4, 0));
    assert_eq!((accounts[1].accepted, accounts[1].rejected), (1, 2));
    let finding = loaded
        .inputs
        .findings
        .kept()
        .find(|f| f.reason == Reason::DuplicateIdInEarlierFile)
        .expect("S1 rejected");
    assert_eq!(finding.value, "S1");
    assert!(finding.reason.to_string().contains("--snapshots"));
    // S1 stays pending: Q2 has S1 and S3 pending past their deadlines and
    // only S5 handled — today's numbers.
    let h = &summary.city.handling;
    assert_eq!((h.handled, h.pending, h.pending_overdue), (1, 2, 2));
}

#[test]
fn a_profile_or_the_configuration_can_ask_for_snapshots() {
    let dir = temp();
    let mut s = settings(exports(dir.path()), vec![], registry(dir.path()), "2025-Q2");
    s.profile = sipas::config::profile::Profile::parse("[feedback]\nsnapshots = true\n", "p.toml")
        .expect("profile");
    let (loaded, _) = run(&s);
    assert_eq!(loaded.inputs.accounts[0].superseded, 1);
    let mut s = settings(exports(dir.path()), vec![], registry(dir.path()), "2025-Q2");
    s.config.snapshots = true;
    let (loaded, _) = run(&s);
    assert_eq!(loaded.inputs.accounts[0].superseded, 1);
    // Only feedback files are exports of a system.
    let error = sipas::config::profile::Profile::parse("[survey]\nsnapshots = true\n", "p.toml")
        .expect_err("refused")
        .to_string();
    assert!(error.contains("[feedback] files only"), "{error}");
}

#[test]
fn an_explicit_mapping_keeps_its_column() {
    // A file whose header is literally "category", mapped to the subject
    // field: it is not also read as the classification.
    let dir = temp();
    let feedback = write(
        dir.path(),
        "311.csv",
        "id,opened,source,department,category\n\
         1,2025-01-05,Phone,A,Street Cleaning\n\
         2,2025-01-06,Phone,A,Graffiti\n",
    );
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.profile = sipas::config::profile::Profile::parse(
        "[feedback.columns]\nid = \"id\"\nreceived_at = \"opened\"\nchannel = \"source\"\nagency = \"department\"\nfield = \"category\"\n\n[feedback.values.channel]\nPhone = \"hotline\"\n",
        "311.toml",
    )
    .expect("profile");
    let (loaded, summary) = run(&s);
    assert!(
        loaded.inputs.findings.is_empty(),
        "{:?}",
        loaded.inputs.findings
    );
    let names: Vec<Option<&str>> = summary.fields.iter().map(|f| f.name.as_deref()).collect();
    assert_eq!(names, vec![Some("Graffiti"), Some("Street Cleaning")]);
    assert_eq!(summary.categories[4].handling.received, 2);
    // Two fields mapped to one column: one warning on the header.
    let mut s2 = s.clone();
    s2.profile = sipas::config::profile::Profile::parse(
        "[feedback.columns]\nid = \"id\"\nreceived_at = \"opened\"\nchannel = \"source\"\nagency = \"department\"\nfield = \"category\"\ncategory = \"category\"\n\n[feedback.values.channel]\nPhone = \"hotline\"\n",
        "311.toml",
    )
    .expect("profile");
    let (loaded, _) = run(&s2);
    let shared: Vec<&sipas::model::Finding> = loaded
        .inputs
        .findings
        .kept()
        .filter(|f| matches!(f.reason, Reason::SharedColumn { .. }))
        .collect();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].row, 1);
}
