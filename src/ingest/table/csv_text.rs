//! Delimited text: the header found among the first records, the data rows
//! read as byte records checked to be UTF-8 once.

use calamine::Data;

use super::header::{
    continuation_depth, detect_header, group_rows_above, join_headers, spread_groups,
};
use super::{
    sha256_hex, text_data, Body, Cell, Fingerprint, ReadOptions, Row, Table, HEADER_SEARCH_ROWS,
};
use crate::ingest::encoding::decode_to_utf8;
use crate::ingest::IngestError;

/// A record of a CSV file: its fields, slices of one text.
pub(super) struct CsvRow<'a> {
    text: &'a str,
    fields: Fields<'a>,
}

/// Where the fields of a [`CsvRow`] lie in its text.
enum Fields<'a> {
    /// Those of a record the csv reader read, moved by `between` bytes
    /// after each field: 1 (the delimiter) when the text is the record as
    /// written, 0 when it is the fields one after another.
    Record {
        record: &'a csv::ByteRecord,
        between: usize,
    },
    /// Where each field ends in the record as written (the next one begins
    /// a delimiter later).
    Ends(&'a [usize]),
}

impl<'a> CsvRow<'a> {
    /// The record's fields as text; None when they are not UTF-8.
    pub(super) fn of(record: &'a csv::ByteRecord) -> Option<Self> {
        let text = simdutf8::basic::from_utf8(record.as_slice()).ok()?;
        Some(Self {
            text,
            fields: Fields::Record { record, between: 0 },
        })
    }

    /// The record whose fields, none quoted, are written as `written`
    /// (without its line break): each field is a slice of it.
    pub(super) fn as_written(record: &'a csv::ByteRecord, written: &'a str) -> Option<Self> {
        let delimiters = record.len().saturating_sub(1);
        (written.len() == record.as_slice().len() + delimiters).then_some(Self {
            text: written,
            fields: Fields::Record { record, between: 1 },
        })
    }

    /// The record written as `line`, whose fields end at `ends`.
    pub(super) fn split(line: &'a str, ends: &'a [usize]) -> Self {
        Self {
            text: line,
            fields: Fields::Ends(ends),
        }
    }

    /// Whether the row holds the fields of `record`.
    pub(super) fn holds(&self, record: &csv::ByteRecord) -> bool {
        record.len() == self.width()
            && record
                .iter()
                .enumerate()
                .all(|(k, field)| match self.cell(k) {
                    Cell::Text(text) => text.as_bytes() == field,
                    _ => field.is_empty(),
                })
    }
}

impl Row for CsvRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        let range = match self.fields {
            Fields::Record { record, between } => {
                let shift = between * column;
                record.range(column).map(|r| r.start + shift..r.end + shift)
            }
            Fields::Ends(ends) => ends.get(column).map(|&end| {
                let start = column
                    .checked_sub(1)
                    .and_then(|before| ends.get(before))
                    .map_or(0, |&before| before + 1);
                start..end
            }),
        };
        match range.and_then(|r| self.text.get(r)) {
            Some(text) if !text.is_empty() => Cell::Text(text),
            _ => Cell::Empty,
        }
    }

    fn width(&self) -> usize {
        match self.fields {
            Fields::Record { record, .. } => record.len(),
            Fields::Ends(ends) => ends.len(),
        }
    }
}

impl Table {
    pub(super) fn open_csv(
        file: &str,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, IngestError> {
        let file = file.to_string();
        let decoded = decode_to_utf8(bytes, options.encoding.as_deref()).map_err(|message| {
            IngestError::Encoding {
                path: file.clone(),
                message,
            }
        })?;
        let fingerprint = match &decoded.original {
            Some(original) => Fingerprint::Known(sha256_hex(original)),
            None => Fingerprint::OfText {
                bom_length: decoded.bom_length,
            },
        };
        let (text, encoding) = (decoded.text, decoded.encoding);
        if memchr::memchr(0, &text).is_some() {
            return Err(IngestError::Binary { path: file });
        }
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(&text));
        // Read the first rows to find the header.
        let mut reader = csv_reader(&text, delimiter);
        let mut first_rows: Vec<Vec<String>> = Vec::new();
        // Where each of the first records ends, to know where the data begin.
        let mut record_ends: Vec<usize> = Vec::new();
        let mut record = csv::StringRecord::new();
        while first_rows.len() < HEADER_SEARCH_ROWS {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    first_rows.push(record.iter().map(str::to_string).collect());
                    record_ends.push(reader.position().byte() as usize);
                }
                Ok(false) => break,
                Err(e) => {
                    return Err(IngestError::Csv {
                        path: file,
                        message: e.to_string(),
                    })
                }
            }
        }
        if first_rows
            .iter()
            .all(|r| r.iter().all(|c| c.trim().is_empty()))
        {
            return Err(IngestError::Empty { path: file });
        }
        let cells: Vec<Vec<Data>> = first_rows
            .iter()
            .map(|r| r.iter().map(|c| text_data(c)).collect())
            .collect();
        let start = match options.header_row {
            Some(row) => row.saturating_sub(1),
            None => detect_header(&cells, &options.header_keys),
        };
        let following: Vec<&Vec<Data>> = cells.iter().skip(start).take(3).collect();
        let depth = options
            .header_rows
            .unwrap_or_else(|| continuation_depth(&following));
        // Group rows above the header row belong to its block (a record
        // after a blank line is not directly below the one before).
        let above = match (options.header_row, options.header_rows) {
            (None, None) => {
                let mut number = 0;
                let numbered: Vec<(usize, &[Data])> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        // The reader stops a CRLF record after its \r: its
                        // \n is part of the line break, not a blank line.
                        let after_blank = i > 0
                            && record_ends.get(i - 1).is_some_and(|&end| {
                                let crlf = end > 0
                                    && text.get(end - 1) == Some(&b'\r')
                                    && text.get(end) == Some(&b'\n');
                                let next = if crlf { end + 1 } else { end };
                                text.get(next).is_some_and(|b| matches!(b, b'\r' | b'\n'))
                            });
                        number += 1 + usize::from(after_blank);
                        (number, row.as_slice())
                    })
                    .collect();
                group_rows_above(&numbered, start, &[])
            }
            _ => 0,
        };
        let mut block: Vec<Vec<Data>> = cells
            .get(start - above..(start + depth).min(cells.len()))
            .unwrap_or_default()
            .to_vec();
        spread_groups(&mut block, above, |_| true);
        let headers = join_headers(&block);
        if headers.iter().all(std::string::String::is_empty) {
            return Err(IngestError::Empty { path: file });
        }
        let header_records = start + depth;
        let data_start = match header_records.checked_sub(1) {
            Some(last) => record_ends.get(last).copied().unwrap_or(text.len()),
            None => 0,
        };
        Ok(Self {
            sheet: None,
            headers,
            header_row: header_records,
            header_rows: depth + above,
            encoding: Some(encoding),
            fingerprint,
            body: Body::Csv {
                text,
                delimiter,
                header_records,
                data_start,
            },
        })
    }
}

pub(super) fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

pub(super) fn csv_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// The delimiter among `,` `;` and tab that splits the first lines most
/// consistently (most fields, the same count on each line).
pub(super) fn detect_delimiter(text: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .take(20)
        .collect();
    let mut best = (0usize, b',');
    for delimiter in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.iter().filter(|&&b| b == delimiter).count())
            .collect();
        let Some(&max) = counts.iter().max() else {
            continue;
        };
        // Lines with the most common count of this delimiter.
        let consistent = counts.iter().filter(|&&c| c == max).count();
        let score = if max == 0 { 0 } else { consistent * 1000 + max };
        if score > best.0 {
            best = (score, delimiter);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter(b"a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_delimiter(b"one column\nvalue\n"), b',');
    }
}
