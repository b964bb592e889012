//! Every message of the catalogue, rendered in both languages.

use super::*;
use crate::calendar::{PeriodError, ScheduleError};
use crate::config::profile::ProfileError;
use crate::config::ConfigError;
use crate::export::ExportError;
use crate::files::CappedReadError;
use crate::ingest::error::{HeaderList, MissingField, ProfileColumn, RegistryProblem};
use crate::ingest::IngestError;
use crate::pipeline::Error;
use crate::report::ReportError;
use crate::request::RequestError;

/// A path as the workbench keeps an upload: never to be shown.
const INTERNAL: &str = "/srv/sipas/workspace/files/4dc8/nyc311.csv";
const PROFILE: &str = "/srv/sipas/workspace/profiles/tong-dai.toml";

/// Words of the configuration files and the code, never to be shown to an
/// analyst reading Vietnamese.
const CONFIGURATION_WORDS: [&str; 12] = [
    "header_row",
    "encoding",
    "chrono",
    "received_at",
    "dang_xu_ly",
    "[feedback",
    "columns]",
    "sipas.toml",
    "--",
    "profile",
    "sipas check",
    "/srv/",
];

fn io() -> std::io::Error {
    std::io::Error::from(std::io::ErrorKind::NotFound)
}

fn headers() -> HeaderList {
    HeaderList::of(&["unique_key".to_string(), "created_date".to_string()])
}

/// One example of every ingest error, indexed by [`ingest_variant`].
fn ingest_examples() -> Vec<IngestError> {
    let path = || INTERNAL.to_string();
    vec![
        IngestError::Read {
            path: path(),
            source: io(),
        },
        IngestError::Cancelled,
        IngestError::FindingSpill(io()),
        IngestError::UnsupportedFormat { path: path() },
        IngestError::Encoding {
            path: path(),
            message: "not UTF-8".into(),
        },
        IngestError::TooLarge {
            path: path(),
            bytes: 9 << 30,
        },
        IngestError::Binary { path: path() },
        IngestError::ProfileNoHeader(Box::new(ProfileColumn {
            profile: PROFILE.into(),
            line: 12,
            section: "feedback".into(),
            field: "id".into(),
            header: "Mã PAKN".into(),
            wanted: vec!["unique_key".into()],
            file: path(),
            closest: vec!["unique key".into()],
        })),
        IngestError::UnknownCriterion {
            profile: PROFILE.into(),
            line: 3,
            name: "TC9".into(),
        },
        IngestError::ProfileMissing(Box::new(ProfileColumn {
            profile: PROFILE.into(),
            line: 0,
            section: "feedback".into(),
            field: "received_at".into(),
            header: "Ngày tiếp nhận".into(),
            wanted: Vec::new(),
            file: path(),
            closest: vec!["created_date".into()],
        })),
        IngestError::Csv {
            path: path(),
            message: "record 3 has 2 fields".into(),
        },
        IngestError::Workbook {
            path: path(),
            message: "invalid zip".into(),
        },
        IngestError::Empty { path: path() },
        IngestError::MissingColumns {
            path: path(),
            missing: vec![MissingField {
                name: "id".into(),
                header: "Mã PAKN".into(),
            }],
            found: headers(),
        },
        IngestError::NoCriterionColumn {
            path: path(),
            codes: vec!["TC1".into()],
            found: headers(),
        },
        IngestError::Registry {
            path: path(),
            problem: Box::new(RegistryProblem::NoCodeOrName { row: 3 }),
        },
        IngestError::Dataset {
            path: path(),
            message: "no id column".into(),
        },
        IngestError::NotUtf8AfterStart { path: path() },
        IngestError::EmptyFolder { path: path() },
    ]
}

/// The position of `error`'s variant in [`ingest_examples`]. A new variant
/// does not build until it is listed here, and the test below fails until
/// it has an example.
fn ingest_variant(error: &IngestError) -> usize {
    match error {
        IngestError::Read { .. } => 0,
        IngestError::Cancelled => 1,
        IngestError::FindingSpill(_) => 2,
        IngestError::UnsupportedFormat { .. } => 3,
        IngestError::Encoding { .. } => 4,
        IngestError::TooLarge { .. } => 5,
        IngestError::Binary { .. } => 6,
        IngestError::ProfileNoHeader(_) => 7,
        IngestError::UnknownCriterion { .. } => 8,
        IngestError::ProfileMissing(_) => 9,
        IngestError::Csv { .. } => 10,
        IngestError::Workbook { .. } => 11,
        IngestError::Empty { .. } => 12,
        IngestError::MissingColumns { .. } => 13,
        IngestError::NoCriterionColumn { .. } => 14,
        IngestError::Registry { .. } => 15,
        IngestError::Dataset { .. } => 16,
        IngestError::NotUtf8AfterStart { .. } => 17,
        IngestError::EmptyFolder { .. } => 18,
    }
}

/// One example of every run error, indexed by [`run_variant`].
fn run_examples() -> Vec<Error> {
    let path = || INTERNAL.to_string();
    vec![
        Error::Config(ConfigError::Read {
            path: path(),
            source: CappedReadError::NotText,
        }),
        Error::Config(ConfigError::Toml {
            path: path(),
            message: "expected =".into(),
        }),
        Error::Config(ConfigError::Schedule(ScheduleError::Invalid {
            origin: path(),
            message: "2025: bad date".into(),
        })),
        Error::Config(ConfigError::Invalid {
            path: path(),
            message: "min_sample = 0".into(),
        }),
        Error::Config(ConfigError::NamedFile {
            path: path(),
            named: "lich-nghi.toml".into(),
            message: "not uploaded".into(),
        }),
        Error::Ingest(IngestError::Cancelled),
        Error::Profile(ProfileError {
            path: PROFILE.into(),
            line: Some(4),
            message: "unknown key".into(),
        }),
        Error::Period(PeriodError("Q5/2025".into())),
        Error::NoData("no record".into()),
        Error::Metrics(polars::error::PolarsError::NoData("empty".into())),
        Error::Report(ReportError::Write {
            path: path(),
            source: io(),
        }),
        Error::Report(ReportError::Chart {
            path: path(),
            message: "font".into(),
        }),
        Error::Report(ReportError::Document {
            path: path(),
            message: "zip".into(),
        }),
        Error::Report(ReportError::Workbook {
            path: path(),
            message: "zip".into(),
        }),
        Error::Report(ReportError::FolderUnnamed { path: "..".into() }),
        Error::Report(ReportError::FileOpen { path: path() }),
        Error::Report(ReportError::FolderInUse {
            path: path(),
            example: "notes.txt".into(),
        }),
        Error::Export(ExportError::Write {
            path: path(),
            source: io(),
        }),
        Error::Export(ExportError::Foreign { path: path() }),
        Error::Export(ExportError::Parquet {
            path: path(),
            message: "io".into(),
        }),
    ]
}

/// The position of `error`'s variant in [`run_examples`].
fn run_variant(error: &Error) -> usize {
    match error {
        Error::Config(ConfigError::Read { .. }) => 0,
        Error::Config(ConfigError::Toml { .. }) => 1,
        Error::Config(ConfigError::Schedule(_)) => 2,
        Error::Config(ConfigError::Invalid { .. }) => 3,
        Error::Config(ConfigError::NamedFile { .. }) => 4,
        Error::Ingest(_) => 5,
        Error::Profile(_) => 6,
        Error::Period(_) => 7,
        Error::NoData(_) => 8,
        Error::Metrics(_) => 9,
        Error::Report(ReportError::Write { .. }) => 10,
        Error::Report(ReportError::Chart { .. }) => 11,
        Error::Report(ReportError::Document { .. }) => 12,
        Error::Report(ReportError::Workbook { .. }) => 13,
        Error::Report(ReportError::FolderUnnamed { .. }) => 14,
        Error::Report(ReportError::FileOpen { .. }) => 15,
        Error::Report(ReportError::FolderInUse { .. }) => 16,
        Error::Export(ExportError::Write { .. }) => 17,
        Error::Export(ExportError::Foreign { .. }) => 18,
        Error::Export(ExportError::Parquet { .. }) => 19,
    }
}

/// One example of every request error, indexed by [`request_variant`].
fn request_examples() -> Vec<RequestError> {
    vec![
        RequestError::NoSampleData("data-samples".into()),
        RequestError::NoDataFile,
        RequestError::TwoProfiles("feedback"),
        RequestError::NoRegistry,
        RequestError::Period(PeriodError("Q5/2025".into())),
        RequestError::Date("31/02/2025".into()),
        RequestError::Lang("fr".into()),
        RequestError::Config(ConfigError::Invalid {
            path: INTERNAL.into(),
            message: "x".into(),
        }),
        RequestError::Profile(ProfileError {
            path: PROFILE.into(),
            line: None,
            message: "x".into(),
        }),
    ]
}

/// The position of `error`'s variant in [`request_examples`].
fn request_variant(error: &RequestError) -> usize {
    match error {
        RequestError::NoSampleData(_) => 0,
        RequestError::NoDataFile => 1,
        RequestError::TwoProfiles(_) => 2,
        RequestError::NoRegistry => 3,
        RequestError::Period(_) => 4,
        RequestError::Date(_) => 5,
        RequestError::Lang(_) => 6,
        RequestError::Config(_) => 7,
        RequestError::Profile(_) => 8,
    }
}

/// Asserts the examples list every variant once, in order, and that each
/// says itself in both languages as an analyst may read it.
fn check_all<E: Message>(examples: &[E], variant: fn(&E) -> usize) {
    for (index, example) in examples.iter().enumerate() {
        assert_eq!(variant(example), index, "example {index} is out of place");
        check_both_languages(example);
    }
}

fn check_both_languages(message: &dyn Message) {
    let vi = message.say(Lang::Vi, &FileNameOnly);
    let en = message.say(Lang::En, &FileNameOnly);
    assert!(!vi.is_empty() && !en.is_empty());
    assert_ne!(vi, en, "the Vietnamese sentence is the English one");
    // Vietnamese: its letters, a full stop, and nothing of the configuration.
    assert!(
        vi.chars()
            .any(|c| "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
                .contains(c.to_lowercase().next().unwrap_or(c))),
        "no Vietnamese in {vi:?}"
    );
    assert!(vi.ends_with('.'), "{vi:?} is not a sentence");
    for word in CONFIGURATION_WORDS {
        assert!(!vi.contains(word), "{vi:?} holds {word:?}");
    }
    // English: today's sentence, with files named by their names only.
    assert!(!en.contains("/srv/"), "{en:?} shows an internal path");
    let mut expected = message.to_string();
    for path in message.paths() {
        expected = expected.replace(path, last_component(path));
    }
    assert_eq!(en, expected);
}

#[test]
fn every_ingest_error_is_said_in_both_languages() {
    let examples = ingest_examples();
    check_all(&examples, ingest_variant);
}

#[test]
fn every_run_error_is_said_in_both_languages() {
    check_all(&run_examples(), run_variant);
}

#[test]
fn every_request_error_is_said_in_both_languages() {
    check_all(&request_examples(), request_variant);
}

#[test]
fn every_registry_problem_names_its_rows_in_both_languages() {
    let problems = [
        (RegistryProblem::NoCodeOrName { row: 3 }, "dòng 3"),
        (
            RegistryProblem::NotADate {
                row: 4,
                column: "Hết hiệu lực".into(),
                value: "31/02/2025".into(),
            },
            "dòng 4, cột “Hết hiệu lực”: “31/02/2025”",
        ),
        (
            RegistryProblem::UnknownLevel { row: 5, value: "tinh".into() },
            "dòng 5: cấp “tinh”",
        ),
        (RegistryProblem::NoAgency, "không có cơ quan nào"),
        (
            RegistryProblem::SharedKey { first: 2, second: 9, key: "SXD".into() },
            "dòng 2 và dòng 9 cùng dùng “SXD”",
        ),
        (
            RegistryProblem::UnknownSuccessor { row: 6, code: "QHK".into(), successor: "PHK".into() },
            "dòng 6: cơ quan kế thừa “PHK” của QHK",
        ),
        (
            RegistryProblem::SuccessionCycle {
                rows: vec![2, 3],
                codes: vec!["A".into(), "B".into(), "A".into()],
            },
            "các dòng 2, 3 ghi nhau là cơ quan kế thừa thành một vòng (A → B → A)",
        ),
        (
            RegistryProblem::SuccessionGap {
                row: 7,
                code: "QHK".into(),
                until: "30/06/2025".into(),
                successor_row: 8,
                successor: "PHK".into(),
                from: "02/07/2025".into(),
            },
            "dòng 7: QHK kết thúc ngày 30/06/2025 nhưng cơ quan kế thừa PHK (dòng 8) bắt đầu ngày 02/07/2025",
        ),
        (RegistryProblem::SuccessionDates { row: 9, code: "QHK".into() }, "dòng 9: QHK"),
    ];
    for (problem, said) in problems {
        let error = IngestError::Registry {
            path: "agencies.csv".into(),
            problem: Box::new(problem),
        };
        check_both_languages(&error);
        let vi = error.say(Lang::Vi, &FileNameOnly);
        assert!(
            vi.starts_with("Danh mục cơ quan “agencies.csv” không dùng được: "),
            "{vi}"
        );
        assert!(vi.contains(said), "{vi}");
    }
}

#[test]
fn files_are_named_as_the_front_end_names_them() {
    let error = IngestError::Empty {
        path: INTERNAL.into(),
    };
    assert_eq!(
        error.say(Lang::En, &AsGiven),
        format!("{INTERNAL} is empty: it needs a header row and data rows")
    );
    assert_eq!(
        error.say(Lang::Vi, &FileNameOnly),
        "Tệp “nyc311.csv” trống: tệp cần một dòng tiêu đề và các dòng dữ liệu."
    );
}

#[test]
fn a_missing_column_names_the_vietnamese_header_and_the_file_s_headers() {
    let error = IngestError::MissingColumns {
        path: INTERNAL.into(),
        missing: vec![
            MissingField {
                name: "id".into(),
                header: "Mã PAKN".into(),
            },
            MissingField {
                name: "received_at".into(),
                header: "Ngày tiếp nhận".into(),
            },
        ],
        found: HeaderList::of(&(1..=32).map(|k| format!("c{k}")).collect::<Vec<_>>()),
    };
    let vi = error.say(Lang::Vi, &FileNameOnly);
    assert!(vi.starts_with("Tệp “nyc311.csv” không có cột “Mã PAKN” và “Ngày tiếp nhận”; các cột của tệp là: c1 | c2 |"));
    assert!(vi.contains("c30 | … và 2 cột khác."));
    let en = error.say(Lang::En, &FileNameOnly);
    assert!(en.starts_with("nyc311.csv has no column for id (\"Mã PAKN\"), received_at (\"Ngày tiếp nhận\"); its headers are: c1 |"));
    assert!(en.contains("c30 | … and 2 more (map"));
}
