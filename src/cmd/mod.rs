//! One module per subcommand, each wiring library calls and printing.

pub mod bars;
pub mod calendar;
pub mod check;
pub mod export;
pub mod progress;
pub mod report;
pub mod sample;
pub mod serve;

use sipas::model::InputAccount;

/// Prints the row accounting of every input file: rows read = accepted + rejected.
pub fn print_accounts(accounts: &[InputAccount]) {
    for account in accounts {
        let sheet = account
            .sheet
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        let superseded = if account.superseded > 0 {
            format!(" + {} superseded by a later export", account.superseded)
        } else {
            String::new()
        };
        println!(
            "  {}{}: {} rows read = {} accepted + {} rejected{superseded}",
            account.path, sheet, account.rows, account.accepted, account.rejected
        );
    }
}
