//! The duplicate-id check: among the ids accepted so far for one kind of
//! input (in file and row order), the positions of those that repeat an
//! earlier id. Every occurrence after the first is a duplicate.
//!
//! The ids are hashed and sorted by (hash, position) instead of inserted one
//! by one into a hash set: at ten million ids the set is reached at random,
//! one cache miss per row, while hashing and sorting run in parallel and in
//! order. Equal hashes are confirmed by comparing the ids themselves, so two
//! ids whose hashes collide are still told apart.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::model::TextColumn;

fn hash_of(id: &str) -> u64 {
    // std's SipHash with fixed keys: the same on every run.
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// Positions (ascending) of the ids that repeat an earlier one.
pub fn repeated(ids: &TextColumn) -> Vec<usize> {
    let keyed: Vec<(u64, usize)> = (0..ids.len())
        .into_par_iter()
        .map(|position| (hash_of(&ids[position]), position))
        .collect();
    repeated_by_key(keyed, ids)
}

/// [`repeated`] from each id's (hash, position).
fn repeated_by_key(mut keyed: Vec<(u64, usize)>, ids: &TextColumn) -> Vec<usize> {
    keyed.par_sort_unstable();
    let mut repeats = Vec::new();
    let mut run_start = 0;
    while run_start < keyed.len() {
        let hash = keyed[run_start].0;
        let run_end = keyed[run_start..]
            .iter()
            .position(|(h, _)| *h != hash)
            .map_or(keyed.len(), |length| run_start + length);
        if run_end - run_start > 1 {
            // Positions ascend within a run: the first of each id is kept.
            let mut seen: HashSet<&str> = HashSet::new();
            for &(_, position) in &keyed[run_start..run_end] {
                if !seen.insert(&ids[position]) {
                    repeats.push(position);
                }
            }
        }
        run_start = run_end;
    }
    repeats.par_sort_unstable();
    repeats
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> TextColumn {
        list.iter().copied().collect()
    }

    #[test]
    fn every_occurrence_after_the_first_repeats() {
        let ids = ids(&["A", "B", "A", "C", "B", "A", "D"]);
        assert_eq!(repeated(&ids), vec![2, 4, 5]);
        assert!(repeated(&TextColumn::default()).is_empty());
    }

    #[test]
    fn ids_are_told_apart_even_when_their_hashes_collide() {
        let ids = ids(&["A1", "B2", "A1", "B2", "C3"]);
        // Every id filed under the same hash.
        let keyed = (0..ids.len()).map(|position| (7, position)).collect();
        assert_eq!(repeated_by_key(keyed, &ids), vec![2, 3]);
    }

    #[test]
    fn one_id_repeated_throughout_is_found_in_linear_time() {
        let ids: TextColumn = std::iter::repeat_n("0", 200_000).collect();
        let repeats = repeated(&ids);
        assert_eq!(repeats.len(), 199_999);
        assert_eq!(repeats.first(), Some(&1));
    }
}
