//! Confidence intervals and rounding of published figures.

/// z for a two-sided 95% interval.
pub const Z_95: f64 = 1.96;

/// The Wilson score interval, in percent, for a proportion `p` (0–1)
/// observed on an (effective) sample of `n`; None when `n` is not positive.
pub fn wilson(p: f64, n: f64, z: f64) -> Option<(f64, f64)> {
    if n.is_nan() || n <= 0.0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Some((
        100.0 * (centre - half).max(0.0),
        100.0 * (centre + half).min(1.0),
    ))
}

/// Rounds to 2 decimals, halves away from zero. A tolerance of 1e-9 keeps
/// values such as 79.725, stored in binary as 79.72499999…, rounding up as
/// they do on paper.
pub fn round2(value: f64) -> f64 {
    let scaled = value * 100.0;
    (scaled + scaled.signum() * 1e-9).round() / 100.0
}

/// 100 × part ÷ whole, None when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_a_hand_computation() {
        // p = 0.8, n = 100: centre = (0.8 + 0.019208) / 1.038416 = 0.788901…,
        // half = 1.96 × sqrt(0.0016 + 0.000096040) / 1.038416 = 0.077734…
        let (low, high) = wilson(0.8, 100.0, Z_95).unwrap_or_default();
        assert!((low - 71.1169).abs() < 0.001, "{low}");
        assert!((high - 86.6634).abs() < 0.001, "{high}");
        assert_eq!(wilson(0.5, 0.0, Z_95), None);
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round2(79.725), 79.73);
        assert_eq!(round2(79.724_999), 79.72);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(-1.005), -1.01);
    }
}
