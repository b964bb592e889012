//! Everything a run reads, as canonical records: the accepted feedback
//! records and survey responses, the findings, and each file's accounting.

use super::{FeedbackRecords, FindingList, InputAccount, SurveyResponses};
use crate::calendar::Day;

/// Everything read from the inputs of a run.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Accepted feedback records.
    pub feedback: FeedbackRecords,
    /// Accepted survey responses.
    pub survey: SurveyResponses,
    /// Every data-quality finding, in file and row order.
    pub findings: FindingList,
    /// Row accounting per input file, in the order read.
    pub accounts: Vec<InputAccount>,
    /// The export files records were first read from, which their origins
    /// (or, for records read through a Parquet dataset, their `source`)
    /// number: every input in order (feedback first), then the exports a
    /// dataset names.
    pub sources: Vec<String>,
}

impl Inputs {
    /// Frees the records and the responses, keeping the findings, the
    /// accounts and the sources: all that a report's writers read once its
    /// numbers are computed.
    pub fn release_records(&mut self) {
        self.feedback = FeedbackRecords::default();
        self.survey = SurveyResponses::default();
    }

    /// The latest day any record or response refers to (received, surveyed).
    pub fn last_day(&self) -> Option<Day> {
        let feedback = self.feedback.received.iter().max();
        let survey = self.survey.surveyed.iter().max();
        feedback.max(survey).copied()
    }

    /// The first and last days of the accepted records and responses (the
    /// day received, the day surveyed), when there are any.
    pub fn days(&self) -> Option<(Day, Day)> {
        let days = || {
            self.feedback
                .received
                .iter()
                .chain(self.survey.surveyed.iter())
        };
        Some((*days().min()?, *days().max()?))
    }

    /// Total rows rejected.
    pub fn rejected(&self) -> usize {
        self.accounts.iter().map(|a| a.rejected).sum()
    }
}
