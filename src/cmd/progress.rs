//! `sipas progress`: the city's progress toward its targets.

use std::io::IsTerminal;

use anyhow::Result;

use crate::cli::{ProgressArgs, ProgressFormat};
use sipas::observe::Observer;
use sipas::pipeline::{load_observed, resolve_period, summarise};
use sipas::report::progress::{to_csv, to_json, to_table};

/// Prints the progress view.
pub fn run(args: &ProgressArgs) -> Result<()> {
    let settings = args.run.settings()?;
    let meter = super::read_meter::ReadMeter::new(args.run.inputs.quiet);
    let loaded = load_observed(&settings, &meter)?;
    let period = resolve_period(&settings, &loaded.inputs)?;
    meter.stage(&sipas::observe::Stage::Computing);
    let summary = summarise(&loaded, &period, settings.as_of, &settings.config)?;
    meter.done();
    let text = match args.format {
        ProgressFormat::Table => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            to_table(&summary, colour)
        }
        ProgressFormat::Json => to_json(&summary) + "\n",
        ProgressFormat::Csv => to_csv(&summary),
    };
    say_raw!("{text}");
    Ok(())
}
