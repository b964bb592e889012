//! The `sipas` command: parses arguments, calls the library, prints, and maps
//! errors to exit codes (0 success, 1 failed run, 2 bad usage).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, UsageError};

fn main() -> ExitCode {
    // The library turns a defect of the workbook parsers on a malformed file
    // into an error naming that file; keep their panic messages off the terminal.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_workbook_reader = info
            .location()
            .is_some_and(|l| l.file().contains("calamine-"));
        if !in_workbook_reader {
            default_hook(info);
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match &cli.command {
        Command::Report(args) => cmd::report::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Progress(args) => cmd::progress::run(args, cmd::progress::View::Progress),
        Command::Plan(args) => cmd::progress::run(args, cmd::progress::View::SurveyPlan),
        Command::Calendar(args) => cmd::calendar::run(args),
        Command::Sample(args) => cmd::sample::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Export(args) => cmd::export::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output went away (`sipas calendar 2025 | head`).
        Err(error) if is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", cmd::error_text(&error, cmd::message_lang(&cli)));
            if error.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Whether an error is standard output's reader having gone away.
fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
