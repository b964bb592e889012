//! Rankings of agencies within their level ("xếp hạng"), by the element index
//! and by the on-time rate. Values are compared as published (2 decimals);
//! equal values share a rank and the next rank is skipped (1, 2, 2, 4).
//! Agencies with too few answers or handled PAKN are not ranked.

use serde::Serialize;

use super::interval::round2;
use crate::model::AgencyLevel;

/// An agency's ranks within its level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rank {
    /// Rank by the element index; None when not ranked.
    pub element: Option<u32>,
    /// Agencies of the level ranked by the element index.
    pub element_of: u32,
    /// Rank by the on-time rate; None when not ranked.
    pub on_time: Option<u32>,
    /// Agencies of the level ranked by the on-time rate.
    pub on_time_of: u32,
}

/// What ranking needs to know of one agency.
#[derive(Debug, Clone, Copy)]
pub struct RankInput {
    /// Administrative level.
    pub level: AgencyLevel,
    /// Element index, with whether its sample is large enough.
    pub element: Option<f64>,
    /// Whether every criterion has at least the minimum sample.
    pub enough_answers: bool,
    /// On-time rate.
    pub on_time: Option<f64>,
    /// Whether enough PAKN were handled.
    pub enough_handled: bool,
}

/// Competition ranks (higher is better) of the `Some` values; None stays None.
fn competition_ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|value| {
            let v = round2((*value)?);
            let better = values
                .iter()
                .flatten()
                .filter(|other| round2(**other) > v)
                .count();
            Some(better as u32 + 1)
        })
        .collect()
}

/// Ranks every agency within its level.
pub fn rank(agencies: &[RankInput]) -> Vec<Rank> {
    let mut ranks = vec![Rank::default(); agencies.len()];
    for level in AgencyLevel::ALL {
        let members: Vec<usize> = (0..agencies.len())
            .filter(|&i| agencies[i].level == level)
            .collect();
        let element: Vec<Option<f64>> = members
            .iter()
            .map(|&i| agencies[i].element.filter(|_| agencies[i].enough_answers))
            .collect();
        let on_time: Vec<Option<f64>> = members
            .iter()
            .map(|&i| agencies[i].on_time.filter(|_| agencies[i].enough_handled))
            .collect();
        let (element_ranks, on_time_ranks) =
            (competition_ranks(&element), competition_ranks(&on_time));
        let element_of = element.iter().flatten().count() as u32;
        let on_time_of = on_time.iter().flatten().count() as u32;
        for (position, &i) in members.iter().enumerate() {
            ranks[i] = Rank {
                element: element_ranks[position],
                element_of,
                on_time: on_time_ranks[position],
                on_time_of,
            };
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(
        level: AgencyLevel,
        element: Option<f64>,
        enough: bool,
        on_time: Option<f64>,
    ) -> RankInput {
        RankInput {
            level,
            element,
            enough_answers: enough,
            on_time,
            enough_handled: true,
        }
    }

    #[test]
    fn ties_share_a_rank_and_small_samples_are_not_ranked() {
        use AgencyLevel::{QuanHuyen as Q, SoNganh as S};
        let ranks = rank(&[
            input(S, Some(85.0), true, Some(100.0)),
            input(S, Some(90.0), true, Some(95.0)),
            // 84.996 is published as 85.00: tied with the first.
            input(S, Some(84.996), true, Some(100.0)),
            input(S, Some(99.0), false, Some(80.0)),
            input(S, Some(70.0), true, None),
            input(Q, Some(60.0), true, Some(50.0)),
        ]);
        let element: Vec<Option<u32>> = ranks.iter().map(|r| r.element).collect();
        assert_eq!(
            element,
            vec![Some(2), Some(1), Some(2), None, Some(4), Some(1)]
        );
        assert_eq!(ranks[0].element_of, 4);
        let on_time: Vec<Option<u32>> = ranks.iter().map(|r| r.on_time).collect();
        assert_eq!(
            on_time,
            vec![Some(1), Some(3), Some(1), Some(4), None, Some(1)]
        );
        assert_eq!((ranks[0].on_time_of, ranks[5].on_time_of), (4, 1));
    }
}
