//! One module per subcommand, each wiring library calls and printing.

/// Writes a line to standard output, returning the error when it cannot be
/// written: a closed pipe (`sipas calendar 2025 | head`) ends the command
/// quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

/// As [`say!`], without the line break.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?
    }};
}

pub mod calendar;
pub mod check;
pub mod export;
pub mod progress;
pub mod read_meter;
pub mod report;
pub mod sample;
pub mod serve;

use sipas::model::InputAccount;

/// Prints the row accounting of every input file: rows read = accepted + rejected.
pub fn print_accounts(accounts: &[InputAccount]) -> std::io::Result<()> {
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
        say!(
            "  {}{}: {} rows read = {} accepted + {} rejected{superseded}",
            account.path,
            sheet,
            account.rows,
            account.accepted,
            account.rejected
        );
    }
    Ok(())
}
