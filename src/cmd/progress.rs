//! `sipas progress`: the city's progress toward its targets.

use std::io::IsTerminal;

use anyhow::Result;

use crate::cli::{ProgressArgs, ProgressFormat};
use sipas::pipeline::{load, resolve_period, summarise};
use sipas::report::progress::{to_csv, to_json, to_table};

/// Prints the progress view.
pub fn run(args: &ProgressArgs) -> Result<()> {
    let settings = args.run.settings()?;
    let loaded = load(&settings)?;
    let period = resolve_period(&settings, &loaded.inputs)?;
    let summary = summarise(&loaded, &period, settings.as_of, &settings.config)?;
    let text = match args.format {
        ProgressFormat::Table => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            to_table(&summary, colour)
        }
        ProgressFormat::Json => to_json(&summary) + "\n",
        ProgressFormat::Csv => to_csv(&summary),
    };
    print!("{text}");
    Ok(())
}
