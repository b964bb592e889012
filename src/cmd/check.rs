//! `sipas check`: read and validate the inputs, print every finding.

use anyhow::Result;

use crate::cli::InputArgs;
use sipas::pipeline::load;

/// Runs the check.
pub fn run(args: &InputArgs) -> Result<()> {
    let settings = args.settings()?;
    let loaded = load(&settings)?;
    let inputs = &loaded.inputs;
    println!("Inputs:");
    super::print_accounts(&inputs.accounts);
    if inputs.findings.is_empty() {
        println!("No findings.");
    } else {
        println!("Findings ({}):", inputs.findings.len());
    }
    for f in &inputs.findings {
        let sheet = f
            .sheet
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        println!(
            "  {}{} row {}, column '{}', value '{}': {} ({:?})",
            f.file, sheet, f.row, f.column, f.value, f.reason, f.effect
        );
    }
    Ok(())
}
