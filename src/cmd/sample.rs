//! `sipas sample`: regenerate the sample data set, or generate a large one.

use anyhow::Result;

use crate::cli::{SampleArgs, SampleFormat};
use sipas::sample::{generate, generate_scale, SampleOptions, ScaleOptions};

/// Writes the sample data, or a large canonical data set when `--agencies`,
/// `--years`, `--format` or `--backlog-share` is given.
pub fn run(args: &SampleArgs) -> Result<()> {
    let large = args.agencies.is_some()
        || args.years.is_some()
        || args.format.is_some()
        || args.backlog_share.is_some();
    let files = if large {
        let defaults = ScaleOptions::default();
        let format = args.format.unwrap_or(SampleFormat::Csv);
        let options = ScaleOptions {
            seed: args.seed,
            records: args.records.unwrap_or(defaults.records),
            responses: args.responses.unwrap_or(defaults.responses),
            agencies: args.agencies.unwrap_or(defaults.agencies),
            years: args.years.unwrap_or(defaults.years),
            csv: format != SampleFormat::Xlsx,
            xlsx: format != SampleFormat::Csv,
            backlog_share: args.backlog_share.unwrap_or(defaults.backlog_share),
            ..defaults
        };
        generate_scale(&options, &args.out)?
    } else {
        let defaults = SampleOptions::default();
        let options = SampleOptions {
            seed: args.seed,
            records: args.records.unwrap_or(defaults.records),
            responses: args.responses.unwrap_or(defaults.responses),
            ..defaults
        };
        generate(&options, &args.out)?
    };
    for file in files {
        say!("Wrote {}", file.display());
    }
    Ok(())
}
