//! Foreign exports read through mapping profiles written in the tests, each
//! checked against counts and indices worked out by hand.

use rust_xlsxwriter::{Format, Workbook};
use sipas::calendar::PeriodMode;
use sipas::config::profile::Profile;
use sipas::model::Effect;

use crate::common::{registry, run, settings, temp, write};

fn profile(text: &str) -> Profile {
    Profile::parse(text, "profile.toml").expect("valid profile")
}

#[test]
fn three_row_merged_vietnamese_header_below_a_title_block() {
    let dir = temp();
    let path = dir.path().join("bao-cao-quan.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_string(0, 0, "ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH")
        .expect("title");
    sheet
        .merge_range(
            1,
            0,
            1,
            6,
            "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ",
            &plain,
        )
        .expect("title");
    // Rows 4–6: STT, Số hiệu and Cơ quan xử lý span three rows; "Thông tin tiếp nhận"
    // spans two rows and two columns; "Kết quả" two columns, over "Đã xử lý / Ngày" and "Hạn".
    sheet.merge_range(3, 0, 5, 0, "STT", &plain).expect("merge");
    sheet
        .merge_range(3, 1, 5, 1, "Số hiệu", &plain)
        .expect("merge");
    sheet
        .merge_range(3, 2, 4, 3, "Thông tin tiếp nhận", &plain)
        .expect("merge");
    sheet
        .merge_range(3, 4, 5, 4, "Cơ quan xử lý", &plain)
        .expect("merge");
    sheet
        .merge_range(3, 5, 3, 6, "Kết quả", &plain)
        .expect("merge");
    sheet.write_string(4, 5, "Đã xử lý").expect("header");
    sheet.merge_range(4, 6, 5, 6, "Hạn", &plain).expect("merge");
    sheet.write_string(5, 2, "Ngày").expect("header");
    sheet.write_string(5, 3, "Kênh").expect("header");
    sheet.write_string(5, 5, "Ngày").expect("header");
    // Data from row 7. The agency of the first two records is one merged cell.
    sheet
        .merge_range(6, 4, 7, 4, "Sở Tư pháp", &plain)
        .expect("merge");
    let rows: [(&str, &str, &str, &str, &str); 5] = [
        (
            "PA-1",
            "03/01/2025",
            "Đường dây nóng",
            "10/01/2025",
            "15/01/2025",
        ),
        ("PA-2", "", "Zalo", "20/01/2025", "20/01/2025"),
        (
            "PA-3",
            "07/01/2025",
            "Cổng DVCQG",
            "25/01/2025",
            "14/01/2025",
        ),
        ("PA-4", "08/01/2025", "Thư điện tử", "", "22/01/2025"),
        ("PA-5", "08/01/2025", "Đường dây nóng", "", "22/01/2025"),
    ];
    let agencies = ["", "", "Sở Xây dựng", "Quận Ba Đình", "Sở Ngoại vụ"];
    for (i, (id, received, channel, resolved, due)) in rows.iter().enumerate() {
        let r = 6 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).expect("stt");
        sheet.write_string(r, 1, *id).expect("id");
        if received.is_empty() {
            // 6 January 2025 as a date cell.
            sheet
                .write_number_with_format(r, 2, 45663.0, &date)
                .expect("date");
        } else {
            sheet.write_string(r, 2, *received).expect("date");
        }
        sheet.write_string(r, 3, *channel).expect("channel");
        if !agencies[i].is_empty() {
            sheet.write_string(r, 4, agencies[i]).expect("agency");
        }
        sheet.write_string(r, 5, *resolved).expect("resolved");
        sheet.write_string(r, 6, *due).expect("due");
    }
    workbook.save(&path).expect("save");

    let mut s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    s.profile = profile(
        "[feedback]\n\
         [feedback.columns]\n\
         id = \"Số hiệu\"\n\
         received_at = \"Thông tin tiếp nhận / Ngày\"\n\
         channel = \"Kênh\"\n\
         agency = \"Cơ quan xử lý\"\n\
         resolved_at = \"Kết quả / Đã xử lý / Ngày\"\n\
         due_at = \"Hạn\"\n",
    );
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    // Five data rows: PA-5's agency is not in the registry.
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (5, 4, 1)
    );
    assert_eq!(loaded.inputs.findings.kept().next().unwrap().row, 11);
    assert_eq!(
        loaded.inputs.findings.kept().next().unwrap().column,
        "Cơ quan xử lý"
    );
    // Sở Tư pháp (merged over rows 7–8): PA-1 resolved 10/1, due 15/1 (early); PA-2
    // resolved on its due date 20/1.
    let a = summary.agencies[0].handling;
    assert_eq!(
        (a.received, a.handled, a.early, a.on_due, a.overdue),
        (2, 2, 1, 1, 0)
    );
    // Sở Xây dựng: PA-3 resolved 25/1 after its due date 14/1.
    let b = summary.agencies[1].handling;
    assert_eq!((b.handled, b.overdue), (1, 1));
    // Quận Ba Đình: PA-4 pending on 14/3, past its due date 22/1.
    let c = summary.agencies[2].handling;
    assert_eq!((c.pending, c.pending_overdue), (1, 1));
    // City: 4 received, 3 handled, on time 2/3 = 66.67%; online: Zalo, portal, email.
    let city = summary.city.handling;
    assert_eq!(
        (city.received, city.received_online, city.handled),
        (4, 3, 3)
    );
    assert!((city.on_time_rate.unwrap_or_default() - 200.0 / 3.0).abs() < 1e-9);
}

const NYC_STYLE: &str = "\
Unique Key,Created Date,Closed Date,Agency,Complaint Type,Status,Due Date,Open Data Channel Type
1001,01/06/2025 09:15:00 AM,01/08/2025 04:30:00 PM,DSNY,Missed Collection,Closed,01/27/2025 09:15:00 AM,PHONE
1002,01/06/2025 11:00:00 PM,,DEP,Noise,Open,,ONLINE
1003,01/07/2025 12:30:00 AM,02/14/2025 10:00:00 AM,DOT,Pothole,Closed,01/28/2025 12:30:00 AM,MOBILE
1004,13/07/2025 10:00:00 AM,,DOT,Pothole,Open,,PHONE
1005,01/08/2025 10:00:00 AM,,NYPD,Noise,Open,,UNKNOWN
1006,01/09/2025 10:00:00 AM,,DOT,Pothole,Open,,FAX
";

const NYC_PROFILE: &str = r#"[feedback]
date_formats = ["%m/%d/%Y %I:%M:%S %p"]
agencies = "as-is"

[feedback.columns]
id = "Unique Key"
received_at = "Created Date"
resolved_at = "Closed Date"
due_at = "Due Date"
agency = "Agency"
field = "Complaint Type"
status = "Status"
channel = "Open Data Channel Type"

[feedback.values.channel]
PHONE = "hotline"
ONLINE = "website"
MOBILE = "app"
UNKNOWN = "other"

[feedback.values.status]
Closed = "da_xu_ly"
Open = "dang_xu_ly"
"#;

#[test]
fn english_311_export_with_am_pm_dates_and_a_channel_vocabulary() {
    let dir = temp();
    let feedback = write(dir.path(), "311.csv", NYC_STYLE);
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.agencies = None;
    s.mode = PeriodMode::Calendar;
    s.profile = profile(NYC_PROFILE);
    let (loaded, summary) = run(&s);
    let account = &loaded.inputs.accounts[0];
    // 1004 has month 13; 1006 came by FAX, which the profile does not map.
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (6, 4, 2)
    );
    let reasons: Vec<String> = loaded
        .inputs
        .findings
        .kept()
        .map(|f| f.reason.to_string())
        .collect();
    assert!(reasons[0].starts_with("not a date"), "{reasons:?}");
    assert!(reasons[1].starts_with("unknown channel"), "{reasons:?}");
    // Agencies taken as they are: DSNY, DEP, DOT, NYPD.
    let codes: Vec<&str> = summary.agencies.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, vec!["DSNY", "DEP", "DOT", "NYPD"]);
    let h = summary.city.handling;
    // Received in Q1 2025: 1001, 1002, 1003, 1005; online: ONLINE (website), MOBILE (app).
    assert_eq!((h.received, h.received_online), (4, 2));
    // 1001 closed 8/1 before its due 27/1 (early); 1003 closed 14/2 after 28/1 (overdue).
    assert_eq!((h.handled, h.early, h.overdue), (2, 1, 1));
    assert_eq!(h.on_time_rate, Some(50.0));
    // Pending on 31/3: 1002 (11 PM on 6/1 is still 6/1; due the 15th working day after,
    // 3/2 across Tết) and 1005 (due 5/2): both overdue.
    assert_eq!((h.pending, h.pending_overdue), (2, 2));
}

#[test]
fn survey_where_9_and_dont_know_mean_no_answer() {
    let dir = temp();
    let survey = write(
        dir.path(),
        "survey.csv",
        "ID,date,district,q1,q2,q3,q4,gave\n\
         1,2025-02-01,A,5,4,9,Don't know,Yes\n\
         2,2025-02-01,A,4,9,2,1,No\n\
         3,2025-02-02,A,Very satisfied,Satisfied,Neutral,Dissatisfied,Yes\n\
         4,2025-02-02,A,9,5,5,5,\n\
         5,2025-02-03,A,2,2,4,4,Yes\n",
    );
    let mut s = settings(vec![], vec![survey], registry(dir.path()), "2025-Q1");
    s.profile = profile(
        r#"[survey]
missing = ["Don't know", "9"]
[survey.columns]
id = "ID"
surveyed_at = "date"
agency = "district"
gave_feedback = "gave"
TC1 = "q1"
TC2 = "q2"
TC3 = "q3"
TC4 = "q4"
[survey.values.answers]
"Very satisfied" = "5"
"Satisfied" = "4"
"Neutral" = "3"
"Dissatisfied" = "2"
"Very dissatisfied" = "1"
[survey.values.gave_feedback]
Yes = "co"
No = "khong"
"#,
    );
    let (loaded, summary) = run(&s);
    assert!(
        loaded.inputs.findings.is_empty(),
        "{:?}",
        loaded.inputs.findings
    );
    let a = &summary.agencies[0].survey;
    // TC1: 5, 4, 5, (9), 2 → n = 4, satisfied 3, 75%.
    assert_eq!((a.tc1.n, a.tc1.satisfied, a.tc1.index), (4, 3, Some(75.0)));
    // TC2, respondent 2 said No: 4, 4, 5, 2 → n = 4, satisfied 3.
    assert_eq!((a.tc2.n, a.tc2.satisfied), (4, 3));
    // TC3: (9), 3, 5, 4 → n = 3, satisfied 2; TC4: (don't know), 2, 5, 4 → the same.
    assert_eq!(
        (a.tc3.n, a.tc3.satisfied, a.tc4.n, a.tc4.satisfied),
        (3, 2, 3, 2)
    );
    // Element = (75 + 75 + 66.666… + 66.666…) / 4 = 70.8333…
    assert!((a.element.unwrap_or_default() - 70.833_333).abs() < 1e-5);
}

/// Encodes Vietnamese text in Windows-1258: letters with circumflex, breve
/// or horn are single bytes, tone marks follow as combining characters.
fn to_windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut composed = String::new();
    let mut tones = String::new();
    let mut base = String::new();
    let flush = |base: &mut String, tones: &mut String, out: &mut String| {
        out.extend(base.nfc());
        out.push_str(tones);
        base.clear();
        tones.clear();
    };
    for c in text.nfd() {
        if TONES.contains(&c) {
            tones.push(c);
        } else if unicode_normalization::char::is_combining_mark(c) {
            base.push(c);
        } else {
            flush(&mut base, &mut tones, &mut composed);
            base.push(c);
        }
    }
    flush(&mut base, &mut tones, &mut composed);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&composed);
    assert!(!unmappable, "{composed}");
    bytes.into_owned()
}

#[test]
fn windows_1258_csv_is_detected() {
    let dir = temp();
    let text = "Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Trạng thái\r\n\
                W1;06/01/2025;Đường dây nóng;Sở Tư pháp;Đang xử lý\r\n\
                W2;07/01/2025;Thư điện tử;UBND quận Ba Đình;Từ chối\r\n\
                W3;07/01/2025;Hòm thư góp ý;Sở Xây dựng;Đã xử lý\r\n";
    let bytes = to_windows_1258(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    let path = dir.path().join("pakn-1258.csv");
    std::fs::write(&path, bytes).expect("write");
    let s = settings(vec![path], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    // W3 says handled without a date: kept as pending with a warning.
    assert_eq!(loaded.inputs.accounts[0].accepted, 3);
    assert_eq!(loaded.inputs.findings.len(), 1);
    assert_eq!(
        loaded.inputs.findings.kept().next().unwrap().effect,
        Effect::Warning
    );
    assert_eq!(
        loaded.inputs.findings.kept().next().unwrap().value,
        "Đã xử lý"
    );
    let h = summary.city.handling;
    // Received 3, one refused (W2, not counted below); pending W1 and W3.
    assert_eq!((h.received, h.received_online, h.pending), (3, 1, 2));
    assert_eq!(summary.agencies[2].handling.received, 1);
}

#[test]
fn profile_mistakes_name_the_line_and_the_nearest_match() {
    // A field name with a typo.
    let error = Profile::parse(
        "[feedback]\n[feedback.columns]\nrecieved_at = \"open_dt\"\n",
        "p.toml",
    )
    .expect_err("typo");
    assert_eq!(
        error.to_string(),
        "p.toml line 3: [feedback.columns] 'recieved_at' is not a feedback field; did you mean received_at?"
    );
    // A value outside the vocabulary.
    let error = Profile::parse(
        "[feedback]\n\n[feedback.values.channel]\nPHONE = \"hotlien\"\n",
        "p.toml",
    )
    .expect_err("value");
    assert_eq!(
        error.to_string(),
        "p.toml line 4: [feedback.values.channel] \"PHONE\" = \"hotlien\": \"hotlien\" is not a channel value; did you mean \"hotline\"?"
    );
    // Not TOML at all.
    let error = Profile::parse("[feedback\n", "p.toml").expect_err("toml");
    assert!(error.to_string().starts_with("p.toml line 1:"), "{error}");

    let dir = temp();
    let feedback = write(dir.path(), "311.csv", NYC_STYLE);
    // A header that matches nothing.
    let mut s = settings(
        vec![feedback.clone()],
        vec![],
        registry(dir.path()),
        "2025-Q1",
    );
    s.profile = profile("[feedback]\nagencies = \"as-is\"\n[feedback.columns]\nid = \"Unique Key\"\nreceived_at = \"Create Date\"\n");
    let message = sipas::pipeline::load(&s)
        .expect_err("no such header")
        .to_string();
    assert!(message.starts_with("profile.toml line 5: [feedback.columns] received_at = \"Create Date\" matches no header of"), "{message}");
    assert!(
        message.ends_with("closest headers: 'Created Date', 'Closed Date', 'Due Date'"),
        "{message}"
    );
    // A required field neither mapped nor found.
    s.profile = profile("[feedback]\n[feedback.columns]\nid = \"Unique Key\"\nreceived_at = \"Created Date\"\nagency = \"Agency\"\n");
    let message = sipas::pipeline::load(&s).expect_err("unmapped").to_string();
    assert!(
        message.starts_with("profile.toml: [feedback.columns] has no entry for channel"),
        "{message}"
    );
    assert!(message.contains("add channel = \"<header>\""), "{message}");
}

#[test]
fn a_profile_default_stands_in_for_a_missing_column() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "hotline.csv",
        "Mã PAKN,Ngày tiếp nhận,Cơ quan xử lý\nH1,06/01/2025,A\n",
    );
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.profile = profile("[feedback.defaults]\nchannel = \"hotline\"\n");
    let (loaded, summary) = run(&s);
    assert_eq!(loaded.inputs.accounts[0].accepted, 1);
    assert_eq!(summary.city.handling.received_online, 0);
}

#[test]
fn shipped_profiles_parse_and_the_311_one_reads_a_311_export() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut count = 0;
    for entry in std::fs::read_dir(&folder)
        .expect("profiles/")
        .filter_map(Result::ok)
    {
        Profile::load(&entry.path()).unwrap_or_else(|e| panic!("{e}"));
        count += 1;
    }
    assert!(count >= 4);
    let dir = temp();
    let feedback = write(dir.path(), "311.csv", NYC_STYLE);
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.mode = PeriodMode::Calendar;
    s.profile = Profile::load(&folder.join("311-english.toml")).expect("311 profile");
    let (loaded, summary) = run(&s);
    // As with the profile written above, except that FAX now falls back to no mapping
    // and is rejected, and 1004's month 13 is not a date: 4 accepted.
    assert_eq!(loaded.inputs.accounts[0].accepted, 4);
    assert_eq!(summary.city.handling.handled, 2);
}

#[test]
fn a_suggested_profile_is_valid_and_maps_what_it_recognises() {
    let dir = temp();
    let file = write(
        dir.path(),
        "boston.csv",
        ",case_enquiry_id,open_dt,sla_target_dt,closed_dt,case_status,type,department,source\n\
         51,101005870246,2025-01-24 03:24:56,2025-02-07 03:30:00,,Open,Street Light Outages,PWDx,Constituent Call\n",
    );
    let text = sipas::ingest::suggest::suggest_profile(&file).expect("suggestion");
    let suggested =
        Profile::parse(&text, "suggested.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let feedback = suggested.feedback.expect("a feedback section");
    let mapped = |field: &str| feedback.columns.get(field).map(|c| c.value[0].clone());
    assert_eq!(mapped("id").as_deref(), Some("case_enquiry_id"));
    assert_eq!(mapped("received_at").as_deref(), Some("open_dt"));
    assert_eq!(mapped("due_at").as_deref(), Some("sla_target_dt"));
    assert_eq!(mapped("resolved_at").as_deref(), Some("closed_dt"));
    assert_eq!(mapped("agency").as_deref(), Some("department"));
    assert_eq!(mapped("channel").as_deref(), Some("source"));
    // Values the tool does not know are listed for the user to map.
    assert!(text.contains("# \"Constituent Call\" = \"?\""), "{text}");
}

#[test]
fn a_default_stands_in_for_a_mapped_column_the_file_lacks() {
    let dir = temp();
    let feedback = write(dir.path(), "no-channel.csv", "Unique Key,Created Date,Closed Date,Due Date,Agency,Complaint Type,Status\n7,01/06/2025 09:15:00 AM,,,DOT,Pothole,Open\n");
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.profile = Profile::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/311-english.toml"),
    )
    .expect("profile");
    let (loaded, _) = run(&s);
    assert_eq!(loaded.inputs.accounts[0].accepted, 1);
    assert_eq!(
        loaded.inputs.feedback.channel[0],
        sipas::model::Channel::Other
    );
}

#[test]
fn agencies_taken_as_named_join_the_registry_feedback_first_whatever_reads_first() {
    let dir = temp();
    // The survey names "Phường Yên Hòa" and "Sở Y tế"; the feedback names
    // "Sở Y tế" then "Quận Cầu Giấy". Feedback and survey are read at the same
    // time, but the registry takes the feedback's names first, in order of
    // appearance, then the survey's new ones.
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý\n\
         P1,05/01/2025,Email,Sở Y tế\n\
         P2,06/01/2025,Email,Quận Cầu Giấy\n\
         P3,07/01/2025,Email,sở y tế\n",
    );
    let survey = write(
        dir.path(),
        "khao-sat.csv",
        "Mã phiếu,Ngày khảo sát,Cơ quan,TC1\n\
         S1,05/01/2025,Phường Yên Hòa,4\n\
         S2,05/01/2025,Sở Y tế,5\n",
    );
    let mut s = settings(
        vec![feedback],
        vec![survey],
        registry(dir.path()),
        "2025-Q1",
    );
    s.agencies = None;
    s.profile = profile("[feedback]\nagencies = \"as-is\"\n[survey]\nagencies = \"as-is\"\n");
    let (loaded, _) = run(&s);
    let names: Vec<&str> = loaded.registry.names().collect();
    assert_eq!(names, vec!["Sở Y tế", "Quận Cầu Giấy", "Phường Yên Hòa"]);
    // Records point at the right agencies: P1 and P3 at the first, S2 too.
    assert_eq!(loaded.inputs.feedback.agency, vec![0, 1, 0]);
    assert_eq!(loaded.inputs.survey.agency, vec![2, 0]);
}
