//! Replays the fuzz target's corpus (`fuzz/corpus/readers/`) through the same
//! entry point, so that every input the fuzzer kept is checked in CI.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[test]
fn fuzz_corpus_replays_without_panics() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/readers");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("fuzz corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "{} files", files.len());
    let panicked: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap_or_default();
            catch_unwind(AssertUnwindSafe(|| sipas::fuzz_target::exercise(&data))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(panicked.is_empty(), "{panicked:#?}");
}
