//! Progress bars on stderr for runs that take longer than a second: the files
//! being read with the rows read so far, then the stages of the report. Nothing
//! is drawn when stderr is not a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sipas::observe::{Observer, Stage};

/// A spinner with the current stage and a row count, shown after a second.
pub struct ReadMeter {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
    shown: AtomicBool,
}

/// Stages shorter than this are never drawn.
const DELAY: Duration = Duration::from_secs(1);

impl ReadMeter {
    /// ReadMeter for a run; `quiet` turns them off.
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>4} {msg} {pos:>12} rows")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Self {
            bar,
            started: Instant::now(),
            enabled: !quiet && std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    fn show_when_slow(&self) {
        if self.enabled
            && self.started.elapsed() >= DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

impl Observer for ReadMeter {
    fn stage(&self, stage: &Stage) {
        self.bar.set_message(stage.say(super::locale_lang()));
        self.bar.set_position(0);
        self.show_when_slow();
    }

    fn rows(&self, count: u64) {
        self.bar.set_position(count);
        self.show_when_slow();
    }

    fn done(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for ReadMeter {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
