//! The ids already accepted, for the duplicate-id check, without a second
//! copy of every id: a map from each id's 64-bit hash to its position among
//! the accepted ids, confirmed by comparing the id itself, so that two ids
//! with the same hash are still told apart.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A hasher for keys that already are hashes.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// Ids accepted so far.
#[derive(Default)]
pub struct IdIndex {
    /// Hash of an id → its position in the accepted ids.
    by_hash: HashMap<u64, u32, BuildHasherDefault<PassThrough>>,
    /// Ids whose hash was taken by another id (practically never used).
    collided: HashMap<String, ()>,
}

fn hash_of(id: &str) -> u64 {
    // std's SipHash with fixed keys: the same on every run.
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

impl IdIndex {
    /// Whether `id` was accepted; `accepted` holds the accepted ids by position.
    pub fn contains(&self, id: &str, accepted: &[String]) -> bool {
        match self.by_hash.get(&hash_of(id)) {
            Some(&position) => {
                accepted.get(position as usize).is_some_and(|a| a == id)
                    || self.collided.contains_key(id)
            }
            None => false,
        }
    }

    /// Records `id`, accepted at `position`.
    pub fn insert(&mut self, id: &str, position: usize, accepted: &[String]) {
        let hash = hash_of(id);
        match self.by_hash.get(&hash) {
            Some(&other) if accepted.get(other as usize).is_some_and(|a| a != id) => {
                self.collided.insert(id.to_string(), ());
            }
            Some(_) => {}
            None => {
                self.by_hash.insert(hash, position as u32);
            }
        }
    }

    /// Makes room for `additional` more ids.
    pub fn reserve(&mut self, additional: usize) {
        self.by_hash.reserve(additional);
    }

    /// Forgets every id.
    pub fn clear(&mut self) {
        self.by_hash.clear();
        self.collided.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_apart_even_when_their_hashes_collide() {
        let accepted = vec!["A1".to_string(), "B2".to_string()];
        let mut index = IdIndex::default();
        index.insert("A1", 0, &accepted);
        // Force a collision: B2 is filed under A1's hash.
        index.by_hash.insert(hash_of("B2"), 0);
        index.insert("B2", 1, &accepted);
        assert!(index.contains("A1", &accepted));
        assert!(index.contains("B2", &accepted));
        assert!(!index.contains("C3", &accepted));
    }
}
