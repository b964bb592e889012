//! The standard error of a mean of criterion indices — an element index, or
//! the overall index — by Taylor linearisation over respondents.
//!
//! The criteria of one questionnaire are answered by the same respondents,
//! so their indices are correlated and the variance of their mean is not
//! the mean of their variances. Each index is a ratio p_k = Σ w·y_k ÷ Σ w·a_k
//! (a = answered, y = satisfied); respondent i contributes
//! z_ik = w_i·a_ik·(y_ik − p_k) ÷ W_k to it, and a linear combination Σ b_k·p_k
//! has the variance Σ_i (Σ_k b_k·z_ik)² = Σ_j Σ_k b_j·b_k·C_jk, where
//!
//! C_jk = [S_yy − p_k·S_ya − p_j·S_ay + p_j·p_k·S_aa] ÷ (W_j·W_k)
//!
//! with S_yy = Σ w²·y_j·y_k, S_ya = Σ w²·y_j·a_k, S_ay = Σ w²·a_j·y_k and
//! S_aa = Σ w²·a_j·a_k over the respondents (only those who answered both
//! count in a pair). The S sums add up across agencies and quarters, so they
//! are computed in the same grouped pass as the indices. For one criterion
//! without weights C = p(1 − p) ÷ n, the binomial variance. The respondents
//! are taken as a simple random sample with replacement (no design effect
//! of clustering or strata, no finite-population correction).

use polars::prelude::*;

use super::aggregate::UnitValues;
use super::criteria::{weighted_answered, weighted_satisfied};

/// The aggregations of every pair of criteria (j before k, by their survey
/// frame columns `names`): the four sums S_aa, S_ya, S_ay, S_yy, named
/// `{j}*{k}_aa` and so on, as products of the frame's weighted indicator
/// columns (see [`super::criteria::weighted_answered`]).
pub(super) fn pair_aggregations(names: &[String]) -> Vec<Expr> {
    let answered = |name: &str| col(weighted_answered(name).as_str());
    let satisfied = |name: &str| col(weighted_satisfied(name).as_str());
    let mut aggregations = Vec::new();
    for (j, first) in names.iter().enumerate() {
        for second in &names[j + 1..] {
            let pair = format!("{first}*{second}");
            for (suffix, a, b) in [
                ("aa", answered(first), answered(second)),
                ("ya", satisfied(first), answered(second)),
                ("ay", answered(first), satisfied(second)),
                ("yy", satisfied(first), satisfied(second)),
            ] {
                aggregations.push((a * b).sum().alias(format!("{pair}_{suffix}")));
            }
        }
    }
    aggregations
}

/// The standard error, in percent, of Σ b_k·p_k over the criteria whose
/// survey-frame columns and coefficients are `terms` (in questionnaire
/// order, as the pairs were named); None when a criterion has no answers.
pub(super) fn linear_se(values: &UnitValues<'_>, terms: &[(String, f64)]) -> Option<f64> {
    let total = |name: &str| values.get(&format!("{name}_w"));
    let proportion = |name: &str| {
        let w = total(name);
        (w > 0.0).then(|| values.get(&format!("{name}_ws")) / w)
    };
    let proportions: Vec<f64> = terms
        .iter()
        .map(|(name, _)| proportion(name))
        .collect::<Option<_>>()?;
    let mut variance = 0.0;
    for (j, (first, bj)) in terms.iter().enumerate() {
        let pj = proportions[j];
        // The diagonal: [S_y·(1 − 2p) + p²·S_a] ÷ W².
        let s_a = values.get(&format!("{first}_w2"));
        let s_y = values.get(&format!("{first}_w2s"));
        variance += bj * bj * (s_y * (1.0 - 2.0 * pj) + pj * pj * s_a) / total(first).powi(2);
        for (k, (second, bk)) in terms.iter().enumerate().skip(j + 1) {
            let pk = proportions[k];
            let pair = |suffix: &str| values.get(&format!("{first}*{second}_{suffix}"));
            let covariance = (pair("yy") - pk * pair("ya") - pj * pair("ay")
                + pj * pk * pair("aa"))
                / (total(first) * total(second));
            variance += 2.0 * bj * bk * covariance;
        }
    }
    Some(100.0 * variance.max(0.0).sqrt())
}
