//! The records of a CSV span: each read as written when none of its fields
//! is quoted (a slice of the span's text checked to be UTF-8 once), through
//! the csv reader otherwise; row numbers as Excel shows them, and records
//! cut short at a stray quote.

use std::io::Cursor;

use super::csv_text::{count_newlines, csv_reader, CsvRow};
use super::spans::{RowSpan, SpanRead};
use super::Row;
use crate::ingest::IngestError;

/// Reads the CSV records of `span` within `bytes`, whose `text` is the
/// span's text checked to be UTF-8 (see [`checked_text`]; empty when it is
/// not known: each record is then checked on its own) (see
/// [`Table::for_each_row_in`]), whose header has `width` fields. A span
/// with an open end stops before a record that reaches the end of `bytes`
/// (it may go on in bytes not read yet) and says where that record starts.
///
/// A record written on one line with no quote (nor carriage return but its
/// line break's) is split at its delimiters as it stands in `text`; any
/// other is read by the csv reader, which goes on until the next line is
/// such a plain one.
///
/// A record whose quoted field swallows whole lines that each read as a
/// record of the header's width, or runs to the end of the file, holds a
/// stray quote: it is handed over as a [`StrayQuoteRow`] (rejected with a
/// finding by the reader of rows) and reading goes on with the next line.
///
/// [`Table::for_each_row_in`]: super::Table::for_each_row_in
pub(super) fn read_csv_span(
    (bytes, text): (&[u8], &str),
    delimiter: u8,
    width: usize,
    span: &RowSpan,
    path: &str,
    mut visit: impl FnMut(usize, &dyn Row),
) -> Result<SpanRead, IngestError> {
    let start = span.start.min(bytes.len());
    let csv_error = |e: csv::Error| IngestError::Csv {
        path: path.to_string(),
        message: e.to_string(),
    };
    let plain = PlainLines::new(bytes, (text, start), delimiter);
    let mut state = SpanState::new(span, start);
    // The csv reader, made when a record needs it, and whether it reads the
    // records from where the last one ended.
    let mut reader: Option<csv::Reader<Cursor<&[u8]>>> = None;
    let mut reading = false;
    let mut record = csv::ByteRecord::new();
    let mut ends = Vec::new();
    loop {
        if !reading {
            match plain.next(state.last_end, &mut ends) {
                Next::Nothing => break,
                Next::Plain {
                    line,
                    end,
                    newlines,
                } => {
                    if let Some(read) = state.stop_before(bytes, span, end) {
                        return Ok(read);
                    }
                    let line_start = state.last_end;
                    let row_number = state.count(bytes, end, newlines, 0);
                    if state.records > span.skip {
                        let row = CsvRow::split(line, &ends);
                        debug_assert!(
                            read_alike(&mut reader, (bytes, delimiter), line_start, &row),
                            "a plain line is split as the csv reader reads it"
                        );
                        if !row.is_blank() {
                            visit(row_number, &row);
                        }
                    }
                    if end == span.end {
                        break;
                    }
                    continue;
                }
                Next::Other => {
                    let reader = reader.get_or_insert_with(|| csv_reader_over(bytes, delimiter));
                    seek(reader, state.last_end).map_err(csv_error)?;
                }
            }
        }
        let Some(reader) = reader.as_mut() else {
            break;
        };
        if !reader.read_byte_record(&mut record).map_err(csv_error)? {
            break;
        }
        // Where the reader stands now: the end of the record,
        // blank lines before it included.
        let end = (reader.position().byte() as usize).min(bytes.len());
        let last_end = state.last_end;
        let (newlines, quoted) = newlines_and_quote(&bytes[last_end..end]);
        // A field can only hold a line break when the record is quoted.
        let stray = (quoted && state.records >= span.skip)
            .then(|| {
                stray_quote(
                    bytes,
                    (last_end, end),
                    &record,
                    delimiter,
                    width,
                    span.open_end,
                )
            })
            .flatten();
        if let Some(stray) = stray {
            let row_number = state.count_stray(bytes, stray.resume);
            visit(row_number, &stray.row(bytes, width));
            if state.last_end >= span.end.min(bytes.len()) {
                break;
            }
            reading = false;
            continue;
        }
        if let Some(read) = state.stop_before(bytes, span, end) {
            return Ok(read);
        }
        let inside: usize = if quoted {
            record.iter().map(count_newlines).sum()
        } else {
            0
        };
        let row_number = state.count(bytes, end, newlines, inside);
        if state.records > span.skip {
            // A record none of whose fields is quoted is read as written
            // in the span's text; a quoted one from its own fields.
            let written = (!quoted)
                .then(|| as_written(text, start, bytes, last_end, end, &record))
                .flatten();
            let row = written.or_else(|| CsvRow::of(&record));
            let row = row.ok_or_else(|| not_utf8(path, row_number))?;
            if !row.is_blank() {
                visit(row_number, &row);
            }
        }
        if end == span.end {
            break;
        }
        // Plain lines are split again from the next one on.
        reading = !matches!(
            plain.next(end, &mut ends),
            Next::Plain { .. } | Next::Nothing
        );
    }
    Ok(state.done())
}

/// The error of a record that is not UTF-8, at `row_number`.
fn not_utf8(path: &str, row_number: usize) -> IngestError {
    IngestError::Csv {
        path: path.to_string(),
        message: format!("line {row_number} is not valid UTF-8"),
    }
}

/// Whether the csv reader reads from `from` the record `row` holds (the
/// reader is made when there is none yet).
fn read_alike<'a>(
    reader: &mut Option<csv::Reader<Cursor<&'a [u8]>>>,
    (bytes, delimiter): (&'a [u8], u8),
    from: usize,
    row: &CsvRow<'_>,
) -> bool {
    let reader = reader.get_or_insert_with(|| csv_reader_over(bytes, delimiter));
    let mut record = csv::ByteRecord::new();
    let read = seek(reader, from).and_then(|()| reader.read_byte_record(&mut record));
    read.is_ok_and(|more| more) && row.holds(&record)
}

/// Where reading a span stands.
struct SpanState {
    /// Line breaks inside quoted fields of the records read: Excel shows
    /// one row per record and per blank line, a quoted field spanning
    /// lines is still one row.
    lines_inside_fields: usize,
    /// Line breaks up to the end of the last record.
    physical_newlines: usize,
    /// Where the last record ended (its line break included).
    last_end: usize,
    /// Records read (the header's included).
    records: usize,
}

impl SpanState {
    fn new(span: &RowSpan, start: usize) -> Self {
        Self {
            lines_inside_fields: 0,
            physical_newlines: span.lines_before,
            last_end: start,
            records: 0,
        }
    }

    /// Counts the record read from where the last one ended to `end`, with
    /// `newlines` line breaks there (blank lines before it included) and
    /// `inside` of them inside its fields; its row number.
    fn count(&mut self, bytes: &[u8], end: usize, newlines: usize, inside: usize) -> usize {
        self.physical_newlines += newlines;
        self.last_end = end;
        let terminator = usize::from(end > 0 && bytes.get(end - 1) == Some(&b'\n'));
        let start_line = (1 + self.physical_newlines).saturating_sub(terminator + inside);
        let row_number = start_line.saturating_sub(self.lines_inside_fields);
        self.lines_inside_fields += inside;
        self.records += 1;
        row_number
    }

    /// Counts a record cut short at a stray quote, whose first line ends at
    /// `resume`; its row number.
    fn count_stray(&mut self, bytes: &[u8], resume: usize) -> usize {
        let (newlines, _) = newlines_and_quote(&bytes[self.last_end..resume]);
        self.physical_newlines += newlines;
        self.last_end = resume;
        self.records += 1;
        self.physical_newlines
            .saturating_sub(self.lines_inside_fields)
    }

    /// How reading ends when the record that ends at `end` is not this
    /// span's to read; None when it is.
    fn stop_before(&self, bytes: &[u8], span: &RowSpan, end: usize) -> Option<SpanRead> {
        if span.open_end && end >= bytes.len() {
            // The record may go on in the next block.
            return Some(SpanRead {
                lines_inside_fields: self.lines_inside_fields,
                fits: true,
                stopped_at: Some(self.last_end),
            });
        }
        if end > span.end {
            // The record reaches into the next span: it is that span's
            // first record when only blank lines are left in this one;
            // otherwise the cut fell inside a quoted field and the spans do
            // not fit.
            let rest = bytes.get(self.last_end..span.end).unwrap_or_default();
            return Some(SpanRead {
                lines_inside_fields: self.lines_inside_fields,
                fits: rest.iter().all(|b| matches!(b, b'\r' | b'\n')),
                stopped_at: None,
            });
        }
        None
    }

    fn done(&self) -> SpanRead {
        SpanRead {
            lines_inside_fields: self.lines_inside_fields,
            fits: true,
            stopped_at: None,
        }
    }
}

/// The lines of a span's bytes as plain records: written on one line, with
/// no quote and no carriage return but one just before the line break.
struct PlainLines<'a> {
    bytes: &'a [u8],
    /// The span's text checked to be UTF-8, from `text_start` in `bytes`.
    text: &'a str,
    text_start: usize,
    delimiter: u8,
    /// Whether lines can be read as plain records: the text is known, and
    /// the delimiter is none of the bytes that end or quote a field.
    usable: bool,
}

/// The next record of a span's bytes.
enum Next<'a> {
    /// A plain record: its line (without the line break), where it ends
    /// (after the line break), and the line breaks from where reading
    /// stood to there (those of blank lines before it included).
    Plain {
        line: &'a str,
        end: usize,
        newlines: usize,
    },
    /// Nothing but blank lines up to the end of the bytes.
    Nothing,
    /// A record the csv reader must read.
    Other,
}

impl<'a> PlainLines<'a> {
    fn new(bytes: &'a [u8], (text, text_start): (&'a str, usize), delimiter: u8) -> Self {
        Self {
            bytes,
            text,
            text_start,
            delimiter,
            usable: !text.is_empty() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
        }
    }

    /// The record after `from` when it is plain (`ends` then holds where
    /// each of its fields ends in its line); `Other` whenever plain lines
    /// cannot be read.
    fn next(&self, from: usize, ends: &mut Vec<usize>) -> Next<'a> {
        let bytes = self.bytes;
        let mut start = from;
        let mut newlines = 0;
        loop {
            if start >= bytes.len() {
                return Next::Nothing;
            }
            let Some(offset) = self
                .usable
                .then(|| memchr::memchr(b'\n', &bytes[start..]))
                .flatten()
            else {
                return Next::Other;
            };
            let end = start + offset + 1;
            newlines += 1;
            let line = &bytes[start..end - 1];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                start = end;
                continue;
            }
            ends.clear();
            for (k, &byte) in line.iter().enumerate() {
                if byte == self.delimiter {
                    ends.push(k);
                } else if byte == b'"' || byte == b'\r' {
                    return Next::Other;
                }
            }
            ends.push(line.len());
            let Some(text) = start
                .checked_sub(self.text_start)
                .and_then(|at| self.text.get(at..at + line.len()))
            else {
                return Next::Other;
            };
            return Next::Plain {
                line: text,
                end,
                newlines,
            };
        }
    }
}

/// A csv reader over the whole of `bytes`, whose positions are those of
/// `bytes`.
fn csv_reader_over(bytes: &[u8], delimiter: u8) -> csv::Reader<Cursor<&[u8]>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Cursor::new(bytes))
}

/// Moves `reader` to byte `at`, to read the records from there.
fn seek(reader: &mut csv::Reader<Cursor<&[u8]>>, at: usize) -> csv::Result<()> {
    let mut position = csv::Position::new();
    position.set_byte(at as u64);
    reader.seek_raw(std::io::SeekFrom::Start(at as u64), position)
}

/// The text of `span` within `bytes`, checked to be UTF-8: up to its last
/// line break when its end is open (a character may go on past the bytes
/// read); None when it is not UTF-8.
pub(super) fn checked_text<'a>(bytes: &'a [u8], span: &RowSpan) -> Option<&'a str> {
    let start = span.start.min(bytes.len());
    let end = span.end.min(bytes.len()).max(start);
    let end = if span.open_end {
        memchr::memrchr(b'\n', &bytes[start..end]).map_or(start, |p| start + p + 1)
    } else {
        end
    };
    simdutf8::basic::from_utf8(&bytes[start..end]).ok()
}

/// The row of an unquoted `record` read from `bytes[from..to]` (blank lines
/// before it and its line break included) as written in `text`, the checked
/// text of the span that starts at `text_start`; None when the record lies
/// outside that text.
fn as_written<'a>(
    text: &'a str,
    text_start: usize,
    bytes: &[u8],
    from: usize,
    to: usize,
    record: &'a csv::ByteRecord,
) -> Option<CsvRow<'a>> {
    let mut content_end = to;
    for terminator in [b'\n', b'\r'] {
        if content_end > from && bytes.get(content_end - 1) == Some(&terminator) {
            content_end -= 1;
        }
    }
    let length = record.as_slice().len() + record.len().saturating_sub(1);
    let content_start = content_end.checked_sub(length).filter(|&s| s >= from)?;
    let written = text.get(content_start.checked_sub(text_start)?..content_end - text_start)?;
    let row = CsvRow::as_written(record, written)?;
    debug_assert!(
        (0..record.len()).all(|k| match row.cell(k) {
            super::Cell::Text(field) => field.as_bytes() == &record[k],
            _ => record[k].is_empty(),
        }),
        "a record read as written holds its own fields"
    );
    Some(row)
}

/// A record cut short at a stray quote (see [`stray_quote`]).
struct StrayQuote {
    /// The field whose quote is never closed where a field should end.
    field: usize,
    /// Where the record's first line starts.
    line_start: usize,
    /// Where the next line starts: reading goes on there.
    resume: usize,
}

impl StrayQuote {
    fn row<'a>(&self, bytes: &'a [u8], width: usize) -> StrayQuoteRow<'a> {
        let line = &bytes[self.line_start..self.resume];
        let line = std::str::from_utf8(line).unwrap_or_default();
        StrayQuoteRow {
            line: line.trim_end_matches(['\r', '\n']),
            field: self.field,
            width,
        }
    }
}

/// Whether the record read from `bytes[from..to]` holds a stray quote: a
/// quoted field whose line breaks swallow at least one whole line, every
/// such line reading as a record of the header's `width`, or a quoted field
/// that runs to the end of the file (not of a block, `open_end`).
fn stray_quote(
    bytes: &[u8],
    (from, to): (usize, usize),
    record: &csv::ByteRecord,
    delimiter: u8,
    width: usize,
    open_end: bool,
) -> Option<StrayQuote> {
    let field = record
        .iter()
        .position(|f| memchr::memchr(b'\n', f).is_some())?;
    let text = &bytes[from..to];
    // The record's first line (blank lines before it passed over).
    let line_start = from + text.iter().position(|b| !matches!(b, b'\r' | b'\n'))?;
    let resume = line_start + memchr::memchr(b'\n', &bytes[line_start..to])? + 1;
    let swallowed = &record[field];
    // The whole lines inside the field: all but its first and last.
    let last_break = memchr::memrchr(b'\n', swallowed)?;
    let first_break = memchr::memchr(b'\n', swallowed)?;
    let middle = swallowed
        .get(first_break + 1..last_break)
        .filter(|_| last_break > first_break);
    // Quotes come in pairs in a record read to its end: an odd count
    // means the last quoted field was never closed.
    let quotes = memchr::memchr_iter(b'"', &bytes[line_start..to]).count();
    let unclosed = to >= bytes.len() && !open_end && quotes % 2 == 1;
    let records_inside = width > 1
        && middle.is_some_and(|lines| {
            lines
                .split(|&b| b == b'\n')
                .all(|line| fields_in(line, delimiter) == width)
        });
    (unclosed || records_inside).then_some(StrayQuote {
        field,
        line_start,
        resume,
    })
}

/// The fields of one line read as a CSV record.
fn fields_in(line: &[u8], delimiter: u8) -> usize {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let mut reader = csv_reader(line, delimiter);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.len(),
        _ => 0,
    }
}

/// The row of a record cut short at a stray quote: no cell is read from
/// it; the reader of rows rejects it with a finding.
pub struct StrayQuoteRow<'a> {
    /// The record's first line, as written.
    pub line: &'a str,
    /// The field whose quote is never closed.
    pub field: usize,
    width: usize,
}

impl Row for StrayQuoteRow<'_> {
    fn cell(&self, _column: usize) -> super::Cell<'_> {
        super::Cell::Empty
    }

    fn width(&self) -> usize {
        self.width
    }

    fn is_blank(&self) -> bool {
        false
    }

    fn stray_quote(&self) -> Option<&StrayQuoteRow<'_>> {
        Some(self)
    }
}

/// The line breaks in a record's bytes (blank lines before it included), and
/// whether it holds a quote: one pass over the bytes.
fn newlines_and_quote(bytes: &[u8]) -> (usize, bool) {
    let mut newlines = 0;
    let mut quoted = false;
    for position in memchr::memchr2_iter(b'\n', b'"', bytes) {
        if bytes[position] == b'\n' {
            newlines += 1;
        } else {
            quoted = true;
        }
    }
    (newlines, quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_s_line_breaks_and_quote_in_one_pass() {
        assert_eq!(newlines_and_quote(b"a,b\n"), (1, false));
        assert_eq!(newlines_and_quote(b"\n\r\na,b\r\n"), (3, false));
        assert_eq!(newlines_and_quote(b"a,\"b\nc\"\n"), (2, true));
        assert_eq!(newlines_and_quote(b"a,b"), (0, false));
        assert_eq!(newlines_and_quote(b""), (0, false));
    }

    #[test]
    fn plain_and_quoted_records_in_turn_keep_their_rows_and_fields() {
        // Row 1 the header; a CRLF line; a blank line (row 3); a quoted
        // field over two lines, still one row (4); a quote inside a field;
        // a lone carriage return ending a record (rows count line feeds:
        // the next record is on the same row); a last line without a break.
        let text =
            "id,note,n\r\nA,một,1\r\n\r\nB,\"hai\ndòng\",2\nC,x\"y,3\nD,bốn,4\rE,,5\nF,sáu,6";
        let table = super::super::Table::from_bytes(
            "t.csv",
            super::super::Format::Csv,
            text.as_bytes().to_vec(),
            &super::super::ReadOptions::default(),
        )
        .expect("readable");
        let mut rows = Vec::new();
        table
            .for_each_row("t.csv", |number, row| {
                let cells: Vec<String> = (0..row.width())
                    .map(|k| row.cell(k).text().into_owned())
                    .collect();
                rows.push((number, cells.join("|")));
            })
            .expect("rows");
        let expected = [
            (2, "A|một|1"),
            (4, "B|hai\ndòng|2"),
            (5, "C|x\"y|3"),
            (6, "D|bốn|4"),
            (6, "E||5"),
            (7, "F|sáu|6"),
        ];
        let rows: Vec<(usize, &str)> = rows.iter().map(|(n, r)| (*n, r.as_str())).collect();
        assert_eq!(rows, expected);
    }
}
