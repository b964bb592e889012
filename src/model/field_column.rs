//! The subject field of each record ("Lĩnh vực") as a small code into the
//! column's own list of the distinct texts: a handful of texts for millions
//! of records, 4 bytes a record.

use super::text_codes::TextCodes;

/// The code of a record without a field.
const NONE: u32 = u32::MAX;

/// Optional texts from a small vocabulary, one code a record.
#[derive(Debug, Clone, Default)]
pub struct FieldColumn {
    /// Each record's code in `texts`, or [`NONE`].
    codes: Vec<u32>,
    /// The distinct texts.
    texts: TextCodes,
}

impl FieldColumn {
    /// Adds a record's field (None or empty = no field).
    pub fn push(&mut self, text: Option<&str>) {
        let code = match text.filter(|t| !t.is_empty()) {
            Some(text) => self.texts.code_of(text),
            None => NONE,
        };
        self.codes.push(code);
    }

    /// The field of record `position` (None without one, or past the end).
    pub fn get(&self, position: usize) -> Option<&str> {
        let code = *self.codes.get(position)?;
        self.texts.text(code)
    }

    /// Each record's code: an index into [`FieldColumn::texts`], or a value
    /// past its end for a record without a field.
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// The distinct texts, indexed by code.
    pub fn texts(&self) -> &[String] {
        self.texts.texts()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Makes room for `additional` more records.
    pub fn reserve(&mut self, additional: usize) {
        self.codes.reserve(additional);
    }

    /// Moves every record of `other` to the end, its codes translated into
    /// this column's vocabulary, leaving it empty.
    pub fn append(&mut self, other: &mut Self) {
        if self.is_empty() && self.texts.is_empty() {
            std::mem::swap(self, other);
            return;
        }
        let translated: Vec<u32> = other
            .texts
            .texts()
            .iter()
            .map(|t| self.texts.code_of(t))
            .collect();
        self.codes.extend(
            other
                .codes
                .iter()
                .map(|&code| translated.get(code as usize).copied().unwrap_or(NONE)),
        );
        *other = Self::default();
    }

    /// Keeps the records whose flag in `keep` is true (the vocabulary stays).
    pub fn retain(&mut self, keep: &[bool]) {
        let mut flags = keep.iter();
        self.codes.retain(|_| flags.next().copied().unwrap_or(true));
    }
}

impl<'a> FromIterator<Option<&'a str>> for FieldColumn {
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(fields: I) -> Self {
        let mut column = Self::default();
        for field in fields {
            column.push(field);
        }
        column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(column: &FieldColumn) -> Vec<Option<&str>> {
        (0..column.len()).map(|i| column.get(i)).collect()
    }

    #[test]
    fn fields_come_back_after_append_and_retain_with_one_entry_per_text() {
        let mut column: FieldColumn = [Some("Y tế"), None, Some(""), Some("Thuế"), Some("Y tế")]
            .into_iter()
            .collect();
        assert_eq!(column.texts(), ["Y tế", "Thuế"]);
        assert_eq!(column.codes(), [0, NONE, NONE, 1, 0]);
        let mut more: FieldColumn = [Some("Thuế"), Some("Đất đai"), None].into_iter().collect();
        column.append(&mut more);
        assert!(more.is_empty());
        assert_eq!(column.texts(), ["Y tế", "Thuế", "Đất đai"]);
        assert_eq!(
            all(&column),
            [
                Some("Y tế"),
                None,
                None,
                Some("Thuế"),
                Some("Y tế"),
                Some("Thuế"),
                Some("Đất đai"),
                None
            ]
        );
        column.retain(&[false, true, false, false, true, true, true, false]);
        assert_eq!(
            all(&column),
            [None, Some("Y tế"), Some("Thuế"), Some("Đất đai")]
        );
        assert_eq!(column.get(4), None);
        let mut empty = FieldColumn::default();
        empty.append(&mut column);
        assert_eq!(empty.len(), 4);
    }
}
