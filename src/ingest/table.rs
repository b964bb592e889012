//! Tables read from `.csv`, `.xlsx`, `.xls` and `.ods` files: a header and
//! data rows of typed cells, read without interpreting what the columns mean.
//!
//! Real exports are messy, so the reader finds the header below a title
//! block, joins two- or three-row headers whose cells are merged
//! (`Đã xử lý / Đúng hạn`), fills merged cells across their merge, picks the
//! sheet that holds the data, decodes CSV from UTF-8, UTF-16 and the Windows
//! code pages, and detects the delimiter. It caps what it allocates from
//! what a file declares: workbook cells are streamed into a sparse table.

use std::borrow::Cow;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{Data, DataType, Dimensions, Ods, Reader, Xls, Xlsx};

pub use crate::model::Cell;

use super::encoding::{decode_to_utf8, UTF8_BOM};
use super::IngestError;

/// Files larger than this are refused (they are read into memory whole).
pub const MAX_FILE_BYTES: u64 = 8 << 30;
/// At most this many non-empty cells are read from one sheet.
pub const MAX_CELLS: usize = 30_000_000;
/// Columns beyond this one are not read.
pub const MAX_COLUMNS: usize = 1_024;
/// At most this many uncompressed bytes may a workbook declare.
const MAX_UNCOMPRESSED_BYTES: u64 = 4 << 30;
/// A workbook part larger than this must not be compressed more than [`MAX_RATIO`] times.
const RATIO_CHECK_BYTES: u64 = 64 << 20;
const MAX_RATIO: u64 = 200;
/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 50;
/// A CSV file is cut into spans read in parallel only where each span gets
/// at least this many bytes.
pub const MIN_SPAN_BYTES: usize = 1 << 20;
/// A sheet is cut into spans only where each gets at least this many rows.
const MIN_SPAN_ROWS: usize = 10_000;

/// Access to the cells of one data row.
pub trait Row {
    /// The cell in column `column` (0-based); `Cell::Empty` past the row's end.
    fn cell(&self, column: usize) -> Cell<'_>;
    /// Number of cells in the row.
    fn width(&self) -> usize;
    /// Whether every cell is blank.
    fn is_blank(&self) -> bool {
        (0..self.width()).all(|c| self.cell(c).is_blank())
    }
}

/// A record of a CSV file: its fields, and all of them as one text checked
/// to be UTF-8 once (a field is a slice of it).
struct CsvRow<'a> {
    record: &'a csv::ByteRecord,
    text: &'a str,
}

impl<'a> CsvRow<'a> {
    /// The record's fields as text; None when they are not UTF-8.
    fn of(record: &'a csv::ByteRecord) -> Option<Self> {
        let text = simdutf8::basic::from_utf8(record.as_slice()).ok()?;
        Some(Self { record, text })
    }
}

impl Row for CsvRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.record.range(column).and_then(|r| self.text.get(r)) {
            Some(text) if !text.is_empty() => Cell::Text(text),
            _ => Cell::Empty,
        }
    }

    fn width(&self) -> usize {
        self.record.len()
    }
}

/// A row of a worksheet.
pub struct SheetRow<'a>(pub &'a [Data]);

impl Row for SheetRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.0.get(column) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => {
                Cell::Text(s)
            }
            Some(Data::Int(i)) => Cell::Number(*i as f64),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Bool(b)) => Cell::Bool(*b),
            Some(Data::DateTime(dt)) => match dt.as_datetime() {
                Some(value) if dt.is_datetime() => Cell::DateTime(value),
                _ => Cell::Number(dt.as_f64()),
            },
            Some(Data::Error(e)) => Cell::Error(e.to_string()),
        }
    }

    fn width(&self) -> usize {
        self.0.len()
    }
}

/// The format of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Excel 2007+ workbook.
    Xlsx,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

/// Which sheet to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetSelector {
    /// By name (matched after folding).
    Name(String),
    /// By 1-based position.
    Index(usize),
}

/// How to find the table in a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Sheet to read; default: the first sheet whose header is found.
    pub sheet: Option<SheetSelector>,
    /// 1-based row of the first header row; default: detected.
    pub header_row: Option<usize>,
    /// Number of header rows; default: 1, or the depth of merged header cells.
    pub header_rows: Option<usize>,
    /// CSV encoding label; default: detected.
    pub encoding: Option<String>,
    /// CSV delimiter; default: detected among `,` `;` and tab.
    pub delimiter: Option<u8>,
    /// Folded headers that identify the header row (the known headers of the fields).
    pub header_keys: Vec<String>,
}

/// A sparse grid of workbook rows (blank rows are not stored).
#[derive(Debug, Default)]
struct Grid {
    /// (1-based row number as Excel shows it, cells from column A).
    rows: Vec<(usize, Vec<Data>)>,
}

/// A table: its header and the rows below it.
pub struct Table {
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Header texts, one per column (multi-row headers joined with " / ").
    pub headers: Vec<String>,
    /// Row number (as the user sees it) of the last header row.
    pub header_row: usize,
    /// The encoding a CSV file was read with.
    pub encoding: Option<&'static str>,
    fingerprint: Fingerprint,
    body: Body,
}

/// How the SHA-256 of the file is had.
enum Fingerprint {
    /// Computed when the file was read.
    Known(String),
    /// Computed on demand from the text, which is the file less its UTF-8
    /// byte-order mark of this length: so that it can be computed while the
    /// rows are read.
    OfText {
        /// Length of the byte-order mark.
        bom_length: usize,
    },
}

enum Body {
    Csv {
        /// The file's text as UTF-8 (checked when read).
        text: Vec<u8>,
        delimiter: u8,
        /// Records of the header and the lines above it.
        header_records: usize,
        /// The byte where the data records begin.
        data_start: usize,
    },
    Sheet {
        grid: Grid,
        first_data: usize,
    },
}

impl Table {
    /// Opens a file and finds its header.
    pub fn open(path: &Path, options: &ReadOptions) -> Result<Self, IngestError> {
        let file = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        let format = match extension.as_str() {
            "csv" | "txt" | "tsv" => Format::Csv,
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            _ => return Err(IngestError::UnsupportedFormat { path: file }),
        };
        let size = std::fs::metadata(path)
            .map_err(|source| IngestError::Read {
                path: file.clone(),
                source,
            })?
            .len();
        if size > MAX_FILE_BYTES {
            return Err(IngestError::TooLarge {
                path: file,
                bytes: size,
            });
        }
        let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
            path: file.clone(),
            source,
        })?;
        Self::from_bytes(&file, format, bytes, options)
    }

    /// Reads a table from the bytes of a file; `file` names it in errors.
    pub fn from_bytes(
        file: &str,
        format: Format,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, IngestError> {
        match format {
            Format::Csv => Self::open_csv(file, bytes, options),
            _ => {
                let fingerprint = Fingerprint::Known(sha256_hex(&bytes));
                let mut table = Self::open_workbook(file, format, bytes, options)?;
                table.fingerprint = fingerprint;
                Ok(table)
            }
        }
    }

    /// SHA-256 of the file's bytes, lower-case hex, so that a report can name
    /// exactly which file it was computed from.
    pub fn sha256(&self) -> String {
        match (&self.fingerprint, &self.body) {
            (Fingerprint::OfText { bom_length }, Body::Csv { text, .. }) => {
                use sha2::{Digest, Sha256};
                let mut hasher = Sha256::new();
                hasher.update(&UTF8_BOM[..(*bom_length).min(UTF8_BOM.len())]);
                hasher.update(text);
                hex(&hasher.finalize())
            }
            (Fingerprint::Known(sha256), _) => sha256.clone(),
            (Fingerprint::OfText { .. }, Body::Sheet { .. }) => String::new(),
        }
    }

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
            } => {
                let bytes = text.as_slice();
                let data_start = (*data_start).min(bytes.len());
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
                let mut lines_before = 0;
                cuts.windows(2)
                    .enumerate()
                    .map(|(index, cut)| {
                        let lines = count_newlines(&bytes[cut[0]..cut[1]]);
                        let span = RowSpan {
                            start: cut[0],
                            end: cut[1],
                            skip: if index == 0 { *header_records } else { 0 },
                            lines_before,
                            lines,
                        };
                        lines_before += lines;
                        span
                    })
                    .collect()
            }
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
                        }
                    })
                    .collect()
            }
        }
    }

    /// Whether the table comes from a CSV file (whose rows may be ragged).
    pub fn is_csv(&self) -> bool {
        matches!(self.body, Body::Csv { .. })
    }

    fn open_csv(file: &str, bytes: Vec<u8>, options: &ReadOptions) -> Result<Self, IngestError> {
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
        let headers = join_headers(
            cells
                .get(start..(start + depth).min(cells.len()))
                .unwrap_or_default(),
        );
        if headers.iter().all(|h| h.is_empty()) {
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

    fn open_workbook(
        file: &str,
        format: Format,
        bytes: Vec<u8>,
        options: &ReadOptions,
    ) -> Result<Self, IngestError> {
        let file = file.to_string();
        let error = |message: String| IngestError::Workbook {
            path: file.clone(),
            message,
        };
        let read = || -> Result<Vec<(String, Grid, Vec<Dimensions>)>, IngestError> {
            Ok(match format {
                Format::Xlsx => {
                    check_zip_reader(Cursor::new(&bytes)).map_err(error)?;
                    let open = || Xlsx::new(Cursor::new(bytes.as_slice()));
                    let mut workbook = open().map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        // The merged cells are listed after the cells in the
                        // sheet's XML: a second reader looks for them on
                        // another core while the cells are read.
                        let (merges, grid) = rayon::join(
                            || {
                                open()
                                    .ok()
                                    .and_then(|mut other| {
                                        other.merge_cells_by_sheet_name(&name).ok()
                                    })
                                    .unwrap_or_default()
                            },
                            || stream_xlsx(&mut workbook, &name),
                        );
                        out.push((name, grid.map_err(&error)?, merges));
                    }
                    out
                }
                Format::Xls => {
                    let mut workbook =
                        Xls::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        let merges = workbook
                            .merge_cells_by_sheet_name(&name)
                            .unwrap_or_default();
                        let range = workbook
                            .worksheet_range(&name)
                            .map_err(|e| error(one_line(e)))?;
                        out.push((name, grid_of_range(&range), merges));
                    }
                    out
                }
                Format::Csv | Format::Ods => {
                    let mut workbook =
                        Ods::new(Cursor::new(bytes)).map_err(|e| error(one_line(e)))?;
                    let names = chosen_sheets(&workbook.sheet_names(), options.sheet.as_ref());
                    let mut out = Vec::new();
                    for name in names {
                        let range = workbook
                            .worksheet_range(&name)
                            .map_err(|e| error(one_line(e)))?;
                        out.push((name, grid_of_range(&range), Vec::new()));
                    }
                    out
                }
            })
        };
        // The workbook readers are third-party parsers of untrusted bytes; a
        // defect in one (such as an arithmetic overflow on an absurd cell
        // reference) must end as an error about this file, not a crash.
        let sheets = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|_| {
            error("its content could not be parsed (a malformed cell reference or record); re-save it from Excel or LibreOffice".to_string())
        })??;
        if let (Some(selector), true) = (&options.sheet, sheets.is_empty()) {
            let wanted = match selector {
                SheetSelector::Name(n) => format!("a sheet named '{n}'"),
                SheetSelector::Index(i) => format!("a sheet number {i}"),
            };
            return Err(error(format!("has no {wanted}")));
        }
        // The first sheet whose header is recognised; else the first non-empty sheet.
        let mut candidates: Vec<(usize, String, Grid, Vec<Dimensions>)> = Vec::new();
        for (name, grid, merges) in sheets {
            if grid.rows.is_empty() {
                continue;
            }
            let score = header_score(&grid, &options.header_keys);
            candidates.push((score, name, grid, merges));
        }
        let best = candidates.iter().position(|c| c.0 > 0).unwrap_or(0);
        if candidates.is_empty() {
            return Err(IngestError::Empty { path: file });
        }
        let (_, name, mut grid, merges) = candidates.swap_remove(best);
        let first_rows: Vec<Vec<Data>> = grid
            .rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .map(|(_, cells)| cells.clone())
            .collect();
        let start = match options.header_row {
            Some(row) => grid
                .rows
                .iter()
                .position(|(r, _)| *r >= row)
                .unwrap_or(grid.rows.len()),
            None => detect_header(&first_rows, &options.header_keys),
        };
        // Filled only now: a filled lower header row would otherwise name more
        // fields than the top one and be taken for the header.
        fill_merges(&mut grid, &merges);
        let header_excel_row = grid.rows.get(start).map(|(r, _)| *r).unwrap_or(1);
        let following: Vec<&Vec<Data>> = (0..3)
            .map_while(|offset| {
                grid.rows
                    .iter()
                    .find(|(r, _)| *r == header_excel_row + offset)
                    .map(|(_, cells)| cells)
            })
            .collect();
        let depth = options.header_rows.unwrap_or_else(|| {
            merged_header_depth(&merges, header_excel_row).max(continuation_depth(&following))
        });
        let last_header_row = header_excel_row + depth - 1;
        let header_cells: Vec<Vec<Data>> = grid
            .rows
            .iter()
            .filter(|(r, _)| *r >= header_excel_row && *r <= last_header_row)
            .map(|(_, cells)| cells.clone())
            .collect();
        let headers = join_headers(&header_cells);
        if headers.iter().all(|h| h.is_empty()) {
            return Err(IngestError::Empty { path: file });
        }
        let first_data = grid
            .rows
            .iter()
            .position(|(r, _)| *r > last_header_row)
            .unwrap_or(grid.rows.len());
        Ok(Self {
            sheet: Some(name),
            headers,
            header_row: last_header_row,
            encoding: None,
            fingerprint: Fingerprint::Known(String::new()),
            body: Body::Sheet { grid, first_data },
        })
    }

    /// Calls `visit` with the row number and cells of every data row below the
    /// header, fully blank rows excluded.
    pub fn for_each_row(
        &self,
        path: &str,
        visit: impl FnMut(usize, &dyn Row),
    ) -> Result<(), IngestError> {
        let whole = RowSpan {
            start: 0,
            end: usize::MAX,
            skip: match &self.body {
                Body::Csv { header_records, .. } => *header_records,
                Body::Sheet { .. } => 0,
            },
            lines_before: 0,
            lines: 0,
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
                let bytes = text.as_slice();
                let start = span.start.min(bytes.len());
                let mut reader = csv_reader(&bytes[start..], *delimiter);
                let mut record = csv::ByteRecord::new();
                // Excel shows one row per record and per blank line; a quoted
                // field spanning lines is still one row.
                let mut lines_inside_fields = 0usize;
                let mut physical_newlines = span.lines_before;
                let mut last_end = start;
                let mut records = 0usize;
                loop {
                    let more =
                        reader
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
                    let end = (start + reader.position().byte() as usize).min(bytes.len());
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
                        });
                    }
                    let record_start = last_end;
                    physical_newlines += count_newlines(&bytes[last_end..end]);
                    last_end = end;
                    let terminator = usize::from(end > 0 && bytes.get(end - 1) == Some(&b'\n'));
                    // A field can only hold a line break when the record is quoted.
                    let inside: usize = if memchr::memchr(b'"', &bytes[record_start..end]).is_some()
                    {
                        record.iter().map(count_newlines).sum()
                    } else {
                        0
                    };
                    let start_line = (1 + physical_newlines).saturating_sub(terminator + inside);
                    let row_number = start_line.saturating_sub(lines_inside_fields);
                    lines_inside_fields += inside;
                    records += 1;
                    if records > span.skip {
                        // The text was checked to be UTF-8 as a whole, and a
                        // record is cut from it at ASCII bytes.
                        let row = CsvRow::of(&record).ok_or_else(|| IngestError::Csv {
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
                })
            }
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
                })
            }
        }
    }
}

/// A stretch of a table's data rows that can be read on its own (see
/// [`Table::spans`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpan {
    /// First byte of a CSV span; first row (index among the stored rows) of a sheet span.
    start: usize,
    /// The byte (row) where the next span starts; the text's length (row count) for the last.
    end: usize,
    /// Records to pass over first: the header, in the first span.
    skip: usize,
    /// Line breaks before `start`.
    lines_before: usize,
    /// Line breaks in the span (rows of a sheet): about how many rows it holds.
    pub lines: usize,
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
}

/// The first line of an error's message.
fn one_line(error: impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Sheets to consider, in workbook order.
fn chosen_sheets(names: &[String], selector: Option<&SheetSelector>) -> Vec<String> {
    match selector {
        None => names.to_vec(),
        Some(SheetSelector::Index(i)) => names
            .get(i.saturating_sub(1))
            .cloned()
            .into_iter()
            .collect(),
        Some(SheetSelector::Name(wanted)) => {
            let key = crate::text::fold(wanted);
            names
                .iter()
                .filter(|n| crate::text::fold(n) == key)
                .take(1)
                .cloned()
                .collect()
        }
    }
}

/// Refuses workbooks that declare absurd sizes (zip bombs) before any part is inflated.
fn check_zip_reader(reader: impl Read + Seek) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| {
        format!(
            "it is not a zip archive, as .xlsx files are ({})",
            one_line(e)
        )
    })?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(one_line)?;
        let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > RATIO_CHECK_BYTES && size / compressed > MAX_RATIO {
            return Err(format!(
                "part '{}' inflates {}-fold to {} MB, which looks like a zip bomb; it was not read",
                entry.name().map(|n| n.to_string()).unwrap_or_default(),
                size / compressed,
                size >> 20
            ));
        }
    }
    if total > MAX_UNCOMPRESSED_BYTES {
        return Err(format!(
            "declares {} GB of content, more than the 4 GB the tool reads",
            total >> 30
        ));
    }
    Ok(())
}

/// Streams the cells of an `.xlsx` sheet into a sparse grid, within the caps.
/// Cells come row by row (as Excel writes them), so each row is built as its
/// cells arrive; rows out of order are put in order at the end.
fn stream_xlsx<RS: Read + Seek>(workbook: &mut Xlsx<RS>, name: &str) -> Result<Grid, String> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(one_line)?;
    let mut rows: Vec<(usize, Vec<Data>)> = Vec::new();
    let mut in_order = true;
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(one_line)? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize + 1, col as usize);
        if col >= MAX_COLUMNS || cell.get_value().is_empty() {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(format!(
                "sheet '{name}' holds more than {MAX_CELLS} cells, more than the tool reads"
            ));
        }
        let value: Data = cell.get_value().clone().into();
        match rows.last_mut() {
            Some((last, cells)) if *last == row => {
                if cells.len() <= col {
                    cells.resize(col + 1, Data::Empty);
                }
                cells[col] = value;
            }
            last => {
                in_order &= last.is_none_or(|(last, _)| *last < row);
                let mut cells = vec![Data::Empty; col + 1];
                cells[col] = value;
                rows.push((row, cells));
            }
        }
    }
    if !in_order {
        rows = merge_rows(rows);
    }
    Ok(Grid { rows })
}

/// Rows sorted by row number, the cells of rows given more than once merged
/// (a later cell wins).
fn merge_rows(mut rows: Vec<(usize, Vec<Data>)>) -> Vec<(usize, Vec<Data>)> {
    rows.sort_by_key(|(row, _)| *row);
    let mut merged: Vec<(usize, Vec<Data>)> = Vec::with_capacity(rows.len());
    for (row, cells) in rows {
        match merged.last_mut() {
            Some((last, into)) if *last == row => {
                if into.len() < cells.len() {
                    into.resize(cells.len(), Data::Empty);
                }
                for (slot, value) in into.iter_mut().zip(cells) {
                    if !value.is_empty() {
                        *slot = value;
                    }
                }
            }
            _ => merged.push((row, cells)),
        }
    }
    merged
}

/// A calamine range as a sparse grid (absolute row numbers, from column A).
fn grid_of_range(range: &calamine::Range<Data>) -> Grid {
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize, c as usize))
        .unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(|(offset, cells)| {
            let mut dense = vec![Data::Empty; first_col.min(MAX_COLUMNS)];
            dense.extend(
                cells
                    .iter()
                    .take(MAX_COLUMNS.saturating_sub(first_col))
                    .cloned(),
            );
            (first_row + offset + 1, dense)
        })
        .collect();
    Grid { rows }
}

/// Copies the value of each merged region's top-left cell into the whole region.
fn fill_merges(grid: &mut Grid, merges: &[Dimensions]) {
    for merge in merges {
        let (top, left) = (merge.start.0 as usize + 1, merge.start.1 as usize);
        let (bottom, right) = (
            merge.end.0 as usize + 1,
            (merge.end.1 as usize).min(MAX_COLUMNS - 1),
        );
        if bottom < top || right < left || (bottom - top + 1) * (right - left + 1) > 1_000_000 {
            continue;
        }
        let Some(value) = grid
            .rows
            .iter()
            .find(|(r, _)| *r == top)
            .and_then(|(_, cells)| cells.get(left).cloned())
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        for (row, cells) in grid.rows.iter_mut() {
            if *row < top || *row > bottom {
                continue;
            }
            if cells.len() <= right {
                cells.resize(right + 1, Data::Empty);
            }
            for cell in cells.iter_mut().take(right + 1).skip(left) {
                if cell.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
}

/// Header depth implied by merged cells that start on the header row and
/// reach down (a cell such as "Mã PAKN" merged over three header rows).
fn merged_header_depth(merges: &[Dimensions], header_row: usize) -> usize {
    merges
        .iter()
        .filter(|m| m.start.0 as usize + 1 == header_row)
        .map(|m| (m.end.0 - m.start.0) as usize + 1)
        .max()
        .unwrap_or(1)
        .clamp(1, 3)
}

/// Header depth implied by the rows below the header when no merge
/// information is at hand (`.ods`, CSV): a following row continues the header
/// when it holds only text, none of it a date or a number, and names a column
/// the header row leaves empty (the lower half of a merged group title).
fn continuation_depth(rows: &[&Vec<Data>]) -> usize {
    let Some(header) = rows.first() else { return 1 };
    let mut depth = 1;
    for row in rows.iter().skip(1).take(2) {
        let cells = SheetRow(row);
        let texts: Vec<(usize, Cow<'_, str>)> = (0..row.len())
            .map(|c| (c, cells.cell(c).text()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let all_text = row
            .iter()
            .all(|d| matches!(d, Data::Empty | Data::String(_)));
        let no_values = texts.iter().all(|(_, t)| {
            crate::calendar::parse::parse_date_cell(&Cell::Text(t)).is_err()
                && super::numbers::parse_number(t).is_none()
        });
        let fills_gap = texts
            .iter()
            .any(|(c, _)| SheetRow(header).cell(*c).is_blank());
        if texts.is_empty() || !all_text || !no_values || !fills_gap {
            break;
        }
        depth += 1;
    }
    depth
}

/// Joins the header rows column by column: distinct non-empty parts, top
/// first, separated by " / ".
fn join_headers(rows: &[Vec<Data>]) -> Vec<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|col| {
            let mut parts: Vec<String> = Vec::new();
            for row in rows {
                let text = SheetRow(row).cell(col).text().trim().to_string();
                if !text.is_empty() && parts.last() != Some(&text) && !parts.contains(&text) {
                    parts.push(text);
                }
            }
            parts.join(" / ")
        })
        .collect()
}

/// How many cells of a row name known headers.
fn matches_in_row(cells: &[Data], keys: &[String]) -> usize {
    let row = SheetRow(cells);
    (0..cells.len())
        .filter(|&c| {
            let text = row.cell(c).text();
            !text.is_empty() && {
                let folded = crate::text::fold(&text);
                keys.iter()
                    .any(|k| *k == folded || folded.ends_with(&format!(" {k}")))
            }
        })
        .count()
}

fn header_score(grid: &Grid, keys: &[String]) -> usize {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|(_, cells)| matches_in_row(cells, keys))
        .max()
        .unwrap_or(0)
}

/// The index (among `rows`) of the header row: the row naming the most known
/// headers; without any, the first row with at least two non-empty cells (a
/// title block has one long cell per row), else the first row.
fn detect_header(rows: &[Vec<Data>], keys: &[String]) -> usize {
    let best = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (matches_in_row(r, keys), i))
        .filter(|(score, _)| *score > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    match best {
        Some((_, index)) => index,
        None => rows
            .iter()
            .position(|r| {
                let mut values: Vec<String> = r
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(|c| c.to_string())
                    .collect();
                values.dedup();
                values.len() >= 2
            })
            .or_else(|| rows.iter().position(|r| r.iter().any(|c| !c.is_empty())))
            .unwrap_or(0),
    }
}

/// A text cell as workbook data (empty text is an empty cell).
fn text_data(text: &str) -> Data {
    if text.is_empty() {
        Data::Empty
    } else {
        Data::String(text.to_string())
    }
}

/// SHA-256 of `bytes` in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// Bytes in lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn csv_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// The delimiter among `,` `;` and tab that splits the first lines most
/// consistently (most fields, the same count on each line).
fn detect_delimiter(text: &[u8]) -> u8 {
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

    #[test]
    fn headers_join_merged_rows() {
        let row = |cells: &[&str]| -> Vec<Data> { cells.iter().map(|c| text_data(c)).collect() };
        let joined = join_headers(&[
            row(&["Mã PAKN", "Đã xử lý", "Đã xử lý"]),
            row(&["Mã PAKN", "Tổng số", "Đúng hạn"]),
        ]);
        assert_eq!(
            joined,
            vec!["Mã PAKN", "Đã xử lý / Tổng số", "Đã xử lý / Đúng hạn"]
        );
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
                        rows.push((n, row.cell(0).text().into_owned()))
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

    #[test]
    fn rows_given_out_of_order_are_sorted_and_merged() {
        let cell = |text: &str| Data::String(text.to_string());
        let rows = vec![
            (3, vec![cell("c")]),
            (1, vec![cell("a"), Data::Empty]),
            (3, vec![Data::Empty, cell("d")]),
            (2, vec![cell("b")]),
        ];
        let merged = merge_rows(rows);
        let numbers: Vec<usize> = merged.iter().map(|(row, _)| *row).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        assert_eq!(merged[2].1, vec![cell("c"), cell("d")]);
    }

    #[test]
    fn the_sha256_is_of_the_file_as_it_was_whatever_its_encoding() {
        let utf8 = "id,tên\n1,Đường\n".as_bytes().to_vec();
        let with_bom = [UTF8_BOM.as_slice(), &utf8].concat();
        // "Đường" in Windows-1258.
        let windows_1258 = [
            b"id,ten\n1,".as_slice(),
            &[0xD0, 0xFD, 0xF5, 0xCC, b'n', b'g', b'\n'],
        ]
        .concat();
        for bytes in [utf8, with_bom, windows_1258] {
            let table =
                Table::from_bytes("t.csv", Format::Csv, bytes.clone(), &ReadOptions::default())
                    .expect("readable");
            assert_eq!(table.sha256(), sha256_hex(&bytes));
        }
    }
}
