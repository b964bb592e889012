//! Configuration and extra holiday schedules.

use sipas::calendar::Schedules;
use sipas::config::Config;

use crate::common::{registry, run, settings, temp, write};

#[test]
fn configuration_changes_the_deadline_and_adds_a_schedule() {
    let dir = temp();
    write(
        dir.path(),
        "lich-nghi.toml",
        "[2025]\nnational_day = [\"2025-03-10..2025-03-11\"]\n",
    );
    let config = write(
        dir.path(),
        "sipas.toml",
        "reporting_unit = \"Sở Nội vụ tỉnh Thử nghiệm\"\ndeadline_working_days = 3\nholiday_schedule = \"lich-nghi.toml\"\n",
    );
    let config = Config::load(&config).expect("config");
    assert_eq!(config.deadline_working_days, 3);
    assert_eq!(config.min_sample, 30, "keys left out keep their defaults");
    assert_eq!(
        config.holiday_schedule,
        Some(dir.path().join("lich-nghi.toml"))
    );

    // Received Friday 7/3/2025 and resolved Friday 14/3. With 3 working days and the extra
    // days off on 10–11/3, the deadline is Wed 12 (1), Thu 13 (2), Fri 14 (3): on the due date.
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Ngày xử lý xong\nX1,07/03/2025,Email,A,14/03/2025\n",
    );
    let mut s = settings(vec![feedback], vec![], registry(dir.path()), "2025-Q1");
    s.config = config;
    let (_, summary) = run(&s);
    let h = summary.agencies[0].handling;
    assert_eq!((h.handled, h.early, h.on_due, h.overdue), (1, 0, 1, 0));
    assert_eq!(summary.reporting_unit, "Sở Nội vụ tỉnh Thử nghiệm");
    assert!(summary.days_off.iter().any(|d| d.date == "2025-03-10"));
}

#[test]
fn schedule_mistakes_name_the_file_and_the_key() {
    let error = Schedules::parse("[2025]\ntett = [\"2025-01-28\"]\n", "lich.toml")
        .expect_err("unknown key");
    let message = error.to_string();
    assert!(
        message.starts_with("lich.toml: [2025] has an unknown key 'tett'"),
        "{message}"
    );
    let error =
        Schedules::parse("[2025]\ntet = [\"28/01/2025\"]\n", "lich.toml").expect_err("bad date");
    assert!(
        error.to_string().contains("'28/01/2025' is not a date"),
        "{error}"
    );
    let error = Config::load(std::path::Path::new("does-not-exist.toml")).expect_err("missing");
    assert!(
        error
            .to_string()
            .starts_with("cannot read does-not-exist.toml"),
        "{error}"
    );
}

#[test]
fn settings_that_parse_but_make_no_sense_are_refused_with_their_key() {
    let dir = temp();
    let refused = |name: &str, text: &str| -> String {
        let path = write(dir.path(), name, text);
        Config::load(&path).expect_err("refused").to_string()
    };
    let error = refused("a.toml", "deadline_working_days = 1000000000\n");
    assert!(error.contains("a.toml"), "{error}");
    assert!(
        error.contains("deadline_working_days = 1000000000"),
        "{error}"
    );
    assert!(error.contains("at most 365"), "{error}");
    let error = refused("b.toml", "notify_limit_working_days = 366\n");
    assert!(error.contains("notify_limit_working_days"), "{error}");
    let error = refused(
        "c.toml",
        "[baseline]\nyear = 2021\nTC1 = 182.12\nTC2 = 78.92\nTC3 = 78.92\nTC4 = 78.92\nelement = 79.73\n",
    );
    assert!(error.contains("[baseline] TC1 = 182.12"), "{error}");
    // 365 working days is still a deadline one may set.
    let path = write(dir.path(), "d.toml", "deadline_working_days = 365\n");
    assert_eq!(
        Config::load(&path)
            .expect("365 is allowed")
            .deadline_working_days,
        365
    );

    // Targets outside 0–100.
    let error = sipas::config::targets::Targets::parse(
        "[TC1]\nbaseline = 82.12\nincrease = [3, 50]\n",
        "muc-tieu.toml",
    )
    .expect_err("refused")
    .to_string();
    assert!(
        error.contains("muc-tieu.toml") && error.contains("[TC1]"),
        "{error}"
    );
    let error =
        sipas::config::targets::Targets::parse("[on_time_rate]\nat_least = 120\n", "m.toml")
            .expect_err("refused")
            .to_string();
    assert!(error.contains("[on_time_rate] at_least = 120"), "{error}");
}

#[test]
fn a_registry_code_given_twice_names_both_rows() {
    let dir = temp();
    let path = write(
        dir.path(),
        "agencies.csv",
        "code,name,level,aliases\nSTP,Sở Tư pháp,so_nganh,\nSXD,Sở Xây dựng,so_nganh,\nSTP,Sở Tài chính,so_nganh,\n",
    );
    let error = sipas::ingest::read_registry(&path)
        .expect_err("refused")
        .to_string();
    assert!(error.contains("agencies.csv"), "{error}");
    assert!(error.contains("rows 2 and 4 both use 'STP'"), "{error}");
}
