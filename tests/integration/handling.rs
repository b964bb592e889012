//! On-time handling: early / on the due date / overdue / pending, carried
//! over, forwarded, notified and published in time — period 2025-Q1
//! (15/12/2024 – 14/03/2025), as of 14/03/2025.

use sipas::calendar::PeriodMode;

use crate::common::{day, registry, run, settings, temp, write};

/// Twelve records of agency A (Sở Tư pháp). Tết 2025 is off 27–31 January.
const RECORDS: &str = "\
Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Ngày chuyển xử lý;Hạn xử lý;Ngày xử lý xong;Ngày thông báo kết quả;Ngày công khai;Trạng thái
P1;02/01/2025 08:00;Đường dây nóng;A;;10/01/2025;09/01/2025;;;Đã xử lý
P2;02/01/2025;Đường dây nóng;A;;10/01/2025;10/01/2025;;;Đã xử lý
P3;02/01/2025;Đường dây nóng;A;;10/01/2025;13/01/2025;;;Đã xử lý
P4;03/03/2025;Đường dây nóng;A;;24/03/2025;;;;Đang xử lý
P5;03/02/2025;Đường dây nóng;A;;24/02/2025;;;;Đang xử lý
P6;10/12/2024;Đường dây nóng;A;;31/12/2024;20/12/2024;;;Đã xử lý
P7;01/12/2024;Đường dây nóng;A;;;10/12/2024;;;Đã xử lý
P8;05/03/2025;Đường dây nóng;A;;;;;;Từ chối
P9;10/03/2025;Đường dây nóng;A;;;20/03/2025;;;Đã xử lý
P10;06/01/2025;Thư điện tử;A;;;03/02/2025;;;Đã xử lý
P11;13/01/2025;Đường dây nóng;A;21/01/2025;;18/02/2025;20/02/2025;21/02/2025;Đã xử lý
P12;14/01/2025;Cổng Dịch vụ công quốc gia;A;15/01/2025;;16/01/2025;16/01/2025;;Đã xử lý
";

#[test]
fn classification_of_a_quarter_worked_by_hand() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", RECORDS);
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    assert_eq!(loaded.inputs.rejected(), 0, "{:?}", loaded.inputs.findings);
    let h = summary.agencies[0].handling;

    // Received in the period: all but P6 and P7 (December, before the 15th) = 10,
    // the refused P8 included. Online: P10 (email) and P12 (national portal).
    assert_eq!(h.received, 10);
    assert_eq!(h.received_online, 2);
    // 2 of the 10 received came online: 20%.
    assert_eq!(h.received_online_rate, Some(20.0));
    assert_eq!(h.received_direct(), 8);
    // Carried over: P6 (received 10/12, resolved 20/12, in the period). P7 was
    // resolved on 10/12, before the period.
    assert_eq!(h.carried_over, 1);
    // Handled in the period: P1, P2, P3, P6, P10, P11, P12 (P9 on 20/03, after it).
    assert_eq!(h.handled, 7);
    // Early: P1 (9/1 < 10/1), P6 (20/12 < 31/12), P12 (16/1, long before its deadline).
    assert_eq!(h.early, 3);
    // On the due date: P2 (10/1); P10, due the 15th working day after 6/1/2025
    // = 7–10 Jan (4), 13–17 (9), 20–24 (14), Tết 27–31, Mon 3 Feb (15), resolved 3/2;
    // P11, due 15 working days after its forwarding on 21/1 = 22–24 Jan (3),
    // 3–7 Feb (8), 10–14 (13), 17–18 (15) = 18/2, resolved 18/2.
    assert_eq!(h.on_due, 3);
    // Overdue: P3 (13/1 > 10/1).
    assert_eq!(h.overdue, 1);
    // On-time rate = 100 × 6 / 7 = 85.714…
    assert!((h.on_time_rate.unwrap_or_default() - 600.0 / 7.0).abs() < 1e-9);
    // Pending on 14/03/2025: P4 (due 24/3, in time), P9 (resolved after the as-of
    // date; due 31/3, in time), P5 (due 24/2, overdue). P8 was refused.
    assert_eq!((h.pending, h.pending_in_time, h.pending_overdue), (3, 2, 1));
    // Forwarded: P11 in WD(13/1, 21/1] = 6 working days (late), P12 in 1 (on time).
    assert_eq!((h.forwarded, h.forwarded_on_time), (2, 1));
    assert_eq!(h.forwarded_on_time_rate, Some(50.0));
    // Notified within 2 working days: P11 (WD(18/2, 20/2] = 2), P12 (0). Published:
    // P11 took WD(18/2, 21/2] = 3 days; nobody else published.
    assert_eq!((h.notified_on_time, h.published_on_time), (2, 0));

    // Agencies with no record: zero counts and no rates (null in JSON).
    let empty = summary.agencies[1].handling;
    assert_eq!(
        (empty.received, empty.handled, empty.on_time_rate),
        (0, 0, None)
    );
    let json: serde_json::Value =
        serde_json::from_str(&sipas::report::json::to_json(&summary)).expect("json");
    assert_eq!(
        json["agencies"][1]["handling"]["on_time_rate"],
        serde_json::Value::Null
    );
    assert_eq!(
        json["agencies"][0]["handling"]["on_time_rate"],
        serde_json::json!(85.71)
    );
    // The city pools all agencies; the level subtotal of departments equals it here.
    assert_eq!(summary.city.handling, h);
    assert_eq!(summary.levels[0].handling, h);
}

#[test]
fn an_earlier_as_of_date_moves_records_back_to_pending() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", RECORDS);
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.as_of = Some(day(2025, 1, 31));
    let (_, summary) = run(&s);
    let h = summary.agencies[0].handling;
    // As of 31/1: handled P1, P2, P3, P6, P12 (P10 on 3/2 and P11 on 18/2 come later).
    assert_eq!(h.handled, 5);
    // Pending on 31/1: P10 and P11 (received, unresolved, deadlines 3/2 and 18/2 not passed).
    assert_eq!((h.pending, h.pending_in_time, h.pending_overdue), (2, 2, 0));
}

#[test]
fn an_as_of_date_before_the_period_counts_what_was_pending_then() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Hạn xử lý;Ngày xử lý xong\n\
         Q1;01/12/2024;Email;A;31/12/2024;12/12/2024\n\
         Q2;01/12/2024;Email;A;31/12/2024;05/12/2024\n\
         Q3;20/12/2024;Email;A;;\n\
         Q4;02/12/2024;Email;A;03/12/2024;\n",
    );
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    // 2025-Q1 starts on 15/12/2024; counted as of 10/12/2024.
    s.as_of = Some(day(2024, 12, 10));
    let (_, summary) = run(&s);
    let h = summary.agencies[0].handling;
    // Received in the period: Q3. Carried over into it: Q4 (never resolved);
    // Q1 and Q2 were resolved before it began.
    assert_eq!((h.received, h.carried_over, h.handled), (1, 1, 0));
    // Pending on 10/12: Q1 (resolved only on 12/12, due 31/12: in time) and Q4
    // (due 03/12: overdue); Q2 was resolved on 05/12, Q3 not yet received.
    assert_eq!((h.pending, h.pending_in_time, h.pending_overdue), (2, 1, 1));
}

#[test]
fn calendar_quarters_draw_other_boundaries() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", RECORDS);
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.mode = PeriodMode::Calendar;
    let (_, summary) = run(&s);
    // 1/1 – 31/3/2025: every record received in 2025 (P1–P5, P8–P12) = 10; P6 is
    // carried over only if unresolved on 1/1, but it was resolved on 20/12.
    let h = summary.agencies[0].handling;
    assert_eq!(h.received, 10);
    assert_eq!(h.carried_over, 0);
    // Handled: P6 (20/12) drops out and P9 (20/3) comes in: P1, P2, P3, P9, P10, P11, P12.
    assert_eq!(h.handled, 7);
    // Pending on 31/3: P4 (due 24/3) and P5 (due 24/2), both overdue.
    assert_eq!((h.pending, h.pending_in_time, h.pending_overdue), (2, 0, 2));
    assert_eq!(summary.period.start, "2025-01-01");
}

#[test]
fn index_766_group_5_worked_by_hand() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Phân loại,Hạn xử lý,Ngày xử lý xong,Trạng thái,Đánh giá,Phản ánh lại\n\
         R1,02/01/2025,Email,A,Thủ tục hành chính,10/01/2025,09/01/2025,Đã xử lý,Hài lòng,\n\
         R2,02/01/2025,Email,A,,10/01/2025,13/01/2025,Đã xử lý,Hài lòng,\n\
         R3,03/01/2025,Email,A,Khác,10/01/2025,08/01/2025,Đã xử lý,Không hài lòng,\n\
         R4,06/01/2025,Email,A,Khác,24/01/2025,20/01/2025,Đã xử lý,,Có\n\
         R5,03/03/2025,Email,A,,24/03/2025,,Đang xử lý,,Không\n\
         R6,05/03/2025,Email,A,Khác,,,Từ chối,,\n",
    );
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let (loaded, summary) = run(&s);
    assert!(
        loaded.inputs.findings.is_empty(),
        "{:?}",
        loaded.inputs.findings
    );
    let h = summary.agencies[0].handling;
    // 5.1: classified R1, R3, R4, R6 of 6 received = 66.67%.
    assert_eq!((h.received, h.classified), (6, 4));
    assert!((h.classified_rate.unwrap_or_default() - 400.0 / 6.0).abs() < 1e-9);
    // 5.2: on time R1, R3, R4 of 4 handled (R2 late) = 75%.
    assert_eq!(h.on_time_rate, Some(75.0));
    // 5.3: of the 5 accepted (R6 refused), R2 is late, R3 rated unsatisfied, R4 re-raised;
    // R1 and R5 (pending, due 24/3, in time on 14/3) count: 2 / 5 = 40%.
    assert_eq!((h.accepted, h.rated, h.satisfactory), (5, 3, 2));
    assert_eq!(h.satisfaction_766_rate, Some(40.0));
}

/// The overdue list: handled late in the period or pending past the deadline
/// on the as-of date (14/03/2025), with working days late worked by hand.
#[test]
fn overdue_list_worked_by_hand() {
    let dir = temp();
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Hạn xử lý,Ngày xử lý xong,Trạng thái\n\
         L1,02/01/2025,Email,A,10/01/2025,15/01/2025,Đã xử lý\n\
         L2,03/03/2025,Email,C,05/03/2025,,Đang xử lý\n\
         L3,02/01/2025,Email,A,10/01/2025,10/01/2025,Đã xử lý\n\
         L4,03/03/2025,Email,A,20/03/2025,,Đang xử lý\n\
         L5,02/01/2025,Email,B,10/01/2025,11/01/2025,Đã xử lý\n\
         L6,20/01/2025,Email,A,24/01/2025,03/02/2025,Đã xử lý\n\
         L7,02/01/2025,Email,A,10/01/2025,,Từ chối\n\
         L8,01/12/2024,Email,A,05/12/2024,10/12/2024,Đã xử lý\n",
    );
    let s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    let loaded = sipas::pipeline::load(&s).expect("load");
    let period = sipas::pipeline::resolve_period(&s, &loaded.inputs).expect("period");
    let computed = sipas::pipeline::compute(&loaded, &period, None, &s.config).expect("computed");
    let listed: Vec<(&str, u32, bool)> = computed
        .overdue
        .iter()
        .map(|r| {
            (
                r.pakn.id.as_str(),
                r.working_days_late,
                r.resolved.is_some(),
            )
        })
        .collect();
    // L2: pending, due Wed 05/03; WD(05/03, 14/03] = Thu 6, Fri 7, Mon 10 – Fri 14 = 7.
    // L1: due Fri 10/01, handled Wed 15/01: Mon 13, Tue 14, Wed 15 = 3.
    // L6: due Fri 24/01, handled Mon 03/02 across Tết (27–31/01 off): only Mon 03/02 = 1.
    // L5: due Fri 10/01, handled Sat 11/01: late, but by 0 working days.
    // Not listed: L3 on its due date, L4 within its deadline, L7 not accepted,
    // L8 handled before the period.
    assert_eq!(
        listed,
        vec![
            ("L2", 7, false),
            ("L1", 3, true),
            ("L6", 1, true),
            ("L5", 0, true)
        ]
    );
    let city = &computed.summary.city.handling;
    assert_eq!((city.overdue, city.pending_overdue), (3, 1));
    assert_eq!(
        computed.overdue.first().map(|r| (r.pakn.due, r.resolved)),
        Some((day(2025, 3, 5), None))
    );
}
