//! Fuzzes the CSV and XLSX table readers, the date, answer and number
//! parsers and the profile parser (see `sipas::fuzz_target::exercise`).
//!
//! A panic inside the third-party workbook parser (calamine) is caught by
//! sipas and reported as an error about the file, so it is not a crash of
//! sipas; every other panic aborts as libFuzzer expects.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        let aborting_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_workbook_reader = info.location().is_some_and(|l| l.file().contains("calamine-"));
            if !in_workbook_reader {
                aborting_hook(info);
            }
        }));
    },
    |data: &[u8]| {
        sipas::fuzz_target::exercise(data);
    }
);
