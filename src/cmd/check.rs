//! `sipas check`: read and validate the inputs, print every finding; or
//! suggest a mapping profile for a file.

use anyhow::{bail, Result};

use crate::cli::CheckArgs;
use sipas::ingest::suggest::suggest_profile;
use sipas::observe::Observer;
use sipas::pipeline::load_observed;

/// Runs the check.
pub fn run(args: &CheckArgs) -> Result<()> {
    if let Some(file) = &args.suggest_profile {
        say_raw!("{}", suggest_profile(file)?);
        return Ok(());
    }
    let settings = args.inputs.settings()?;
    let bars = super::bars::Bars::new(args.inputs.quiet);
    let loaded = load_observed(&settings, &bars)?;
    bars.done();
    let inputs = &loaded.inputs;
    say!("Inputs:");
    super::print_accounts(&inputs.accounts)?;
    if inputs.findings.is_empty() {
        say!("No findings.");
    } else {
        say!("Findings ({}):", inputs.findings.len());
    }
    for f in &inputs.findings {
        let sheet = f
            .sheet
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        say!(
            "  {}{} row {}, column '{}', value '{}': {} ({:?})",
            f.file,
            sheet,
            f.row,
            f.column,
            f.value,
            f.reason,
            f.effect
        );
    }
    let read: usize = inputs.accounts.iter().map(|a| a.rows).sum();
    let rejected = inputs.rejected();
    let percent = if read == 0 {
        0.0
    } else {
        100.0 * rejected as f64 / read as f64
    };
    if rejected > 0 && percent > args.max_rejected_percent {
        bail!(
            "{rejected} of {read} rows ({percent:.2}%) were rejected, more than the {}% allowed by --max-rejected-percent",
            args.max_rejected_percent
        );
    }
    Ok(())
}
