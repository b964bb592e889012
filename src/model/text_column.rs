//! A column of short texts (the ids "Mã PAKN", "Mã phiếu") stored end to end
//! in one buffer: ten million ids take their bytes plus one offset each,
//! instead of ten million separate allocations.

use std::ops::Index;

/// Texts stored end to end, read back by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextColumn {
    /// Every text, one after the other.
    text: String,
    /// Where each text ends in `text`.
    ends: Vec<usize>,
}

impl TextColumn {
    /// Adds a text at the end.
    pub fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    /// The text at `position`.
    pub fn get(&self, position: usize) -> Option<&str> {
        let end = *self.ends.get(position)?;
        let start = match position.checked_sub(1) {
            Some(before) => self.ends[before],
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
        self.ends.extend(other.ends.iter().map(|end| end + offset));
        *other = Self::default();
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
        column.retain(&[true, false, true, false, true]);
        assert_eq!(column.iter().collect::<Vec<_>>(), ["P1", "Mã-02", "YY"]);
        assert_eq!(&column[2], "YY");
        assert_eq!(column.get(3), None);
        let mut empty = TextColumn::default();
        empty.append(&mut column);
        assert_eq!(empty.len(), 3);
    }
}
