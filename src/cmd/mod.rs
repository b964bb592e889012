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

use sipas::lang::Lang;
use sipas::messages::{AsGiven, Message};
use sipas::model::InputAccount;

use crate::cli::{Cli, Command, Said, UsageError};

/// The language of the command's messages: the report's `--lang` when it
/// is given, otherwise the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`):
/// Vietnamese for `vi_VN…`, English otherwise.
pub fn message_lang(cli: &Cli) -> Lang {
    if let Command::Report(args) = &cli.command {
        if std::env::args().any(|a| a == "--lang" || a.starts_with("--lang=")) {
            return args.lang.into();
        }
    }
    locale_lang()
}

/// The locale's language (`LC_ALL`, `LC_MESSAGES`, `LANG`): Vietnamese for
/// `vi_VN…`, English otherwise.
pub fn locale_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("vi") {
        Lang::Vi
    } else {
        Lang::En
    }
}

/// The error's sentence in `lang`, files named as they were given. In
/// English it is the whole chain of causes, as before; in Vietnamese the
/// sentence of the catalogue for the first cause that has one.
pub fn error_text(error: &anyhow::Error, lang: Lang) -> String {
    if lang == Lang::Vi {
        if let Some(sentence) = error.chain().find_map(vietnamese) {
            return format!("lỗi: {sentence}");
        }
    }
    format!("error: {error:#}")
}

/// The Vietnamese sentence of one cause, when the catalogue has it.
fn vietnamese(cause: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(said) = cause.downcast_ref::<Said>() {
        return Some(said.vi.clone());
    }
    if let Some(usage) = cause.downcast_ref::<UsageError>() {
        return match usage {
            UsageError::Said(said) => Some(said.vi.clone()),
            UsageError::Request(e) => Some(e.vietnamese(&AsGiven)),
        };
    }
    as_message(cause).map(|message| message.vietnamese(&AsGiven))
}

/// The cause as a message of the catalogue, when it is one.
fn as_message<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a dyn Message> {
    macro_rules! first_of {
        ($($kind:ty),*) => {
            None $(.or_else(|| cause.downcast_ref::<$kind>().map(|e| e as &dyn Message)))*
        };
    }
    first_of!(
        sipas::pipeline::Error,
        sipas::ingest::IngestError,
        sipas::request::RequestError,
        sipas::config::ConfigError,
        sipas::config::profile::ProfileError,
        sipas::calendar::PeriodError,
        sipas::report::ReportError,
        sipas::export::ExportError
    )
}

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
