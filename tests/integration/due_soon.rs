//! PAKN due soon ("sắp đến hạn"): pending on the as-of date, not overdue,
//! due at most N working days after it. As of Friday 25/04/2025 the next
//! working days are Saturday 26/04 (worked in exchange for Friday 2/5) = 1,
//! Monday 28/04 = 2, Tuesday 29/04 = 3, then 30/04–04/05 off (Reunification
//! Day, Labour Day, the exchanged Friday, the weekend), Monday 05/05 = 4,
//! Tuesday 06/05 = 5, Wednesday 07/05 = 6.

use crate::common::{day, registry, report_into, settings, temp, write};

/// Records of A and B (period 2025-Q2 = 15/03–14/06/2025).
const RECORDS: &str = "\
Mã PAKN;Ngày tiếp nhận;Kênh tiếp nhận;Cơ quan xử lý;Hạn xử lý;Ngày xử lý xong;Trạng thái
D0;10/04/2025;Đường dây nóng;A;25/04/2025;;Đang xử lý
D1;10/04/2025;Đường dây nóng;A;26/04/2025;;Đang xử lý
D5;11/04/2025;Thư điện tử;B;06/05/2025;;Đang xử lý
D6;11/04/2025;Đường dây nóng;A;07/05/2025;;Đang xử lý
LATE;01/04/2025;Đường dây nóng;A;24/04/2025;;Đang xử lý
REFUSED;14/04/2025;Đường dây nóng;A;28/04/2025;;Từ chối
DONE;14/04/2025;Đường dây nóng;B;28/04/2025;24/04/2025;Đã xử lý
AFTER;14/04/2025;Đường dây nóng;B;29/04/2025;28/04/2025;Đã xử lý
FUTURE;26/04/2025;Đường dây nóng;B;29/04/2025;;Đang xử lý
";

#[test]
fn due_soon_counts_working_days_across_the_april_holidays() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", RECORDS);
    let mut run = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q2");
    run.as_of = Some(day(2025, 4, 25));
    let out = dir.path().join("out");
    let (computed, files) = report_into(&run, &out, sipas::report::labels::Lang::Vi);
    let listed: Vec<(&str, u32)> = computed
        .due_soon
        .iter()
        .map(|r| (r.pakn.id.as_str(), r.working_days_left))
        .collect();
    // D0 is due on the as-of date: 0 left, due soon. D1 is due on the
    // Saturday worked in exchange: 1. AFTER was handled on 28/04, after the
    // as-of date: pending on it, due 29/04 = 3. D5 is due on the 5th working
    // day. D6 (6th), LATE (overdue), REFUSED (not accepted), DONE (handled
    // before) and FUTURE (received after the as-of date) are not due soon.
    // Ordered by deadline.
    assert_eq!(listed, [("D0", 0), ("D1", 1), ("AFTER", 3), ("D5", 5)]);
    let h = computed.summary.city.handling;
    assert_eq!(h.due_soon, Some(4));
    // LATE is pending past its deadline, not due soon.
    assert_eq!(h.pending_overdue, 1);
    let a = &computed.summary.agencies[0];
    let b = &computed.summary.agencies[1];
    assert_eq!((a.code.as_str(), a.handling.due_soon), ("A", Some(2)));
    assert_eq!((b.code.as_str(), b.handling.due_soon), ("B", Some(2)));
    let level = &computed.summary.levels[0];
    assert_eq!(level.handling.due_soon, Some(4));
    // Channels do not carry it.
    assert!(computed
        .summary
        .channels
        .iter()
        .all(|c| c.handling.due_soon.is_none()));

    let csv = std::fs::read_to_string(&files.due_soon).expect("due-soon.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0].trim_start_matches('\u{feff}'),
        "Mã PAKN,Mã cơ quan,Cơ quan xử lý,Kênh tiếp nhận,Ngày tiếp nhận,Hạn xử lý,Số ngày làm việc còn lại,Tệp,Dòng"
    );
    assert!(
        lines[1].starts_with("D0,A,Sở Tư pháp,Đường dây nóng,10/04/2025,25/04/2025,0,"),
        "{csv}"
    );
    assert!(
        lines[4].starts_with("D5,B,Sở Xây dựng,Thư điện tử,11/04/2025,06/05/2025,5,"),
        "{csv}"
    );
    assert!(lines[4].ends_with(",4"), "the source row: {csv}");
    assert_eq!(lines.len(), 5);
}

#[test]
fn the_window_follows_the_configuration() {
    let dir = temp();
    let feedback = write(dir.path(), "pakn.csv", RECORDS);
    let mut run = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q2");
    run.as_of = Some(day(2025, 4, 25));
    run.config.due_soon_working_days = 6;
    let (_, summary) = crate::common::run(&run);
    // D6, due on the 6th working day, joins.
    assert_eq!(summary.city.handling.due_soon, Some(5));
    run.config.due_soon_working_days = 0;
    let (_, summary) = crate::common::run(&run);
    // Only what is due on the as-of date itself.
    assert_eq!(summary.city.handling.due_soon, Some(1));
}

#[test]
fn as_of_today_is_understood_by_the_resolver() {
    let today = sipas::calendar::days::today_local();
    for word in ["today", "Hôm nay", " hom nay "] {
        assert_eq!(
            sipas::request::parse_as_of(word).ok(),
            Some(today),
            "{word}"
        );
    }
    assert_eq!(
        sipas::request::parse_as_of("25/04/2025").ok(),
        Some(day(2025, 4, 25))
    );
    assert!(sipas::request::parse_as_of("yesterday").is_err());
}
