//! The words of the HTML pages, in Vietnamese (the default) and English:
//! the pages of `sipas serve` and the public page of a report.

mod en;
mod vi;

pub use en::EN;
pub use vi::VI;

/// Every label of the pages.
#[derive(Debug)]
pub struct Words {
    /// `vi` or `en`.
    pub code: &'static str,
    /// The other language's code and name, for the switch.
    pub other_code: &'static str,
    /// The other language's name.
    pub other_name: &'static str,
    /// Product line under the title.
    pub tagline: &'static str,
    /// Menu: inputs.
    pub nav_inputs: &'static str,
    /// Menu: mapping.
    pub nav_mapping: &'static str,
    /// Menu: check.
    pub nav_check: &'static str,
    /// Menu: report.
    pub nav_report: &'static str,
    /// Menu: progress.
    pub nav_progress: &'static str,
    /// Upload box title.
    pub upload_title: &'static str,
    /// Upload box help.
    pub upload_help: &'static str,
    /// Upload button.
    pub upload_button: &'static str,
    /// Kind chooser: detect.
    pub kind_auto: &'static str,
    /// Kind: feedback.
    pub kind_feedback: &'static str,
    /// Kind: survey.
    pub kind_survey: &'static str,
    /// Kind: registry.
    pub kind_agencies: &'static str,
    /// Column: file.
    pub col_file: &'static str,
    /// Column: kind.
    pub col_kind: &'static str,
    /// Column: sheet and header row.
    pub col_header: &'static str,
    /// Column: rows read = accepted + rejected.
    pub col_rows: &'static str,
    /// Column: fields mapped.
    pub col_mapped: &'static str,
    /// Column: columns ignored.
    pub col_ignored: &'static str,
    /// Column: profile.
    pub col_profile: &'static str,
    /// No file yet.
    pub no_files: &'static str,
    /// "files", after a count.
    pub files_word: &'static str,
    /// Link to the mapping form.
    pub map_this: &'static str,
    /// Delete button.
    pub delete: &'static str,
    /// A registry replaced by a later one.
    pub superseded_registry: &'static str,
    /// Agencies in a registry.
    pub agencies_in_registry: &'static str,
    /// Agencies of the registry that ended.
    pub agencies_ended: &'static str,
    /// Agencies of the registry whose work another took over.
    pub agencies_succeeded: &'static str,
    /// The configuration.
    pub config_title: &'static str,
    /// No configuration uploaded.
    pub config_default: &'static str,
    /// Mapping page title.
    pub mapping_title: &'static str,
    /// Mapping page help.
    pub mapping_help: &'static str,
    /// Files to map.
    pub mapping_pick: &'static str,
    /// Canonical field.
    pub col_field: &'static str,
    /// Source column.
    pub col_source: &'static str,
    /// Sample values.
    pub col_samples: &'static str,
    /// Not in the file.
    pub not_in_file: &'static str,
    /// A column chosen for a subject field, a category or an agency taken
    /// as named that looks like personal data or free text.
    pub personal_column: &'static str,
    /// Required.
    pub required: &'static str,
    /// Date formats.
    pub date_formats: &'static str,
    /// Agencies as named.
    pub agencies_as_is: &'static str,
    /// Values section.
    pub values_title: &'static str,
    /// Keep as read.
    pub value_as_read: &'static str,
    /// Defaults section.
    pub defaults_title: &'static str,
    /// Preview section.
    pub preview_title: &'static str,
    /// Preview button.
    pub preview_button: &'static str,
    /// Profile name.
    pub profile_name: &'static str,
    /// Question: the first header row.
    pub header_row_question: &'static str,
    /// Question: how many header rows.
    pub header_rows_question: &'static str,
    /// Question: the text encoding.
    pub encoding_question: &'static str,
    /// Label: the survey's no-answer codes.
    pub missing_question: &'static str,
    /// Why a file is not ticked for a run: it does not read.
    pub unticked_unreadable: &'static str,
    /// Why a file is not ticked for a run: another profile than its kind's others.
    pub unticked_other_profile: &'static str,
    /// Heading: files read, their profiles to open and change.
    pub mapped_files: &'static str,
    /// No file waits for a mapping.
    pub nothing_to_map: &'static str,
    /// Heading: the saved profiles.
    pub saved_profiles: &'static str,
    /// No saved profile.
    pub no_profiles: &'static str,
    /// Label: a profile's new name.
    pub new_name: &'static str,
    /// Button: rename.
    pub rename: &'static str,
    /// Asked before a profile is deleted.
    pub confirm_delete_profile: &'static str,
    /// Asked before a file is deleted.
    pub confirm_delete_file: &'static str,
    /// Button: show the chosen period.
    pub show: &'static str,
    /// Why the table of agencies furthest behind is empty.
    pub behind_empty: &'static str,
    /// Asked before a run is deleted.
    pub confirm_delete_run: &'static str,
    /// The button from a file's mapping error to the mapping form.
    pub map_this_file: &'static str,
    /// Saying which saved profile the form edits.
    pub editing_profile: &'static str,
    /// Save button.
    pub save_profile: &'static str,
    /// Row.
    pub col_row: &'static str,
    /// Finding.
    pub col_finding: &'static str,
    /// Check page title.
    pub check_title: &'static str,
    /// Every file / every reason.
    pub all: &'static str,
    /// Filter button.
    pub filter: &'static str,
    /// Download findings.csv.
    pub download_findings: &'static str,
    /// No findings.
    pub no_findings: &'static str,
    /// Column: sheet.
    pub col_sheet: &'static str,
    /// Column: column.
    pub col_column: &'static str,
    /// Column: value.
    pub col_value: &'static str,
    /// Column: reason.
    pub col_reason: &'static str,
    /// Column: effect.
    pub col_effect: &'static str,
    /// Page.
    pub page: &'static str,
    /// Previous page.
    pub previous: &'static str,
    /// Next page.
    pub next: &'static str,
    /// Report page title.
    pub report_title: &'static str,
    /// Period.
    pub period: &'static str,
    /// Period help.
    pub period_help: &'static str,
    /// As-of date.
    pub as_of: &'static str,
    /// Calendar periods.
    pub calendar_periods: &'static str,
    /// Successive exports.
    pub snapshots: &'static str,
    /// Language of the report.
    pub report_lang: &'static str,
    /// Files of the run.
    pub run_files: &'static str,
    /// Run button.
    pub run_button: &'static str,
    /// Runs list.
    pub runs_title: &'static str,
    /// Run status words.
    pub status_running: &'static str,
    /// Stop a run.
    pub stop_run: &'static str,
    /// Done.
    pub status_done: &'static str,
    /// Failed.
    pub status_failed: &'static str,
    /// No run yet.
    pub no_runs: &'static str,
    /// City indicators.
    pub city_title: &'static str,
    /// Indicator.
    pub col_indicator: &'static str,
    /// Baseline.
    pub col_baseline: &'static str,
    /// Value.
    pub col_value_now: &'static str,
    /// Target range.
    pub col_target: &'static str,
    /// Status.
    pub col_status: &'static str,
    /// Points to go.
    pub col_gap: &'static str,
    /// Agencies table.
    pub agencies_title: &'static str,
    /// Search box.
    pub search: &'static str,
    /// Agency.
    pub col_agency: &'static str,
    /// Received.
    pub col_received: &'static str,
    /// Handled.
    pub col_handled: &'static str,
    /// On-time rate.
    pub col_on_time: &'static str,
    /// Overdue pending.
    pub col_overdue: &'static str,
    /// Element index.
    pub col_element: &'static str,
    /// Answers.
    pub col_answers: &'static str,
    /// Charts.
    pub charts_title: &'static str,
    /// Trend.
    pub trend_title: &'static str,
    /// What citizens raise.
    pub subjects_title: &'static str,
    /// Overdue list.
    pub overdue_title: &'static str,
    /// Downloads.
    pub downloads_title: &'static str,
    /// The whole folder.
    pub download_zip: &'static str,
    /// Progress page title.
    pub progress_title: &'static str,
    /// Agencies behind.
    pub behind_title: &'static str,
    /// Runs by period.
    pub runs_by_period: &'static str,
    /// No finished run.
    pub no_finished_run: &'static str,
    /// Login title.
    pub login_title: &'static str,
    /// Login help.
    pub login_help: &'static str,
    /// Login button.
    pub login_button: &'static str,
    /// Waiting for the check.
    pub checking: &'static str,
    /// Rows read.
    pub rows_read: &'static str,
    /// Level.
    pub col_level: &'static str,
    /// Classification.
    pub col_category: &'static str,
    /// Field.
    pub col_subject: &'static str,
    /// Late.
    pub col_late: &'static str,
    /// Change.
    pub col_change: &'static str,
    /// Small sample.
    pub small_sample: &'static str,
    /// Title of the public page.
    pub public_title: &'static str,
    /// The public page's note on its data.
    pub public_note: &'static str,
    /// "as of".
    pub as_of_short: &'static str,
    /// The criteria chart's description.
    pub criteria_chart: &'static str,
    /// The fields chart's description.
    pub fields_chart: &'static str,
    /// Criterion or index.
    pub col_criterion: &'static str,
    /// The report form's "as of today".
    pub as_of_today: &'static str,
    /// What "as of today" is for.
    pub as_of_today_help: &'static str,
    /// Title of the PAKN due soon.
    pub due_soon_title: &'static str,
    /// Column: PAKN due soon.
    pub col_due_soon: &'static str,
    /// Navigation and title of the survey plan.
    pub plan_title: &'static str,
    /// Column: respondents this period.
    pub col_respondents_now: &'static str,
    /// Column: respondents needed.
    pub col_needed: &'static str,
    /// Column: shortfall.
    pub col_shortfall: &'static str,
    /// Column suffix: answers needed for a criterion.
    pub col_answers_needed: &'static str,
    /// The run page's link to the whole list of PAKN due soon.
    pub due_soon_more: &'static str,
}
