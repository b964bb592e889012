//! The repeated-id index: among the ids accepted so far for one kind of
//! input (in file and row order), the positions of every id held more than
//! once. The duplicate-id check and the merge of successive exports both
//! decide on these groups (see [`super::kind::Kind::finish`]).
//!
//! The ids are hashed and their hashes sorted instead of inserted one by one
//! into a hash set: at ten million ids the set is reached at random, one
//! cache miss per row, while hashing and sorting run in parallel and in
//! order. Only the ids whose hash is repeated are then sorted by (hash,
//! position), and equal hashes are confirmed by comparing the ids
//! themselves, so two ids whose hashes collide are still told apart.

use std::hash::BuildHasher;

use rayon::prelude::*;

use crate::model::TextColumn;

/// The positions of every id held more than once, one group per id, each
/// group ascending (in file and row order). The hash is seeded at random for
/// each run, so that no file can be made of colliding ids; the groups do not
/// depend on it.
pub fn groups(ids: &TextColumn) -> Vec<Vec<usize>> {
    let state = foldhash::fast::RandomState::default();
    let hashes: Vec<u64> = (0..ids.len())
        .into_par_iter()
        .map(|position| state.hash_one(&ids[position]))
        .collect();
    // The hashes alone are sorted first (half the bytes of hash and
    // position): most exports repeat no id, and then nothing else is done.
    let mut sorted = hashes.clone();
    sorted.par_sort_unstable();
    let repeated: Vec<u64> = sorted
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    drop(sorted);
    if repeated.is_empty() {
        return Vec::new();
    }
    let repeated: std::collections::HashSet<u64, foldhash::fast::RandomState> =
        repeated.into_iter().collect();
    let keyed: Vec<(u64, usize)> = hashes
        .into_par_iter()
        .enumerate()
        .filter(|(_, hash)| repeated.contains(hash))
        .map(|(position, hash)| (hash, position))
        .collect();
    groups_by_key(keyed, ids)
}

/// [`groups`] from the (hash, position) of each id whose hash is repeated.
fn groups_by_key(mut keyed: Vec<(u64, usize)>, ids: &TextColumn) -> Vec<Vec<usize>> {
    keyed.par_sort_unstable();
    let mut groups = Vec::new();
    let mut run_start = 0;
    while run_start < keyed.len() {
        let hash = keyed[run_start].0;
        let run_end = keyed[run_start..]
            .iter()
            .position(|(h, _)| *h != hash)
            .map_or(keyed.len(), |length| run_start + length);
        if run_end - run_start > 1 {
            // Positions ascend within a run; ids whose hashes collide are
            // told apart by their text.
            let mut by_id: Vec<(&str, Vec<usize>)> = Vec::new();
            for &(_, position) in &keyed[run_start..run_end] {
                let id = &ids[position];
                match by_id.iter_mut().find(|(other, _)| *other == id) {
                    Some((_, positions)) => positions.push(position),
                    None => by_id.push((id, vec![position])),
                }
            }
            groups.extend(
                by_id
                    .into_iter()
                    .map(|(_, positions)| positions)
                    .filter(|positions| positions.len() > 1),
            );
        }
        run_start = run_end;
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> TextColumn {
        list.iter().copied().collect()
    }

    #[test]
    fn the_occurrences_of_each_repeated_id_are_grouped_in_order() {
        let ids = ids(&["A", "B", "A", "C", "B", "A", "D"]);
        let mut found = groups(&ids);
        found.sort();
        assert_eq!(found, vec![vec![0, 2, 5], vec![1, 4]]);
        assert!(groups(&TextColumn::default()).is_empty());
    }

    #[test]
    fn ids_are_told_apart_even_when_their_hashes_collide() {
        let ids = ids(&["A1", "B2", "A1", "B2", "C3"]);
        // Every id filed under the same hash.
        let keyed = (0..ids.len()).map(|position| (7, position)).collect();
        assert_eq!(groups_by_key(keyed, &ids), vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn one_id_repeated_throughout_is_found_in_linear_time() {
        let ids: TextColumn = std::iter::repeat_n("0", 200_000).collect();
        let found = groups(&ids);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), 200_000);
        assert_eq!(found[0][1], 1);
    }
}
