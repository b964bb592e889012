//! Tables read from `.csv`, `.xlsx`, `.xls` and `.ods` files: a header and
//! data rows of typed cells, read without interpreting what the columns mean.
//!
//! Real exports are messy, so the reader finds the header below a title
//! block, joins two- or three-row headers whose cells are merged
//! (`Đã xử lý / Đúng hạn`), fills merged cells across their merge, picks the
//! sheet that holds the data, decodes CSV from UTF-8, UTF-16 and the Windows
//! code pages, and detects the delimiter. It caps what it allocates from
//! what a file declares: `.xlsx` rows are streamed, other sheets held as
//! sparse tables.
//!
//! One file per job: `csv_text` reads delimited text, `workbook` opens
//! workbooks, `xlsx_stream` streams the rows of `.xlsx` sheets and
//! `xlsx_parts` finds their merged cells, `merge_fill` fills them, `grid`
//! holds other sheets whole, `header` finds and joins the header block,
//! and `spans` cuts the data rows into parts read in parallel.

mod blocks;
mod csv_span;
mod csv_text;
mod grid;
mod header;
mod merge_fill;
mod spans;
mod workbook;
mod xlsx_parts;
mod xlsx_stream;

use std::path::Path;

use calamine::Data;

pub use crate::model::Cell;
pub use blocks::{CsvBlocks, BLOCK_BYTES};
pub use spans::{RowSpan, SpanRead};

use super::encoding::UTF8_BOM;
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
    /// For a CSV record cut short at a stray quote, what is known of it
    /// (such a row is rejected, never read).
    fn stray_quote(&self) -> Option<&csv_span::StrayQuoteRow<'_>> {
        None
    }
}

/// A row of a worksheet.
pub struct SheetRow<'a>(pub &'a [Data]);

impl Row for SheetRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        self.0.get(column).map_or(Cell::Empty, cell_of)
    }

    fn width(&self) -> usize {
        self.0.len()
    }
}

/// A workbook value as a cell.
pub(super) fn cell_of(data: &Data) -> Cell<'_> {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_time_cell(dt),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A date cell of a workbook as a cell: a date-time, or its serial number
/// when it is a duration or out of range.
pub(super) fn date_time_cell(dt: &calamine::ExcelDateTime) -> Cell<'static> {
    match dt.as_datetime() {
        Some(value) if dt.is_datetime() => Cell::DateTime(value),
        _ => Cell::Number(dt.as_f64()),
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
    /// A UTF-8 CSV file larger than this is read in blocks of this many
    /// bytes; default [`BLOCK_BYTES`].
    pub block_bytes: Option<usize>,
    /// Read only the first this many bytes of a CSV file, cut after their
    /// last line break (a look at a file, as the profile suggester takes).
    pub prefix_bytes: Option<usize>,
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
    /// Rows of the header block (group rows and multi-row headers included).
    pub header_rows: usize,
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
    /// A large UTF-8 CSV file, read in blocks (see [`blocks`]).
    CsvFile {
        path: std::path::PathBuf,
        delimiter: u8,
        /// Records of the header and the lines above it.
        header_records: usize,
        /// Length of the UTF-8 byte-order mark at the file's start.
        bom_length: usize,
        /// Bytes read at a time.
        block_bytes: usize,
        /// Where the data records begin in the text: the first block holds
        /// at least this much (so that it holds the whole header).
        data_start: usize,
    },
    /// An `.xls` or `.ods` sheet, held whole.
    Sheet { grid: Grid, first_data: usize },
    /// An `.xlsx` sheet, its rows streamed (see [`xlsx_stream`]).
    XlsxSheet(Box<xlsx_stream::XlsxSheet>),
}

/// Bytes at the start of a file read in blocks in which its header is found.
const HEAD_BYTES: usize = 4 << 20;

impl Table {
    /// Opens a file and finds its header.
    pub fn open(path: &Path, options: &ReadOptions) -> Result<Self, IngestError> {
        let file = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
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
        if let (Format::Csv, Some(prefix)) = (format, options.prefix_bytes) {
            if size > prefix as u64 {
                let mut bytes = Vec::with_capacity(prefix);
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(
                        std::fs::File::open(path).map_err(|source| IngestError::Read {
                            path: file.clone(),
                            source,
                        })?,
                        prefix as u64,
                    ),
                    &mut bytes,
                )
                .map_err(|source| IngestError::Read {
                    path: file.clone(),
                    source,
                })?;
                if let Some(last) = memchr::memrchr(b'\n', &bytes) {
                    bytes.truncate(last + 1);
                }
                return Self::from_bytes(&file, format, bytes, options);
            }
        }
        let block_bytes = options.block_bytes.unwrap_or(BLOCK_BYTES);
        if format == Format::Csv
            && blocks::read_in_blocks(path, size, block_bytes, options.encoding.as_deref())
        {
            if let Some(table) = Self::open_csv_head(path, size, block_bytes, options)? {
                return Ok(table);
            }
        }
        let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
            path: file.clone(),
            source,
        })?;
        Self::from_bytes(&file, format, bytes, options)
    }

    /// Opens a large CSV file to be read in blocks: its header is found in
    /// its first megabytes. None when those are not UTF-8, or hold fewer
    /// records than the header search looks at (the file is then read whole).
    fn open_csv_head(
        path: &Path,
        size: u64,
        block_bytes: usize,
        options: &ReadOptions,
    ) -> Result<Option<Self>, IngestError> {
        use std::io::Read;
        let file = path.display().to_string();
        let read_error = |source| IngestError::Read {
            path: file.clone(),
            source,
        };
        let mut head = Vec::new();
        std::fs::File::open(path)
            .map_err(read_error)?
            .take(HEAD_BYTES.min(block_bytes.max(1 << 16)) as u64)
            .read_to_end(&mut head)
            .map_err(read_error)?;
        if (head.len() as u64) < size {
            let Some(last) = memchr::memrchr(b'\n', &head) else {
                return Ok(None);
            };
            head.truncate(last + 1);
        }
        if csv_text::count_newlines(&head) < HEADER_SEARCH_ROWS {
            return Ok(None);
        }
        let table = match Self::open_csv(&file, head, options) {
            Ok(table) => table,
            Err(IngestError::Encoding { .. }) => return Ok(None),
            Err(error) => return Err(error),
        };
        let (
            Fingerprint::OfText { bom_length },
            Body::Csv {
                delimiter,
                header_records,
                data_start,
                ..
            },
        ) = (&table.fingerprint, &table.body)
        else {
            return Ok(None);
        };
        let body = Body::CsvFile {
            path: path.to_path_buf(),
            delimiter: *delimiter,
            header_records: *header_records,
            bom_length: *bom_length,
            block_bytes,
            data_start: *data_start,
        };
        Ok(Some(Self {
            fingerprint: Fingerprint::Known(String::new()),
            body,
            ..table
        }))
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
            // Its SHA-256 is computed while the workbook is opened.
            Format::Xlsx => Self::open_workbook(file, format, bytes, options),
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
            (
                Fingerprint::OfText { .. },
                Body::Sheet { .. } | Body::XlsxSheet(_) | Body::CsvFile { .. },
            ) => String::new(),
        }
    }

    /// Whether the table comes from a CSV file (whose rows may be ragged).
    pub fn is_csv(&self) -> bool {
        matches!(self.body, Body::Csv { .. } | Body::CsvFile { .. })
    }
}

/// The first line of an error's message.
pub(super) fn one_line(error: impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The message of a workbook whose reader failed on its content.
pub(super) const NOT_PARSED: &str = "its content could not be parsed (a malformed cell reference or record); re-save it from Excel or LibreOffice";

/// An error about workbook `file`.
pub(super) fn workbook_error(file: &str, message: String) -> IngestError {
    IngestError::Workbook {
        path: file.to_string(),
        message,
    }
}

/// A text cell as workbook data (empty text is an empty cell).
pub(super) fn text_data(text: &str) -> Data {
    if text.is_empty() {
        Data::Empty
    } else {
        Data::String(text.to_string())
    }
}

/// SHA-256 of `bytes` in lower-case hex.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// Bytes in lower-case hex.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
