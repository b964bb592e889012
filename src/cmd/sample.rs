//! `sipas sample`: regenerate the sample data set.

use anyhow::Result;

use crate::cli::SampleArgs;
use sipas::sample::{generate, SampleOptions};

/// Writes the sample data.
pub fn run(args: &SampleArgs) -> Result<()> {
    let options = SampleOptions {
        seed: args.seed,
        records: args.records,
        responses: args.responses,
        ..SampleOptions::default()
    };
    for file in generate(&options, &args.out)? {
        println!("Wrote {}", file.display());
    }
    Ok(())
}
