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

/// Newcombe's hybrid score interval (method 10 of Newcombe 1998) of the
/// difference `now − before` of two independent proportions, from each one's
/// value and 95% Wilson interval, all in percent; the result is in points.
/// It is centred on the unrounded difference and is narrower than the
/// non-overlap of the two intervals, which corresponds to a test at well
/// under 5%.
pub fn newcombe(now: f64, now_ci: (f64, f64), before: f64, before_ci: (f64, f64)) -> (f64, f64) {
    let difference = now - before;
    let (now_low, now_high) = now_ci;
    let (before_low, before_high) = before_ci;
    let below = ((now - now_low).powi(2) + (before_high - before).powi(2)).sqrt();
    let above = ((now_high - now).powi(2) + (before - before_low).powi(2)).sqrt();
    (difference - below, difference + above)
}

/// The normal-approximation interval `value ± z × se`, clamped to 0–100
/// (all in percent).
pub fn normal(value: f64, se: f64, z: f64) -> (f64, f64) {
    ((value - z * se).max(0.0), (value + z * se).min(100.0))
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
    fn newcombe_matches_a_hand_computation() {
        // TC2 of the sample data: 76.60% (73.54–79.41) in 2024-Q2, 81.76%
        // (78.81–84.37) in 2025-Q2. Difference 5.16; lower 5.16 −
        // √(2.95² + 2.81²) = 5.16 − 4.074 = 1.086; upper 5.16 + √(2.61² + 3.06²)
        // = 5.16 + 4.022 = 9.182. The intervals overlap, the difference is
        // significant.
        let (low, high) = newcombe(81.76, (78.81, 84.37), 76.60, (73.54, 79.41));
        assert!((low - 1.0859).abs() < 0.001, "{low}");
        assert!((high - 9.1819).abs() < 0.001, "{high}");
        // No change: an interval around 0.
        let ci = wilson(0.8, 400.0, Z_95).unwrap_or_default();
        let (low, high) = newcombe(80.0, ci, 80.0, ci);
        assert!(low < 0.0 && high > 0.0 && (low + high).abs() < 1e-9);
        // A clear fall: 60% of 500 (Wilson 55.65–64.20) after 80% of 500
        // (76.27–83.27): −20 − √(4.355² + 3.272²) = −25.45 and
        // −20 + √(4.202² + 3.729²) = −14.38.
        let (now, before) = (
            wilson(0.6, 500.0, Z_95).unwrap_or_default(),
            wilson(0.8, 500.0, Z_95).unwrap_or_default(),
        );
        let (low, high) = newcombe(60.0, now, 80.0, before);
        assert!((low + 25.4466).abs() < 0.001, "{low}");
        assert!((high + 14.3819).abs() < 0.001, "{high}");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round2(79.725), 79.73);
        assert_eq!(round2(79.724_999), 79.72);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(-1.005), -1.01);
    }
}
