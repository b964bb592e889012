//! A column of short texts (the ids "Mã PAKN", "Mã phiếu") stored end to end
//! in one buffer: ten million ids take their bytes plus a 4-byte offset
//! each, instead of ten million separate allocations.

use std::ops::Index;

/// Texts stored end to end, read back by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextColumn {
    /// Every text, one after the other.
    text: String,
    /// Where each text ends in `text`, modulo 2³².
    ends: Vec<u32>,
    /// The positions at which the ends pass a multiple of 2³² (once per
    /// multiple passed): the end of text `p` is `ends[p]` plus 2³² times the
    /// number of entries ≤ `p`. Empty below 4 GiB of text.
    wraps: Vec<usize>,
}

impl TextColumn {
    /// Adds a text at the end.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.push_end(self.text.len());
    }

    /// Records that the next text ends at byte `end` of `text`.
    fn push_end(&mut self, end: usize) {
        let position = self.ends.len();
        while self.wraps.len() < end >> 32 {
            self.wraps.push(position);
        }
        self.ends.push(end as u32);
    }

    /// Where the text at `position` ends in `text`.
    fn end(&self, position: usize) -> Option<usize> {
        let low = *self.ends.get(position)? as usize;
        let high = self.wraps.partition_point(|&wrap| wrap <= position);
        Some((high << 32) | low)
    }

    /// The text at `position`.
    pub fn get(&self, position: usize) -> Option<&str> {
        let end = self.end(position)?;
        let start = match position.checked_sub(1) {
            Some(before) => self.end(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Number of texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The texts in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|position| &self[position])
    }

    /// Makes room for `additional` more texts (and, once some are held,
    /// for as many bytes as that many texts of their mean length take).
    pub fn reserve(&mut self, additional: usize) {
        self.ends.reserve(additional);
        if let Some(mean) = self.text.len().checked_div(self.len()) {
            self.text.reserve(additional.saturating_mul(mean));
        }
    }

    /// Moves every text of `other` to the end, leaving it empty.
    pub fn append(&mut self, other: &mut Self) {
        if self.is_empty() {
            std::mem::swap(self, other);
            return;
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.ends.reserve(other.len());
        for position in 0..other.len() {
            let end = other.end(position).unwrap_or(other.text.len());
            self.push_end(end + offset);
        }
        *other = Self::default();
    }

    /// The texts at `positions`, in that order, in a column of exactly
    /// their size (positions past the end are skipped).
    pub fn select(&self, positions: &[u32]) -> Self {
        let texts = || positions.iter().filter_map(|&p| self.get(p as usize));
        let mut selected = Self::default();
        selected.text.reserve_exact(texts().map(str::len).sum());
        selected.ends.reserve_exact(positions.len());
        for text in texts() {
            selected.push(text);
        }
        selected
    }

    /// Keeps the texts whose flag in `keep` is true.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut kept = Self::default();
        kept.text.reserve(self.text.len());
        kept.ends.reserve(self.len());
        for (position, text) in self.iter().enumerate() {
            if keep.get(position).copied().unwrap_or(true) {
                kept.push(text);
            }
        }
        *self = kept;
    }
}

impl Index<usize> for TextColumn {
    type Output = str;

    fn index(&self, position: usize) -> &str {
        match self.get(position) {
            Some(text) => text,
            None => panic!("text {position} of a column of {}", self.len()),
        }
    }
}

impl<'a> FromIterator<&'a str> for TextColumn {
    fn from_iter<I: IntoIterator<Item = &'a str>>(texts: I) -> Self {
        let mut column = Self::default();
        for text in texts {
            column.push(text);
        }
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_in_order_after_append_and_retain() {
        let mut column: TextColumn = ["P1", "", "Mã-02"].into_iter().collect();
        let mut more: TextColumn = ["X", "YY"].into_iter().collect();
        column.append(&mut more);
        assert!(more.is_empty());
        assert_eq!(
            column.iter().collect::<Vec<_>>(),
            ["P1", "", "Mã-02", "X", "YY"]
        );
        let selected = column.select(&[4, 0, 2, 9]);
        assert_eq!(selected.iter().collect::<Vec<_>>(), ["YY", "P1", "Mã-02"]);
        column.retain(&[true, false, true, false, true]);
        assert_eq!(column.iter().collect::<Vec<_>>(), ["P1", "Mã-02", "YY"]);
        assert_eq!(&column[2], "YY");
        assert_eq!(column.get(3), None);
        let mut empty = TextColumn::default();
        empty.append(&mut column);
        assert_eq!(empty.len(), 3);
    }

    #[test]
    fn ends_past_four_gibibytes_are_found_from_the_wraps() {
        // The offsets as a column past 4 GiB would hold them, without the
        // bytes: text 0 ends at 2³² − 2, text 1 at 2³² + 3 (one wrap at 1),
        // text 2 is 2³² + 1 bytes long and ends at 2·2³² + 4 (one more wrap
        // at 2), text 3 is empty.
        let mut column = TextColumn::default();
        for end in [
            (1usize << 32) - 2,
            (1 << 32) + 3,
            (2 << 32) + 4,
            (2 << 32) + 4,
        ] {
            column.push_end(end);
        }
        assert_eq!(column.wraps, vec![1, 2]);
        assert_eq!(column.end(0), Some((1 << 32) - 2));
        assert_eq!(column.end(1), Some((1 << 32) + 3));
        assert_eq!(column.end(2), Some((2 << 32) + 4));
        assert_eq!(column.end(3), Some((2 << 32) + 4));
        assert_eq!(column.end(4), None);
    }
}
