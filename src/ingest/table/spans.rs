//! Spans: a table's data rows cut into parts that are read on their own, in
//! parallel, and put back together in file order.

use super::csv_text::{count_newlines, csv_reader, CsvRow};
use super::{Body, Row, SheetRow, Table, MIN_SPAN_BYTES, MIN_SPAN_ROWS};
use crate::ingest::IngestError;

impl Table {
    /// The table's data rows cut into at most `parts` spans that can be
    /// read independently (in parallel): a CSV file of a few megabytes or more
    /// is cut just after line breaks near equal shares of its bytes; a sheet
    /// of many rows into equal shares of its rows.
    pub fn spans(&self, parts: usize) -> Vec<RowSpan> {
        match &self.body {
            Body::Csv {
                text,
                header_records,
                data_start,
                ..
            } => cut_spans(text, *data_start, parts, *header_records, 0, false),
            // Read block by block (see `Table::csv_blocks`).
            Body::CsvFile { .. } => Vec::new(),
            Body::Sheet { grid, first_data } => {
                let first = (*first_data).min(grid.rows.len());
                let rows = grid.rows.len() - first;
                let parts = parts.clamp(1, (rows / MIN_SPAN_ROWS).max(1));
                (0..parts)
                    .map(|part| {
                        let start = first + rows * part / parts;
                        let end = first + rows * (part + 1) / parts;
                        RowSpan {
                            start,
                            end,
                            skip: 0,
                            lines_before: 0,
                            lines: end - start,
                            open_end: false,
                        }
                    })
                    .collect()
            }
            // Streamed in order, as one span.
            Body::XlsxSheet(sheet) => vec![RowSpan {
                start: 0,
                end: usize::MAX,
                skip: 0,
                lines_before: 0,
                lines: sheet.declared_rows(),
                open_end: false,
            }],
        }
    }

    /// Calls `visit` with the row number and cells of every data row below the
    /// header, fully blank rows excluded.
    pub fn for_each_row(
        &self,
        path: &str,
        visit: impl FnMut(usize, &dyn Row),
    ) -> Result<(), IngestError> {
        if let Body::XlsxSheet(sheet) = &self.body {
            // Read from the sorted sheet: rows that stream out of order
            // could not be taken back from `visit`.
            sheet.stop();
            return sheet.read(path, visit).map(|_| ());
        }
        let whole = RowSpan {
            start: 0,
            end: usize::MAX,
            skip: match &self.body {
                Body::Csv { header_records, .. } | Body::CsvFile { header_records, .. } => {
                    *header_records
                }
                Body::Sheet { .. } | Body::XlsxSheet(_) => 0,
            },
            lines_before: 0,
            lines: 0,
            open_end: false,
        };
        self.for_each_row_in(&whole, path, visit).map(|_| ())
    }

    /// As [`Table::for_each_row`], for the rows of one span. Row numbers
    /// count the line breaks inside quoted fields of the span's own rows
    /// only: the caller moves them up by those of the spans before (see
    /// [`SpanRead`]).
    pub fn for_each_row_in(
        &self,
        span: &RowSpan,
        path: &str,
        mut visit: impl FnMut(usize, &dyn Row),
    ) -> Result<SpanRead, IngestError> {
        match &self.body {
            Body::Csv {
                text, delimiter, ..
            } => {
                let checked = checked_text(text, span).unwrap_or_default();
                read_csv_span(
                    (text, checked),
                    *delimiter,
                    self.headers.len(),
                    span,
                    path,
                    visit,
                )
            }
            Body::CsvFile { .. } => {
                let mut blocks = self.csv_blocks(path, usize::MAX)?;
                let mut read = SpanRead {
                    lines_inside_fields: 0,
                    fits: true,
                    stopped_at: None,
                };
                while blocks.fill()? {
                    let whole = blocks.whole_span();
                    // Rows are moved up by the line breaks inside quoted
                    // fields of the blocks before.
                    let above = read.lines_inside_fields;
                    let more = blocks.read_span(&whole, path, |row_number, row| {
                        visit(row_number.saturating_sub(above), row);
                    })?;
                    let consumed = more.stopped_at.unwrap_or(blocks.len());
                    if !blocks.too_short(consumed) {
                        read.lines_inside_fields += more.lines_inside_fields;
                    }
                    blocks.consume(consumed, &[whole]);
                }
                Ok(read)
            }
            Body::XlsxSheet(sheet) => Ok(SpanRead {
                lines_inside_fields: 0,
                fits: sheet.read(path, visit)?,
                stopped_at: None,
            }),
            Body::Sheet { grid, first_data } => {
                let rows = grid
                    .rows
                    .get(span.start.max(*first_data)..span.end.min(grid.rows.len()));
                for (row_number, cells) in rows.unwrap_or_default() {
                    let row = SheetRow(cells);
                    if !row.is_blank() {
                        visit(*row_number, &row);
                    }
                }
                Ok(SpanRead {
                    lines_inside_fields: 0,
                    fits: true,
                    stopped_at: None,
                })
            }
        }
    }
}

/// `bytes` cut into at most `parts` spans just after line breaks near equal
/// shares of the bytes from `data_start` (spans of a few megabytes at
/// least); the first skips `skip` records, `lines_before` line breaks come
/// before `bytes`, and the last span has an open end when `open_end`.
pub(super) fn cut_spans(
    bytes: &[u8],
    data_start: usize,
    parts: usize,
    skip: usize,
    lines_before: usize,
    open_end: bool,
) -> Vec<RowSpan> {
    let data_start = data_start.min(bytes.len());
    let body = bytes.len() - data_start;
    let parts = parts.clamp(1, (body / MIN_SPAN_BYTES).max(1));
    let mut cuts = vec![0];
    for part in 1..parts {
        let target = data_start + body / parts * part;
        let Some(line_end) = memchr::memchr(b'\n', &bytes[target..]) else {
            break;
        };
        let cut = target + line_end + 1;
        if cut < bytes.len() && cuts.last().is_some_and(|&last| cut > last) {
            cuts.push(cut);
        }
    }
    cuts.push(bytes.len());
    let mut lines_before = lines_before;
    let last = cuts.len() - 2;
    cuts.windows(2)
        .enumerate()
        .map(|(index, cut)| {
            let lines = count_newlines(&bytes[cut[0]..cut[1]]);
            let span = RowSpan {
                start: cut[0],
                end: cut[1],
                skip: if index == 0 { skip } else { 0 },
                lines_before,
                lines,
                open_end: open_end && index == last,
            };
            lines_before += lines;
            span
        })
        .collect()
}

/// Reads the CSV records of `span` within `bytes`, whose `text` is the
/// span's text checked to be UTF-8 (see [`checked_text`]; empty when it is
/// not known: each record is then checked on its own) (see
/// [`Table::for_each_row_in`]), whose header has `width` fields. A span
/// with an open end stops before a record that reaches the end of `bytes`
/// (it may go on in bytes not read yet) and says where that record starts.
///
/// A record whose quoted field swallows whole lines that each read as a
/// record of the header's width, or runs to the end of the file, holds a
/// stray quote: it is handed over as a [`StrayQuoteRow`] (rejected with a
/// finding by the reader of rows) and reading goes on with the next line.
pub(super) fn read_csv_span(
    (bytes, text): (&[u8], &str),
    delimiter: u8,
    width: usize,
    span: &RowSpan,
    path: &str,
    mut visit: impl FnMut(usize, &dyn Row),
) -> Result<SpanRead, IngestError> {
    let start = span.start.min(bytes.len());
    // Where the reader started: it starts again after a stray quote.
    let mut base = start;
    let mut reader = csv_reader(&bytes[base..], delimiter);
    let mut record = csv::ByteRecord::new();
    // Excel shows one row per record and per blank line; a quoted
    // field spanning lines is still one row.
    let mut lines_inside_fields = 0usize;
    let mut physical_newlines = span.lines_before;
    let mut last_end = start;
    let mut records = 0usize;
    loop {
        let more = reader
            .read_byte_record(&mut record)
            .map_err(|e| IngestError::Csv {
                path: path.to_string(),
                message: e.to_string(),
            })?;
        if !more {
            break;
        }
        // Where the reader stands now: the end of the record,
        // blank lines before it included.
        let end = (base + reader.position().byte() as usize).min(bytes.len());
        let (newlines, quoted) = newlines_and_quote(&bytes[last_end..end]);
        // A field can only hold a line break when the record is quoted.
        let stray = (quoted && records >= span.skip)
            .then(|| {
                stray_quote(
                    bytes,
                    last_end,
                    end,
                    &record,
                    delimiter,
                    width,
                    span.open_end,
                )
            })
            .flatten();
        if let Some(stray) = stray {
            let (newlines, _) = newlines_and_quote(&bytes[last_end..stray.resume]);
            physical_newlines += newlines;
            let row_number = physical_newlines.saturating_sub(lines_inside_fields);
            last_end = stray.resume;
            records += 1;
            visit(row_number, &stray.row(bytes, width));
            if last_end >= span.end.min(bytes.len()) {
                break;
            }
            base = last_end;
            reader = csv_reader(&bytes[base..], delimiter);
            continue;
        }
        if span.open_end && end >= bytes.len() {
            // The record may go on in the next block.
            return Ok(SpanRead {
                lines_inside_fields,
                fits: true,
                stopped_at: Some(last_end),
            });
        }
        if end > span.end {
            // The record reaches into the next span: it is that
            // span's first record when only blank lines are left
            // in this one; otherwise the cut fell inside a quoted
            // field and the spans do not fit.
            let rest = bytes.get(last_end..span.end).unwrap_or_default();
            let fits = rest.iter().all(|b| matches!(b, b'\r' | b'\n'));
            return Ok(SpanRead {
                lines_inside_fields,
                fits,
                stopped_at: None,
            });
        }
        physical_newlines += newlines;
        let record_start = last_end;
        last_end = end;
        let terminator = usize::from(end > 0 && bytes.get(end - 1) == Some(&b'\n'));
        let inside: usize = if quoted {
            record.iter().map(count_newlines).sum()
        } else {
            0
        };
        let start_line = (1 + physical_newlines).saturating_sub(terminator + inside);
        let row_number = start_line.saturating_sub(lines_inside_fields);
        lines_inside_fields += inside;
        records += 1;
        if records > span.skip {
            // A record none of whose fields is quoted is read as written
            // in the span's text; a quoted one from its own fields.
            let written = (!quoted)
                .then(|| as_written(text, start, bytes, record_start, end, &record))
                .flatten();
            let row = written.or_else(|| CsvRow::of(&record));
            let row = row.ok_or_else(|| IngestError::Csv {
                path: path.to_string(),
                message: format!("line {row_number} is not valid UTF-8"),
            })?;
            if !row.is_blank() {
                visit(row_number, &row);
            }
        }
        if end == span.end {
            break;
        }
    }
    Ok(SpanRead {
        lines_inside_fields,
        fits: true,
        stopped_at: None,
    })
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
    from: usize,
    to: usize,
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

/// A stretch of a table's data rows that can be read on its own (see
/// [`Table::spans`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpan {
    /// First byte of a CSV span; first row (index among the stored rows) of a sheet span.
    pub(super) start: usize,
    /// The byte (row) where the next span starts; the text's length (row count) for the last.
    pub(super) end: usize,
    /// Records to pass over first: the header, in the first span.
    pub(super) skip: usize,
    /// Line breaks before `start`.
    pub(super) lines_before: usize,
    /// Line breaks in the span (rows of a sheet): about how many rows it holds.
    pub lines: usize,
    /// The span ends where the bytes read so far end, which may be inside a
    /// record (a block of a file read in blocks, not its last).
    pub(super) open_end: bool,
}

/// What reading one span found out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanRead {
    /// Line breaks inside quoted fields of the span's records: the rows of
    /// every later span are that many rows higher up than their lines.
    pub lines_inside_fields: usize,
    /// Whether the span's last record ended where the next span starts. When
    /// not, the cut fell inside a quoted field and the file must be read as
    /// one span.
    pub fits: bool,
    /// For a span with an open end: where the record that may go on past
    /// the bytes read starts (nothing from there was read).
    pub stopped_at: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::super::{Format, ReadOptions};
    use super::*;

    #[test]
    fn a_record_s_line_breaks_and_quote_in_one_pass() {
        assert_eq!(newlines_and_quote(b"a,b\n"), (1, false));
        assert_eq!(newlines_and_quote(b"\n\r\na,b\r\n"), (3, false));
        assert_eq!(newlines_and_quote(b"a,\"b\nc\"\n"), (2, true));
        assert_eq!(newlines_and_quote(b"a,b"), (0, false));
        assert_eq!(newlines_and_quote(b""), (0, false));
    }

    /// The rows (number and first cell) of each span, and whether each fits.
    fn read_spans(text: &str, parts: usize) -> Vec<(Vec<(usize, String)>, bool)> {
        let table = Table::from_bytes(
            "t.csv",
            Format::Csv,
            text.as_bytes().to_vec(),
            &ReadOptions::default(),
        )
        .expect("readable");
        table
            .spans(parts)
            .iter()
            .map(|span| {
                let mut rows = Vec::new();
                let read = table
                    .for_each_row_in(span, "t.csv", |n, row| {
                        rows.push((n, row.cell(0).text().into_owned()));
                    })
                    .expect("rows");
                (rows, read.fits)
            })
            .collect()
    }

    #[test]
    fn spans_cut_at_line_breaks_hold_every_row_once() {
        // CRLF line ends and a blank line: 3 MB in three spans.
        let mut text = String::from("id,x\r\n");
        for k in 1..=150_000 {
            text.push_str(&format!("R{k},mười chín\r\n"));
            if k == 100_000 {
                text.push_str("\r\n");
            }
        }
        let spans = read_spans(&text, 3);
        assert_eq!(spans.len(), 3);
        assert!(spans.iter().all(|(_, fits)| *fits));
        let rows: Vec<(usize, String)> = spans.into_iter().flat_map(|(rows, _)| rows).collect();
        assert_eq!(rows.len(), 150_000);
        for (index, (row, id)) in rows.iter().enumerate() {
            let k = index + 1;
            assert_eq!(id, &format!("R{k}"));
            assert_eq!(*row, if k <= 100_000 { k + 1 } else { k + 2 });
        }
    }

    #[test]
    fn a_cut_inside_a_quoted_field_does_not_fit() {
        let mut text = String::from("id,note\n1,\"");
        text.push_str(&"dòng\n".repeat(600_000));
        text.push_str("\"\n2,b\n");
        let spans = read_spans(&text, 2);
        assert_eq!(spans.len(), 2);
        assert!(!spans[0].1);
        let whole = read_spans(&text, 1);
        let ids: Vec<&str> = whole[0].0.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, vec!["1", "2"]);
        assert_eq!(whole[0].0[1].0, 3);
    }

    #[test]
    fn small_files_are_one_span() {
        assert_eq!(read_spans("id\n1\n2\n", 8).len(), 1);
    }
}
