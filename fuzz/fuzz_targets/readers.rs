//! Fuzzes the CSV and XLSX table readers, the date, answer and number
//! parsers and the profile parser (see `sipas::fuzzing::exercise`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    sipas::fuzzing::exercise(data);
});
