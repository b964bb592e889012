//! The rows of an `.xlsx` sheet as calamine's cell reader yields them: read
//! on a thread of their own and handed over in chunks while the rows before
//! are checked on another core, merged cells filled as the rows go by, so
//! that the sheet is never held whole.
//!
//! Excel and LibreOffice write a sheet's rows in order. A sheet whose rows
//! come out of order (or a row twice) is read again through a sorted grid,
//! as `.xls` and `.ods` sheets are.

use std::io::Cursor;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};

use calamine::{CellErrorType, Data, DataRef, Dimensions, ExcelDateTime, Reader, Xlsx};

use super::grid::{fill_merges, for_each_cell, put, xlsx_grid};
use super::merge_fill::MergeFill;
use super::{date_time_cell, one_line, workbook_error, Cell, Grid, Row, SheetRow, NOT_PARSED};
use crate::ingest::IngestError;

/// The bytes of a workbook, shared by the cell reader's thread and the
/// readers that look at other parts of the package.
#[derive(Clone)]
pub(super) struct SharedBytes(pub Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// An `.xlsx` workbook over shared bytes.
pub(super) type Workbook = Xlsx<Cursor<SharedBytes>>;

/// Rows handed over at a time (fewer when their text passes [`CHUNK_TEXT`]).
const CHUNK_ROWS: usize = 4_096;
/// Bytes of text after which a chunk is handed over.
const CHUNK_TEXT: usize = 1 << 20;
/// Chunks the reader may be ahead of the rows checked: room for the rows
/// read while the merged cells are looked for (at most about 128 MB of
/// text and as much of cells).
const CHUNKS_AHEAD: usize = 128;

/// One cell's value as handed over, its text held by its chunk: so that the
/// reader's thread allocates nothing the checking thread frees.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(Span),
    DateTimeIso(Span),
    DurationIso(Span),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(ExcelDateTime),
    Error(CellErrorType),
}

/// A text's place in its chunk's text.
type Span = (usize, usize);

/// Rows of a sheet, in order: their cells as (column, value), their texts
/// in one buffer.
#[derive(Default)]
pub(super) struct Chunk {
    text: String,
    cells: Vec<(usize, Value)>,
    /// (1-based row number, end of its cells in `cells`).
    rows: Vec<(usize, usize)>,
}

impl Chunk {
    fn with_capacity(rows: usize) -> Self {
        Self {
            text: String::new(),
            cells: Vec::with_capacity(rows * 8),
            rows: Vec::with_capacity(rows),
        }
    }

    /// The chunk emptied, its room kept.
    fn cleared(mut self) -> Self {
        self.text.clear();
        self.cells.clear();
        self.rows.clear();
        self
    }

    fn span(&mut self, text: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(text);
        (start, self.text.len())
    }

    /// Adds a cell to the last row.
    fn push(&mut self, col: usize, value: &DataRef<'_>) {
        let value = match value {
            DataRef::String(s) => Value::Text(self.span(s)),
            DataRef::SharedString(s) => Value::Text(self.span(s)),
            DataRef::DateTimeIso(s) => Value::DateTimeIso(self.span(s)),
            DataRef::DurationIso(s) => Value::DurationIso(self.span(s)),
            DataRef::Int(i) => Value::Int(*i),
            DataRef::Float(f) => Value::Float(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(dt) => Value::DateTime(*dt),
            DataRef::Error(e) => Value::Error(e.clone()),
            DataRef::Empty => return,
        };
        self.cells.push((col, value));
        if let Some(row) = self.rows.last_mut() {
            row.1 = self.cells.len();
        }
    }

    /// The cells of the `index`-th row.
    fn row_cells(&self, index: usize) -> &[(usize, Value)] {
        let start = index.checked_sub(1).map_or(0, |before| self.rows[before].1);
        &self.cells[start..self.rows[index].1]
    }

    fn text(&self, (start, end): Span) -> &str {
        &self.text[start..end]
    }

    /// A value as a cell.
    fn cell(&self, value: &Value) -> Cell<'_> {
        match value {
            Value::Text(span) | Value::DateTimeIso(span) | Value::DurationIso(span) => {
                Cell::Text(self.text(*span))
            }
            Value::Int(i) => Cell::Number(*i as f64),
            Value::Float(f) => Cell::Number(*f),
            Value::Bool(b) => Cell::Bool(*b),
            Value::DateTime(dt) => date_time_cell(dt),
            Value::Error(e) => Cell::Error(e.to_string()),
        }
    }

    /// A value as workbook data.
    fn data(&self, value: &Value) -> Data {
        match value {
            Value::Text(span) => Data::String(self.text(*span).to_string()),
            Value::DateTimeIso(span) => Data::DateTimeIso(self.text(*span).to_string()),
            Value::DurationIso(span) => Data::DurationIso(self.text(*span).to_string()),
            Value::Int(i) => Data::Int(*i),
            Value::Float(f) => Data::Float(*f),
            Value::Bool(b) => Data::Bool(*b),
            Value::DateTime(dt) => Data::DateTime(*dt),
            Value::Error(e) => Data::Error(e.clone()),
        }
    }

    /// The `index`-th row's cells from column A (a later cell of a column wins).
    fn row_data(&self, index: usize) -> Vec<Data> {
        let mut cells = Vec::new();
        for (col, value) in self.row_cells(index) {
            put(&mut cells, *col, self.data(value));
        }
        cells
    }
}

/// What the cell reader's thread hands over.
enum Piece {
    /// The rows the sheet declares it spans (first, when it declares them).
    Declared(usize),
    /// The next rows, in order.
    Rows(Chunk),
    /// Every row has been handed over.
    End,
    /// A row (this one) came before one already handed over: the sheet
    /// must be sorted.
    OutOfOrder(usize),
    /// The sheet could not be read (the reader's message).
    Failed(String),
}

/// The rows of a sheet being read: those received so far, and the rest to come.
pub(super) struct RowStream {
    /// Chunks received and not yet handed on.
    received: Vec<Chunk>,
    pieces: Receiver<Piece>,
    /// Chunks read, handed back to the reader's thread to be filled again
    /// (their memory reused rather than fresh pages faulted in).
    emptied: Sender<Chunk>,
    /// How the rows ended, once every row has been received.
    ended: Option<StreamEnd>,
    /// The rows the sheet declares it spans, once told.
    declared: usize,
}

/// How reading a stream ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum StreamEnd {
    /// Every row was read.
    Read,
    /// A row (this one) came out of order; those visited must be read
    /// again, sorted.
    OutOfOrder(usize),
}

impl RowStream {
    /// Starts reading the cells of sheet `name` of `workbook` on a thread of its own.
    pub(super) fn start(workbook: Workbook, name: String) -> Self {
        let (sender, pieces) = sync_channel(CHUNKS_AHEAD);
        let (emptied, to_refill) = channel();
        std::thread::spawn(move || {
            let failed = sender.clone();
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                produce(workbook, &name, &sender, &to_refill)
            }));
            let piece = match run {
                Ok(Ok(())) => return,
                Ok(Err(message)) => Piece::Failed(message),
                Err(_) => Piece::Failed(NOT_PARSED.to_string()),
            };
            let _ = failed.send(piece);
        });
        Self {
            received: Vec::new(),
            pieces,
            emptied,
            ended: None,
            declared: 0,
        }
    }

    /// Whether every row has been received.
    pub(super) fn ended(&self) -> bool {
        self.ended.is_some()
    }

    /// Whether rows came out of order before every row was received.
    pub(super) fn out_of_order(&self) -> bool {
        matches!(self.ended, Some(StreamEnd::OutOfOrder(_)))
    }

    /// The rows received so far, as a grid.
    pub(super) fn received_grid(&self) -> Grid {
        let rows = self
            .received
            .iter()
            .flat_map(|chunk| {
                (0..chunk.rows.len()).map(move |index| (chunk.rows[index].0, chunk.row_data(index)))
            })
            .collect();
        Grid { rows }
    }

    /// Receives rows until at least `rows` have come and the last is
    /// numbered `through` or more, or every row has come. Errors are the
    /// reader's message.
    pub(super) fn receive_until(&mut self, rows: usize, through: usize) -> Result<(), String> {
        let held = |received: &[Chunk]| {
            let count: usize = received.iter().map(|chunk| chunk.rows.len()).sum();
            let last = received
                .iter()
                .rev()
                .find_map(|chunk| chunk.rows.last())
                .map_or(0, |row| row.0);
            count >= rows && last >= through
        };
        while self.ended.is_none() && !held(&self.received) {
            match self.next_piece() {
                Piece::Rows(chunk) => self.received.push(chunk),
                Piece::Declared(rows) => self.declared = rows,
                Piece::End => self.ended = Some(StreamEnd::Read),
                Piece::OutOfOrder(row) => self.ended = Some(StreamEnd::OutOfOrder(row)),
                Piece::Failed(message) => return Err(message),
            }
        }
        Ok(())
    }

    /// Hands every chunk, those received first, to `visit`, until the last
    /// or until a row comes out of order.
    fn read(mut self, mut visit: impl FnMut(&Chunk)) -> Result<StreamEnd, String> {
        for chunk in std::mem::take(&mut self.received) {
            visit(&chunk);
            let _ = self.emptied.send(chunk);
        }
        if let Some(end) = self.ended {
            return Ok(end);
        }
        loop {
            match self.next_piece() {
                Piece::Rows(chunk) => {
                    visit(&chunk);
                    let _ = self.emptied.send(chunk);
                }
                Piece::Declared(_) => {}
                Piece::End => return Ok(StreamEnd::Read),
                Piece::OutOfOrder(row) => return Ok(StreamEnd::OutOfOrder(row)),
                Piece::Failed(message) => return Err(message),
            }
        }
    }

    fn next_piece(&mut self) -> Piece {
        self.pieces
            .recv()
            .unwrap_or_else(|_| Piece::Failed("its cells could not be read to the end".to_string()))
    }
}

/// The cell reader's side: every non-empty cell of the sheet (within the
/// caps), rows handed over in chunks as they are completed. Stops when
/// nobody listens any more.
fn produce(
    mut workbook: Workbook,
    name: &str,
    sender: &SyncSender<Piece>,
    to_refill: &Receiver<Chunk>,
) -> Result<(), String> {
    if let Ok(reader) = workbook.worksheet_cells_reader(name) {
        let declared = reader.dimensions();
        let rows = (declared.end.0.saturating_sub(declared.start.0) as usize).saturating_add(1);
        let _ = sender.send(Piece::Declared(rows));
    }
    let mut chunk = Chunk::with_capacity(CHUNK_ROWS);
    let mut last_row = 0usize;
    // Whether to go on: the rows are in order and someone listens.
    let mut going = true;
    for_each_cell(&mut workbook, name, |row, col, value| {
        if row != last_row || chunk.rows.is_empty() {
            if row < last_row {
                let _ = sender.send(Piece::OutOfOrder(row));
                going = false;
                return false;
            }
            if chunk.rows.len() == CHUNK_ROWS || chunk.text.len() > CHUNK_TEXT {
                let next = to_refill
                    .try_recv()
                    .map(Chunk::cleared)
                    .unwrap_or_else(|_| Chunk::with_capacity(CHUNK_ROWS));
                let full = std::mem::replace(&mut chunk, next);
                if sender.send(Piece::Rows(full)).is_err() {
                    going = false;
                    return false;
                }
            }
            chunk.rows.push((row, chunk.cells.len()));
            last_row = row;
        }
        chunk.push(col, value);
        true
    })?;
    if going && (chunk.rows.is_empty() || sender.send(Piece::Rows(chunk)).is_ok()) {
        let _ = sender.send(Piece::End);
    }
    Ok(())
}

/// An `.xlsx` sheet whose header has been found: its rows, to be read once
/// as they stream (again, and for other readers, from a sorted grid).
pub(super) struct XlsxSheet {
    stream: Mutex<Option<RowStream>>,
    bytes: SharedBytes,
    name: String,
    merges: Vec<Dimensions>,
    last_header_row: usize,
    /// The last row the header block was found from.
    header_through: usize,
    /// The rows the sheet declares, up to what a sheet can hold and at
    /// most one per byte of the file.
    declared: usize,
    sorted: OnceLock<Grid>,
}

impl XlsxSheet {
    /// The sheet `name` of the workbook `bytes`, whose rows `stream` reads;
    /// its header block ends on row `last_header_row` and was found from
    /// the rows up to `header_through`.
    pub(super) fn new(
        stream: RowStream,
        bytes: SharedBytes,
        name: String,
        merges: Vec<Dimensions>,
        (last_header_row, header_through): (usize, usize),
    ) -> Self {
        Self {
            declared: stream.declared.min(EXCEL_ROWS).min(bytes.0.len()),
            header_through,
            stream: Mutex::new(Some(stream)),
            bytes,
            name,
            merges,
            last_header_row,
            sorted: OnceLock::new(),
        }
    }

    /// The data rows the sheet declares (a hint for the room to make).
    pub(super) fn declared_rows(&self) -> usize {
        self.declared.saturating_sub(self.last_header_row)
    }

    /// Hands the number and cells of every data row to `visit`, merged cells
    /// filled, blank rows left out: as they stream the first time; when they
    /// streamed out of order, returns false (the rows visited must be read
    /// again); any later time from the sheet sorted.
    pub(super) fn read(
        &self,
        path: &str,
        mut visit: impl FnMut(usize, &dyn Row),
    ) -> Result<bool, IngestError> {
        let stream = self.stream.lock().ok().and_then(|mut held| held.take());
        let Some(stream) = stream else {
            let grid = self.sorted(path)?;
            let first = grid
                .rows
                .iter()
                .position(|(row, _)| *row > self.last_header_row)
                .unwrap_or(grid.rows.len());
            for (number, cells) in &grid.rows[first..] {
                let row = SheetRow(cells);
                if !row.is_blank() {
                    visit(*number, &row);
                }
            }
            return Ok(true);
        };
        let mut fill = MergeFill::new(&self.merges);
        let end = stream
            .read(|chunk| {
                for index in 0..chunk.rows.len() {
                    let number = chunk.rows[index].0;
                    let cells = chunk.row_cells(index);
                    fill.reach(number, |col| {
                        cells
                            .iter()
                            .rev()
                            .find(|(c, _)| *c == col)
                            .map(|(_, value)| chunk.data(value))
                    });
                    if number <= self.last_header_row {
                        continue;
                    }
                    let mut dense: Vec<Cell<'_>> = Vec::with_capacity(cells.len() + 4);
                    for (col, value) in cells {
                        if dense.len() <= *col {
                            dense.resize(col + 1, Cell::Empty);
                        }
                        dense[*col] = chunk.cell(value);
                    }
                    fill.fill(&mut dense);
                    let row = CellRow(&dense);
                    if !row.is_blank() {
                        visit(number, &row);
                    }
                }
            })
            .map_err(|message| workbook_error(path, message))?;
        match end {
            StreamEnd::Read => Ok(true),
            StreamEnd::OutOfOrder(row) if row <= self.header_through => Err(workbook_error(
                path,
                format!("has row {row}, among the rows its header was found from, written after the rows below it; re-save it from Excel or LibreOffice"),
            )),
            StreamEnd::OutOfOrder(_) => Ok(false),
        }
    }

    /// Stops the rows streaming (they will be read from the sorted sheet).
    pub(super) fn stop(&self) {
        if let Ok(mut held) = self.stream.lock() {
            held.take();
        }
    }

    /// The sheet's rows sorted, merged cells filled.
    fn sorted(&self, path: &str) -> Result<&Grid, IngestError> {
        if let Some(grid) = self.sorted.get() {
            return Ok(grid);
        }
        let build = || -> Result<Grid, String> {
            let mut workbook = Workbook::new(Cursor::new(self.bytes.clone())).map_err(one_line)?;
            let mut grid = xlsx_grid(&mut workbook, &self.name, usize::MAX)?;
            fill_merges(&mut grid, &self.merges);
            Ok(grid)
        };
        let grid = std::panic::catch_unwind(std::panic::AssertUnwindSafe(build))
            .unwrap_or_else(|_| Err(NOT_PARSED.to_string()))
            .map_err(|message| workbook_error(path, message))?;
        Ok(self.sorted.get_or_init(|| grid))
    }
}

/// Rows a sheet can hold.
const EXCEL_ROWS: usize = 1 << 20;

/// A row of cells.
struct CellRow<'r, 'a>(&'r [Cell<'a>]);

impl Row for CellRow<'_, '_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        self.0.get(column).cloned().unwrap_or(Cell::Empty)
    }

    fn width(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Data {
        Data::String(value.to_string())
    }

    #[test]
    fn a_chunk_holds_its_rows_cells_and_texts() {
        let mut chunk = Chunk::with_capacity(2);
        chunk.rows.push((3, 0));
        chunk.push(0, &DataRef::SharedString("Mã"));
        chunk.push(2, &DataRef::Int(7));
        chunk.push(0, &DataRef::String("PAKN".to_string()));
        chunk.rows.push((5, chunk.cells.len()));
        chunk.push(1, &DataRef::Bool(true));
        assert_eq!(
            chunk.row_data(0),
            vec![text("PAKN"), Data::Empty, Data::Int(7)]
        );
        assert_eq!(chunk.row_data(1), vec![Data::Empty, Data::Bool(true)]);
        assert_eq!(chunk.text, "MãPAKN");
    }
}
