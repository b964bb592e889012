//! Spans: a table's data rows cut into parts that are read on their own, in
//! parallel, and put back together in file order.

use super::csv_span::{checked_text, read_csv_span};
use super::csv_text::count_newlines;
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
