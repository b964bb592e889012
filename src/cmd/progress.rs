//! `sipas progress` and `sipas plan`: a view of one period's summary — the
//! city's progress toward its targets, or how many citizens to survey at
//! each agency next period — as a table, CSV or JSON.

use std::io::IsTerminal;

use anyhow::Result;

use crate::cli::{ProgressArgs, ProgressFormat};
use sipas::metrics::summary::Summary;
use sipas::observe::Observer;
use sipas::pipeline::{load_observed, resolve_period, summarise};
use sipas::report::{progress, survey_plan};

/// Which view of the summary to print.
#[derive(Debug, Clone, Copy)]
pub enum View {
    /// Progress toward the Plan 181 targets (`sipas progress`).
    Progress,
    /// The survey plan ("kế hoạch khảo sát", `sipas plan`).
    SurveyPlan,
}

/// Computes the period and prints the view.
pub fn run(args: &ProgressArgs, view: View) -> Result<()> {
    let settings = args.run.settings()?;
    let meter = super::read_meter::ReadMeter::new(args.run.inputs.quiet);
    let loaded = load_observed(&settings, &meter)?;
    let period = resolve_period(&settings, &loaded.inputs)?;
    meter.stage(&sipas::observe::Stage::Computing);
    let summary = summarise(&loaded, &period, settings.as_of, &settings.config)?;
    meter.done();
    say_raw!("{}", text(&summary, view, args.format));
    Ok(())
}

fn text(summary: &Summary, view: View, format: ProgressFormat) -> String {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match (view, format) {
        (View::Progress, ProgressFormat::Table) => progress::to_table(summary, colour),
        (View::Progress, ProgressFormat::Json) => progress::to_json(summary) + "\n",
        (View::Progress, ProgressFormat::Csv) => progress::to_csv(summary),
        (View::SurveyPlan, ProgressFormat::Table) => survey_plan::to_table(summary),
        (View::SurveyPlan, ProgressFormat::Json) => survey_plan::to_json(summary) + "\n",
        (View::SurveyPlan, ProgressFormat::Csv) => survey_plan::to_csv(summary),
    }
}
