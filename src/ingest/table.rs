//! Tables read from `.csv` and `.xlsx` files: a header row and data rows of
//! typed cells, read without interpreting what the columns mean.

use std::borrow::Cow;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use chrono::NaiveDateTime;

use super::IngestError;

/// One cell as found in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell, and text cells of workbooks).
    Text(&'a str),
    /// A number cell.
    Number(f64),
    /// A date or date-time cell of a workbook.
    DateTime(NaiveDateTime),
    /// A boolean cell.
    Bool(bool),
    /// An Excel error value such as `#N/A`.
    Error(String),
}

impl<'a> Cell<'a> {
    /// Whether the cell holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it.
    pub fn text(&self) -> Cow<'a, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Cow::Owned(format!("{}", *n as i64))
            }
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::DateTime(dt) => Cow::Owned(dt.format("%d/%m/%Y %H:%M:%S").to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
            Cell::Error(e) => Cow::Owned(e.clone()),
        }
    }
}

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

impl Row for csv::StringRecord {
    fn cell(&self, column: usize) -> Cell<'_> {
        match self.get(column) {
            Some(text) if !text.is_empty() => Cell::Text(text),
            _ => Cell::Empty,
        }
    }

    fn width(&self) -> usize {
        self.len()
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
            Some(Data::Error(e)) => Cell::Error(format!("#{e:?}")),
        }
    }

    fn width(&self) -> usize {
        self.0.len()
    }
}

/// A table: its header and the rows below it.
pub struct Table {
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Header texts, one per column.
    pub headers: Vec<String>,
    /// Row number (as the user sees it) of the header.
    pub header_row: usize,
    body: Body,
}

enum Body {
    Csv {
        text: String,
        delimiter: u8,
    },
    Sheet {
        range: Range<Data>,
        first_row: usize,
        header_index: usize,
    },
}

impl Table {
    /// Opens a `.csv`, `.xlsx`, `.xlsm`, `.xls` or `.ods` file and reads its header.
    pub fn open(path: &Path) -> Result<Self, IngestError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "csv" | "txt" => Self::open_csv(path),
            "xlsx" | "xlsm" | "xls" | "ods" => Self::open_workbook(path),
            _ => Err(IngestError::UnsupportedFormat {
                path: path.display().to_string(),
            }),
        }
    }

    fn open_csv(path: &Path) -> Result<Self, IngestError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
            path: file.clone(),
            source,
        })?;
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .map(<[u8]>::to_vec)
            .unwrap_or(bytes);
        let text =
            String::from_utf8(bytes).map_err(|_| IngestError::NotUtf8 { path: file.clone() })?;
        let first_line = text.lines().next().unwrap_or_default();
        let delimiter = detect_delimiter(first_line);
        let mut reader = csv_reader(&text, delimiter);
        let mut header = csv::StringRecord::new();
        let has_header = reader
            .read_record(&mut header)
            .map_err(|e| IngestError::Csv {
                path: file.clone(),
                message: e.to_string(),
            })?;
        if !has_header {
            return Err(IngestError::Empty { path: file });
        }
        let headers = header.iter().map(|h| h.trim().to_string()).collect();
        Ok(Self {
            sheet: None,
            headers,
            header_row: 1,
            body: Body::Csv { text, delimiter },
        })
    }

    fn open_workbook(path: &Path) -> Result<Self, IngestError> {
        let file = path.display().to_string();
        let mut workbook = open_workbook_auto(path).map_err(|e| IngestError::Workbook {
            path: file.clone(),
            message: e.to_string(),
        })?;
        for name in workbook.sheet_names() {
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| IngestError::Workbook {
                    path: file.clone(),
                    message: e.to_string(),
                })?;
            let Some(header_index) = range.rows().position(|row| !SheetRow(row).is_blank()) else {
                continue;
            };
            let first_row = range.start().map(|(r, _)| r as usize + 1).unwrap_or(1);
            let headers = range
                .rows()
                .nth(header_index)
                .map(|row| {
                    (0..row.len())
                        .map(|c| SheetRow(row).cell(c).text().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            return Ok(Self {
                sheet: Some(name),
                headers,
                header_row: first_row + header_index,
                body: Body::Sheet {
                    range,
                    first_row,
                    header_index,
                },
            });
        }
        Err(IngestError::Empty { path: file })
    }

    /// Calls `visit` with the row number and cells of every data row below the
    /// header, fully blank rows excluded.
    pub fn for_each_row(
        &self,
        path: &str,
        mut visit: impl FnMut(usize, &dyn Row),
    ) -> Result<(), IngestError> {
        match &self.body {
            Body::Csv { text, delimiter } => {
                let mut reader = csv_reader(text, *delimiter);
                let mut record = csv::StringRecord::new();
                // Excel shows one row per record and per blank line; a quoted
                // field spanning lines is still one row.
                let mut lines_inside_fields = 0usize;
                let mut physical_newlines = 0usize;
                let mut last_end = 0usize;
                let mut header_seen = false;
                loop {
                    let more = reader
                        .read_record(&mut record)
                        .map_err(|e| IngestError::Csv {
                            path: path.to_string(),
                            message: e.to_string(),
                        })?;
                    if !more {
                        break;
                    }
                    // Count lines up to the end of the record, where the reader
                    // stands now: blank lines before it are included.
                    let end = (reader.position().byte() as usize).min(text.len());
                    physical_newlines +=
                        count_newlines(text.as_bytes().get(last_end..end).unwrap_or_default());
                    last_end = end;
                    let terminator =
                        usize::from(end > 0 && text.as_bytes().get(end - 1) == Some(&b'\n'));
                    let inside: usize = record.iter().map(|f| count_newlines(f.as_bytes())).sum();
                    let start_line = (1 + physical_newlines).saturating_sub(terminator + inside);
                    let row_number = start_line.saturating_sub(lines_inside_fields);
                    lines_inside_fields += inside;
                    if !header_seen {
                        header_seen = true;
                        continue;
                    }
                    if !record.is_blank() {
                        visit(row_number, &record);
                    }
                }
            }
            Body::Sheet {
                range,
                first_row,
                header_index,
            } => {
                for (offset, row) in range.rows().enumerate().skip(header_index + 1) {
                    let row = SheetRow(row);
                    if !row.is_blank() {
                        visit(first_row + offset, &row);
                    }
                }
            }
        }
        Ok(())
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// Picks `;` when the header line has more semicolons than commas, else `,`.
fn detect_delimiter(header_line: &str) -> u8 {
    let commas = header_line.matches(',').count();
    let semicolons = header_line.matches(';').count();
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}
