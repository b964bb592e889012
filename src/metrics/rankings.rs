//! Rankings of agencies within their level ("xếp hạng"), by the element index
//! and by the on-time rate. Values are compared as published (2 decimals);
//! equal values share a rank and the next rank is skipped (1, 2, 2, 4).
//! Agencies with too few answers or handled PAKN are not ranked.

use serde::Serialize;

use super::interval::round2;
use crate::model::AgencyLevel;

/// An agency's ranks within its level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Rank {
    /// Rank by the element index; None when not ranked.
    pub element: Option<u32>,
    /// Agencies of the level ranked by the element index.
    pub element_of: u32,
    /// Rank by the on-time rate; None when not ranked.
    pub on_time: Option<u32>,
    /// Agencies of the group ranked by the on-time rate.
    pub on_time_of: u32,
    /// The ranking group: the level code, with `:high` or `:low` when agencies
    /// are also grouped by volume.
    pub group: String,
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
    /// PAKN received in the period (for volume groups).
    pub volume: u64,
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

/// Ranks every agency within its level, or with `by_volume` within the
/// high-volume half (received at least the level's median) or the low-volume
/// half of its level.
pub fn rank(agencies: &[RankInput], by_volume: bool) -> Vec<Rank> {
    let mut ranks = vec![Rank::default(); agencies.len()];
    for level in AgencyLevel::ALL {
        let members: Vec<usize> = (0..agencies.len())
            .filter(|&i| agencies[i].level == level)
            .collect();
        let groups: Vec<(String, Vec<usize>)> = if by_volume && !members.is_empty() {
            let mut volumes: Vec<u64> = members.iter().map(|&i| agencies[i].volume).collect();
            volumes.sort_unstable();
            let median = volumes.get(volumes.len() / 2).copied().unwrap_or_default();
            let (high, low): (Vec<usize>, Vec<usize>) =
                members.iter().partition(|&&i| agencies[i].volume >= median);
            vec![
                (format!("{}:high", level.code()), high),
                (format!("{}:low", level.code()), low),
            ]
        } else {
            vec![(level.code().to_string(), members)]
        };
        for (group, members) in groups {
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
                    group: group.clone(),
                };
            }
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
            volume: 10,
        }
    }

    #[test]
    fn ties_share_a_rank_and_small_samples_are_not_ranked() {
        use AgencyLevel::{QuanHuyen as Q, SoNganh as S};
        let ranks = rank(
            &[
                input(S, Some(85.0), true, Some(100.0)),
                input(S, Some(90.0), true, Some(95.0)),
                // 84.996 is published as 85.00: tied with the first.
                input(S, Some(84.996), true, Some(100.0)),
                input(S, Some(99.0), false, Some(80.0)),
                input(S, Some(70.0), true, None),
                input(Q, Some(60.0), true, Some(50.0)),
            ],
            false,
        );
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

#[cfg(test)]
mod volume_tests {
    use super::*;

    #[test]
    fn volume_groups_split_each_level_at_its_median() {
        let agency = |volume: u64, on_time: f64| RankInput {
            level: AgencyLevel::SoNganh,
            element: None,
            enough_answers: false,
            on_time: Some(on_time),
            enough_handled: true,
            volume,
        };
        // Volumes 10, 20, 30, 40: median (upper) 30; high = 30 and 40, low = 10 and 20.
        let ranks = rank(
            &[
                agency(10, 90.0),
                agency(20, 95.0),
                agency(30, 80.0),
                agency(40, 85.0),
            ],
            true,
        );
        let view: Vec<(String, Option<u32>)> =
            ranks.iter().map(|r| (r.group.clone(), r.on_time)).collect();
        assert_eq!(
            view,
            vec![
                ("so_nganh:low".to_string(), Some(2)),
                ("so_nganh:low".to_string(), Some(1)),
                ("so_nganh:high".to_string(), Some(2)),
                ("so_nganh:high".to_string(), Some(1)),
            ]
        );
    }
}
