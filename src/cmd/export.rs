//! `sipas export`: the accepted records as Parquet datasets.

use anyhow::Result;

use super::read_meter::ReadMeter;
use crate::cli::{ExportArgs, ExportFormat};
use sipas::observe::Observer;
use sipas::pipeline::export_parquet;

/// Runs the export.
pub fn run(args: &ExportArgs) -> Result<()> {
    let settings = args.inputs.settings()?;
    let meter = ReadMeter::new(args.inputs.quiet);
    let (loaded, manifest) = match args.format {
        ExportFormat::Parquet => export_parquet(&settings, &args.out, &meter)?,
    };
    meter.done();
    say!("Inputs:");
    super::print_accounts(&loaded.inputs.accounts)?;
    for (name, dataset) in [
        ("feedback", &manifest.feedback),
        ("survey", &manifest.survey),
    ] {
        say!(
            "{}: {} records in {} partitions",
            args.out.join(name).display(),
            dataset.rows,
            dataset.partitions.len()
        );
    }
    say!(
        "Also written: {} (the registry) and {}",
        args.out.join("agencies.csv").display(),
        args.out.join("export.json").display()
    );
    Ok(())
}
