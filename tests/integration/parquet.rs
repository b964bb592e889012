//! `sipas export --format parquet`: the datasets as polars reads them back,
//! and a report from them equal to the report from the exports.

use std::path::{Path, PathBuf};

use polars::prelude::*;
use polars_io::prelude::ParquetReader;
use polars_io::SerReader;
use sipas::observe::Silent;
use sipas::pipeline::{export_parquet, RunSettings};

use crate::common::{registry, report_into, run, sample_settings, settings, temp, write};

/// Every part file of a dataset folder, in path order.
fn parts(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dataset folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read_part(path: &Path) -> DataFrame {
    let file = std::fs::File::open(path).expect("part file");
    ParquetReader::new(file)
        .finish()
        .expect("polars reads the part")
}

/// Column names and types of a frame.
fn schema_of(frame: &DataFrame) -> Vec<(String, DataType)> {
    frame
        .columns()
        .iter()
        .map(|c| (c.name().to_string(), c.dtype().clone()))
        .collect()
}

#[test]
fn the_feedback_dataset_has_one_row_per_accepted_record_with_the_documented_columns() {
    let dir = temp();
    let agencies = registry(dir.path());
    // Three rows: the second is rejected (no channel); the first is received
    // on 31/03 (quarter 1), the third on 01/04 (quarter 2), so two partitions.
    let feedback = write(
        dir.path(),
        "pakn.csv",
        "Mã PAKN,Ngày tiếp nhận,Kênh tiếp nhận,Cơ quan xử lý,Phân loại,Lĩnh vực,Hạn xử lý,Ngày xử lý xong,Trạng thái,Đánh giá\n\
         P1,31/03/2025,Đường dây nóng,Sở Tư pháp,Khác,Đất đai,10/04/2025,08/04/2025,Đã xử lý,Hài lòng\n\
         P2,01/04/2025,,Sở Tư pháp,,,,,,\n\
         P3,01/04/2025,Thư điện tử,UBND quận Ba Đình,,,,,Đang xử lý,\n",
    );
    let run_settings = settings(vec![feedback.clone()], vec![], agencies, "2025-Q2");
    let out = dir.path().join("export");
    let (loaded, manifest) = export_parquet(&run_settings, &out, &Silent).expect("exported");
    assert_eq!(loaded.inputs.accounts[0].rows, 3);
    assert_eq!(loaded.inputs.accounts[0].accepted, 2);
    assert_eq!(manifest.feedback.rows, 2);
    assert_eq!(manifest.survey.rows, 0);

    let files = parts(&out.join("feedback"));
    let relative: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(out.join("feedback"))
                .expect("under the dataset")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        relative,
        [
            "year=2025/quarter=1/part-0.parquet",
            "year=2025/quarter=2/part-0.parquet"
        ]
    );
    let q1 = read_part(&files[0]);
    let q2 = read_part(&files[1]);
    let text = DataType::String;
    let date = DataType::Date;
    let expected: Vec<(String, DataType)> = [
        ("id", text.clone()),
        ("received_at", date.clone()),
        ("channel", text.clone()),
        ("agency_code", text.clone()),
        ("agency_name", text.clone()),
        ("agency_level", text.clone()),
        ("category", text.clone()),
        ("field", text.clone()),
        ("forwarded_at", date.clone()),
        ("due_at", date.clone()),
        ("resolved_at", date.clone()),
        ("notified_at", date.clone()),
        ("published_at", date.clone()),
        ("status", text.clone()),
        ("rating_satisfied", DataType::Boolean),
        ("re_raised", DataType::Boolean),
        ("source_file", text.clone()),
        ("source_row", DataType::Int32),
        ("record_index", DataType::Int64),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t))
    .collect();
    assert_eq!(schema_of(&q1), expected);
    assert_eq!(schema_of(&q2), expected);
    assert_eq!((q1.height(), q2.height()), (1, 1));

    let text_of = |frame: &DataFrame, name: &str| -> Option<String> {
        frame
            .column(name)
            .expect("column")
            .str()
            .expect("text")
            .get(0)
            .map(str::to_string)
    };
    let day_of = |frame: &DataFrame, name: &str| -> Option<i32> {
        frame
            .column(name)
            .expect("column")
            .date()
            .expect("date")
            .physical()
            .get(0)
    };
    // P1: 31/03/2025 is day 20178 since 1970-01-01 (55 years of 365 days
    // = 20075, plus 14 leap days 1972…2024 = 20089, plus the 31 + 28 + 30
    // days of 2025 before 31/03 = 20178); 10/04 is 10 days later, 08/04 8.
    assert_eq!(text_of(&q1, "id").as_deref(), Some("P1"));
    assert_eq!(day_of(&q1, "received_at"), Some(20_178));
    assert_eq!(day_of(&q1, "due_at"), Some(20_188));
    assert_eq!(day_of(&q1, "resolved_at"), Some(20_186));
    assert_eq!(day_of(&q1, "forwarded_at"), None);
    assert_eq!(text_of(&q1, "channel").as_deref(), Some("hotline"));
    assert_eq!(text_of(&q1, "agency_code").as_deref(), Some("A"));
    assert_eq!(text_of(&q1, "agency_name").as_deref(), Some("Sở Tư pháp"));
    assert_eq!(text_of(&q1, "agency_level").as_deref(), Some("so_nganh"));
    assert_eq!(text_of(&q1, "category").as_deref(), Some("khac"));
    assert_eq!(text_of(&q1, "field").as_deref(), Some("Đất đai"));
    assert_eq!(text_of(&q1, "status").as_deref(), Some("da_xu_ly"));
    let satisfied = q1
        .column("rating_satisfied")
        .expect("column")
        .bool()
        .expect("bool")
        .get(0);
    assert_eq!(satisfied, Some(true));
    assert_eq!(
        text_of(&q1, "source_file").as_deref(),
        Some(feedback.display().to_string().as_str())
    );
    let row = q1
        .column("source_row")
        .expect("column")
        .i32()
        .expect("int")
        .get(0);
    assert_eq!(row, Some(2));
    // P3 is the second accepted record, on row 4 of the CSV.
    assert_eq!(text_of(&q2, "id").as_deref(), Some("P3"));
    assert_eq!(text_of(&q2, "agency_level").as_deref(), Some("quan_huyen"));
    assert_eq!(text_of(&q2, "status").as_deref(), Some("dang_xu_ly"));
    assert_eq!(day_of(&q2, "resolved_at"), None);
    let index = q2
        .column("record_index")
        .expect("column")
        .i64()
        .expect("int")
        .get(0);
    assert_eq!(index, Some(1));
    let row = q2
        .column("source_row")
        .expect("column")
        .i32()
        .expect("int")
        .get(0);
    assert_eq!(row, Some(4));
    // The registry is written beside the datasets, as --agencies reads it.
    let agencies_csv = std::fs::read_to_string(out.join("agencies.csv")).expect("registry");
    assert!(agencies_csv.starts_with("code,name,level,aliases\nA,Sở Tư pháp,so_nganh,STP|Sở TP\n"));
}

#[test]
fn the_survey_dataset_holds_every_answer_column_with_its_type() {
    let settings: RunSettings = sample_settings("2026-Q3");
    let dir = temp();
    let out = dir.path().join("export");
    let (loaded, manifest) = export_parquet(&settings, &out, &Silent).expect("exported");
    let accepted: usize = loaded
        .inputs
        .accounts
        .iter()
        .filter(|a| a.kind == sipas::model::InputKind::Survey)
        .map(|a| a.accepted)
        .sum();
    assert_eq!(manifest.survey.rows, accepted);
    let files = parts(&out.join("survey"));
    let mut rows = 0;
    for file in &files {
        let frame = read_part(file);
        rows += frame.height();
        let schema = schema_of(&frame);
        let names: Vec<&str> = schema.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            &names[..11],
            [
                "id",
                "surveyed_at",
                "agency_code",
                "agency_name",
                "agency_level",
                "gave_feedback",
                "weight",
                "tc1",
                "tc2",
                "tc3",
                "tc4"
            ]
        );
        assert_eq!(schema[1].1, DataType::Date);
        assert_eq!(schema[6].1, DataType::Float64);
        assert_eq!(schema[7].1, DataType::Int32);
        // The quarter folder holds only its quarter's interviews.
        let quarter: i32 = file
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix("quarter="))
            .and_then(|q| q.parse().ok())
            .expect("quarter folder");
        let days = frame
            .column("surveyed_at")
            .expect("column")
            .date()
            .expect("date");
        for day in days.physical().into_no_null_iter() {
            let date = sipas::calendar::days::date_of(day);
            assert_eq!(chrono::Datelike::month0(&date) as i32 / 3 + 1, quarter);
        }
    }
    assert_eq!(rows, accepted);
}

/// summary.json as a value, without what names the files read.
fn numbers_of(summary: &sipas::metrics::summary::Summary) -> serde_json::Value {
    let mut json = serde_json::to_value(summary).expect("json");
    let object = json.as_object_mut().expect("an object");
    object.remove("inputs");
    object.remove("findings");
    json
}

#[test]
fn a_report_from_the_export_equals_the_report_from_the_exports() {
    let original = sample_settings("2026-Q3");
    let dir = temp();
    let out = dir.path().join("export");
    export_parquet(&original, &out, &Silent).expect("exported");
    let mut again = original.clone();
    again.feedback = vec![out.join("feedback")];
    again.survey = vec![out.join("survey")];
    again.agencies = Some(out.join("agencies.csv"));

    let (loaded, summary) = run(&original);
    let (reloaded, summary_again) = run(&again);
    assert_eq!(reloaded.inputs.rejected(), 0);
    assert_eq!(reloaded.inputs.feedback.len(), loaded.inputs.feedback.len());
    assert_eq!(reloaded.inputs.survey.len(), loaded.inputs.survey.len());
    assert_eq!(numbers_of(&summary), numbers_of(&summary_again));

    // Every output but the data-quality files is the same, byte for byte;
    // the overdue list still names the export file and row of each PAKN.
    let (first, second) = (dir.path().join("a"), dir.path().join("b"));
    let lang = sipas::report::labels::Lang::Vi;
    report_into(&original, &first, lang);
    report_into(&again, &second, lang);
    let mut compared = 0;
    for entry in std::fs::read_dir(&first).expect("report").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".csv") || name.starts_with("findings") {
            continue;
        }
        let a = std::fs::read(entry.path()).expect("csv");
        let b = std::fs::read(second.join(&name)).expect("the same csv");
        assert!(a == b, "{name} differs");
        compared += 1;
    }
    assert!(compared >= 3, "compared {compared} CSV files");
    let overdue = std::fs::read_to_string(first.join("overdue.csv")).expect("overdue list");
    assert!(
        overdue.contains("data-samples"),
        "the overdue list names the exports"
    );
}

#[test]
fn a_dataset_without_the_registry_names_its_agencies() {
    let original = sample_settings("2026-Q3");
    let dir = temp();
    let out = dir.path().join("export");
    export_parquet(&original, &out, &Silent).expect("exported");
    let mut again = original.clone();
    again.feedback = vec![out.join("feedback")];
    again.survey = vec![out.join("survey")];
    again.agencies = None;
    let (_, summary) = run(&original);
    let (_, summary_again) = run(&again);
    assert_eq!(
        summary.city.handling.received,
        summary_again.city.handling.received
    );
    assert_eq!(
        summary.city.survey.element,
        summary_again.city.survey.element
    );
    let mut names: Vec<&str> = summary.agencies.iter().map(|a| a.name.as_str()).collect();
    let mut names_again: Vec<&str> = summary_again
        .agencies
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    names.sort();
    names_again.sort();
    assert_eq!(names, names_again);
}

#[test]
fn a_dataset_another_engine_wrote_is_checked_row_by_row() {
    let dir = temp();
    let folder = dir
        .path()
        .join("feedback")
        .join("year=2025")
        .join("quarter=2");
    std::fs::create_dir_all(&folder).expect("partition folder");
    // Two rows as Spark might write them: no record_index, no provenance;
    // the second has no id.
    let mut frame = DataFrame::new(
        2,
        vec![
            Column::new("id".into(), [Some("S1"), None]),
            Int32Chunked::from_iter_options(
                "received_at".into(),
                [Some(20_180), Some(20_181)].into_iter(),
            )
            .into_date()
            .into_column(),
            Column::new("channel".into(), ["email", "email"]),
            Column::new("agency_code".into(), ["A", "A"]),
        ],
    )
    .expect("frame");
    let part = folder.join("part-00000.parquet");
    write_part(&part, &mut frame, None);
    let agencies = registry(dir.path());
    let run_settings = settings(
        vec![dir.path().join("feedback")],
        vec![],
        agencies,
        "2025-Q2",
    );
    let (loaded, _) = run(&run_settings);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (2, 1, 1)
    );
    let finding = loaded.inputs.findings.kept().next().unwrap();
    assert_eq!(finding.file, part.display().to_string());
    assert_eq!(finding.row, 2);
    assert_eq!(finding.column, "id");

    // A date column written as text is refused with one sentence.
    let mut wrong = DataFrame::new(
        1,
        vec![
            Column::new("id".into(), ["S1"]),
            Column::new("received_at".into(), ["2025-04-02"]),
            Column::new("channel".into(), ["email"]),
            Column::new("agency_code".into(), ["A"]),
        ],
    )
    .expect("frame");
    write_part(&part, &mut wrong, None);
    let error = sipas::pipeline::load(&run_settings).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "{} is not a readable sipas Parquet dataset: its column received_at holds str, not a date; write it as the schema in the README says",
            part.display()
        )
    );
}

#[test]
fn an_export_never_replaces_a_folder_of_other_files() {
    let dir = temp();
    write(dir.path(), "notes.txt", "mine");
    let error =
        export_parquet(&sample_settings("2026-Q3"), dir.path(), &Silent).expect_err("refused");
    assert!(error.to_string().contains("not a sipas export"), "{error}");
    assert!(dir.path().join("notes.txt").exists());
}

/// Writes a feedback part with these ids and record indexes.
fn part_with(folder: &Path, quarter: u32, rows: &[(&str, i64)]) {
    let dir = folder.join("year=2025").join(format!("quarter={quarter}"));
    std::fs::create_dir_all(&dir).expect("partition folder");
    let n = rows.len();
    let mut frame = DataFrame::new(
        n,
        vec![
            Column::new("id".into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Int32Chunked::from_iter_options(
                "received_at".into(),
                std::iter::repeat_n(Some(20_180 + 91 * (quarter as i32 - 1)), n),
            )
            .into_date()
            .into_column(),
            Column::new("channel".into(), vec!["email"; n]),
            Column::new("agency_code".into(), vec!["A"; n]),
            Column::new(
                "record_index".into(),
                rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            ),
        ],
    )
    .expect("frame");
    write_part(&dir.join("part-0.parquet"), &mut frame, None);
}

#[test]
fn the_parts_of_a_dataset_are_read_back_in_the_order_of_their_record_index() {
    for (first, second, expected) in [
        // The export's positions, interleaved across the two quarters.
        (
            vec![("a", 0), ("c", 2), ("d", 3)],
            vec![("b", 1), ("e", 4)],
            ["a", "b", "c", "d", "e"],
        ),
        // Indexes that are not positions (another writer's): sorted.
        (
            vec![("a", 10), ("d", 40), ("e", 50)],
            vec![("b", 20), ("c", 30)],
            ["a", "b", "c", "d", "e"],
        ),
    ] {
        let dir = temp();
        let dataset = dir.path().join("feedback");
        part_with(&dataset, 1, &first);
        part_with(&dataset, 2, &second);
        let agencies = registry(dir.path());
        let run_settings = settings(vec![dataset], vec![], agencies, "2025-Q2");
        let (loaded, _) = run(&run_settings);
        let ids: Vec<&str> = loaded.inputs.feedback.id.iter().collect();
        assert_eq!(ids, expected);
    }
}

#[test]
fn a_dataset_date_outside_1900_to_2100_rejects_its_row() {
    let dir = temp();
    let folder = dir.path().join("feedback");
    std::fs::create_dir_all(&folder).expect("folder");
    // 9999-12-31 is day 2,932,896: far past the days the tool accepts.
    let mut frame = DataFrame::new(
        2,
        vec![
            Column::new("id".into(), ["OK", "FAR"]),
            Int32Chunked::from_iter_options(
                "received_at".into(),
                [Some(20_180), Some(2_932_896)].into_iter(),
            )
            .into_date()
            .into_column(),
            Column::new("channel".into(), ["email", "email"]),
            Column::new("agency_code".into(), ["A", "A"]),
        ],
    )
    .expect("frame");
    let part = folder.join("part.parquet");
    write_part(&part, &mut frame, None);
    let run_settings = settings(vec![folder], vec![], registry(dir.path()), "2025-Q2");
    let (loaded, _) = run(&run_settings);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (2, 1, 1)
    );
    let finding = loaded.inputs.findings.kept().next().unwrap();
    assert_eq!((finding.row, finding.column.as_str()), (2, "received_at"));
    assert_eq!(finding.reason, sipas::model::Reason::DateOutOfRange);
}

#[test]
fn a_part_of_many_row_groups_is_read_a_few_groups_at_a_time_row_for_row() {
    // 150,000 rows in row groups of 1,000: read as slices of 66,000,
    // 66,000 and 18,000 rows. Rows 66,000 and 66,001 (the last of the first
    // slice and the first of the second) and 149,999 have no id; the
    // record indexes run backwards, so the records come back in reverse.
    let dir = temp();
    let folder = dir.path().join("feedback");
    std::fs::create_dir_all(&folder).expect("folder");
    let n = 150_000usize;
    let without_id = [66_000usize, 66_001, 149_999];
    let ids: Vec<Option<String>> = (1..=n)
        .map(|row| (!without_id.contains(&row)).then(|| format!("R{row}")))
        .collect();
    let mut frame = DataFrame::new(
        n,
        vec![
            Column::new("id".into(), ids),
            Int32Chunked::from_iter_options(
                "received_at".into(),
                std::iter::repeat_n(Some(20_180), n),
            )
            .into_date()
            .into_column(),
            Column::new("channel".into(), vec!["email"; n]),
            Column::new("agency_code".into(), vec!["A"; n]),
            Column::new(
                "record_index".into(),
                (0..n as i64).rev().collect::<Vec<_>>(),
            ),
        ],
    )
    .expect("frame");
    let part = folder.join("part.parquet");
    write_part(&part, &mut frame, Some(1_000));
    let run_settings = settings(vec![folder], vec![], registry(dir.path()), "2025-Q2");
    let (loaded, _) = run(&run_settings);
    let account = &loaded.inputs.accounts[0];
    assert_eq!(
        (account.rows, account.accepted, account.rejected),
        (150_000, 149_997, 3)
    );
    let rows: Vec<usize> = loaded.inputs.findings.kept().map(|f| f.row).collect();
    assert_eq!(rows, without_id);
    let records = &loaded.inputs.feedback;
    assert_eq!(records.id.len(), 149_997);
    assert_eq!(&records.id[0], "R150000");
    assert_eq!(&records.id[1], "R149998");
    assert_eq!(&records.id[149_996], "R1");
    // Each record keeps its own row in the part.
    assert_eq!(records.origin.get(0).map(|o| o.row), Some(150_000));
    assert_eq!(records.origin.get(149_996).map(|o| o.row), Some(1));
}

/// Writes `frame` as the Parquet part `path`, in row groups of
/// `row_group_size` rows when given (polars' default otherwise).
fn write_part(path: &std::path::Path, frame: &mut DataFrame, row_group_size: Option<usize>) {
    let file = std::fs::File::create(path).expect("part");
    polars_io::parquet::write::ParquetWriter::new(file)
        .with_row_group_size(row_group_size)
        .finish(frame)
        .expect("written");
}
