//! The criteria's masks in queries of the survey frame: whether a
//! respondent's answer to a criterion counts and is satisfied, and the
//! weighted indicator columns the covariance sums of the element intervals
//! are built from.

use polars::prelude::*;

use super::frames::criterion_column;
use crate::config::questionnaire::Questionnaire;

/// Whether a respondent's answer to one criterion counts, and is satisfied.
pub(super) struct CriterionMask {
    /// The survey frame's column.
    pub name: String,
    /// Answered 1–5 (and, for TC2–TC4, not "gave no feedback").
    pub answered: Expr,
    /// Answered 4 or 5.
    pub satisfied: Expr,
}

/// The masks of every criterion of `questionnaire`, in order. The
/// gave-feedback rule applies to TC2–TC4 only.
pub(super) fn criterion_masks(questionnaire: &Questionnaire) -> Vec<CriterionMask> {
    questionnaire
        .elements
        .iter()
        .enumerate()
        .flat_map(|(e, element)| {
            element
                .criteria
                .iter()
                .enumerate()
                .map(move |(k, c)| (e, k, c))
        })
        .map(|(element, k, criterion)| {
            let name = criterion_column(&criterion.code);
            let answer = col(name.as_str());
            let mut answered = answer.clone().is_not_null();
            if element == 0 && k > 0 {
                answered = answered.and(col("gave_feedback").fill_null(lit(true)));
            }
            let satisfied = answered.clone().and(answer.gt_eq(lit(4)));
            CriterionMask {
                name,
                answered,
                satisfied,
            }
        })
        .collect()
}

/// Per criterion of `questionnaire`, the weight where its answer counts and
/// where it is satisfied (0 elsewhere), named by [`weighted_answered`] and
/// [`weighted_satisfied`], for the covariance sums of the element
/// intervals: a product of two of them sums to Σ w² over respondents who
/// answered both. Computed in a query on the rows it keeps rather than
/// stored in the survey frame (two 8-byte columns a criterion and a
/// response).
pub fn weighted_columns(questionnaire: &Questionnaire) -> Vec<Expr> {
    let weighted = |mask: Expr, name: String| {
        when(mask)
            .then(col("weight"))
            .otherwise(lit(0.0))
            .alias(name)
    };
    criterion_masks(questionnaire)
        .into_iter()
        .flat_map(|mask| {
            [
                weighted(mask.answered, weighted_answered(&mask.name)),
                weighted(mask.satisfied, weighted_satisfied(&mask.name)),
            ]
        })
        .collect()
}

/// The query's column of the weight of respondents who answered the
/// criterion of column `name` (0 for the others).
pub fn weighted_answered(name: &str) -> String {
    format!("w·a:{name}")
}

/// The query's column of the weight of respondents satisfied on the
/// criterion of column `name` (0 for the others).
pub fn weighted_satisfied(name: &str) -> String {
    format!("w·y:{name}")
}
