//! A large UTF-8 CSV file read in blocks instead of whole: a buffer of a few
//! tens of megabytes is filled, its complete records are read (in parallel
//! spans), and the record that may go on past the buffer is carried to the
//! front of the next block. Row numbers, findings and records are exactly
//! those of reading the file whole; memory is the buffer, not the file.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use sha2::{Digest, Sha256};

use super::csv_span::{checked_text, read_csv_span};
use super::csv_text::count_newlines;
use super::spans::cut_spans;
use super::{hex, Body, Row, RowSpan, SpanRead, Table};
use crate::ingest::IngestError;

/// Bytes read at a time from a CSV file read in blocks.
pub const BLOCK_BYTES: usize = 32 << 20;
/// The smallest block (more than a byte-order mark).
const MIN_BLOCK_BYTES: usize = 16;

/// The blocks of a CSV file being read.
pub struct CsvBlocks {
    path: PathBuf,
    /// The file, and its next bytes when they were read ahead.
    ahead: Mutex<ReadAhead>,
    /// The current block: the bytes carried from the block before, then
    /// those read since.
    buffer: Vec<u8>,
    /// Bytes to read at a time (grows when one record is larger).
    block_bytes: usize,
    /// Whether the file has been read to its end.
    eof: bool,
    /// Whether the current block is the first (it holds the header).
    first: bool,
    /// Line breaks before the buffer.
    lines_before: usize,
    /// UTF-8 byte-order mark still to be passed over at the file's start.
    bom_left: usize,
    header_records: usize,
    /// Where the data records begin in the text (the first block must
    /// reach past it, so that it skips the whole header).
    data_start: usize,
    delimiter: u8,
    /// Fields in the header.
    width: usize,
    /// The file's SHA-256 so far (byte-order mark included).
    hasher: Mutex<Sha256>,
    /// The bytes of the buffer read by the last fill, not yet hashed.
    fresh: std::ops::Range<usize>,
    /// Where the bytes of the buffer not yet checked as text begin.
    checked: usize,
}

impl Table {
    /// The blocks of a table read from a large CSV file (see
    /// [`Table::open`]); `block_bytes` at a time. Errors for other tables.
    pub fn csv_blocks(&self, path: &str, block_bytes: usize) -> Result<CsvBlocks, IngestError> {
        let Body::CsvFile {
            path: file_path,
            delimiter,
            header_records,
            bom_length,
            block_bytes: own,
            data_start,
        } = &self.body
        else {
            return Err(IngestError::Csv {
                path: path.to_string(),
                message: "the table is not read in blocks".to_string(),
            });
        };
        let file = File::open(file_path).map_err(|source| IngestError::Read {
            path: path.to_string(),
            source,
        })?;
        Ok(CsvBlocks {
            path: file_path.clone(),
            ahead: Mutex::new(ReadAhead {
                file,
                chunk: None,
                spare: Vec::new(),
            }),
            buffer: Vec::new(),
            block_bytes: block_bytes.min(*own).max(MIN_BLOCK_BYTES),
            data_start: *data_start,
            eof: false,
            first: true,
            lines_before: 0,
            bom_left: *bom_length,
            header_records: *header_records,
            delimiter: *delimiter,
            width: self.headers.len(),
            hasher: Mutex::new(Sha256::new()),
            fresh: 0..0,
            checked: 0,
        })
    }

    /// Whether the table is read from its file in blocks.
    pub fn in_blocks(&self) -> bool {
        matches!(self.body, Body::CsvFile { .. })
    }
}

impl CsvBlocks {
    /// Reads the next block after the bytes carried over; false when
    /// nothing is left. A block that holds a NUL byte is an error
    /// ([`IngestError::Binary`]); one that is not UTF-8 is an error when its
    /// spans are read ([`IngestError::NotUtf8AfterStart`]).
    pub fn fill(&mut self) -> Result<bool, IngestError> {
        self.fresh = self.buffer.len()..self.buffer.len();
        if !self.eof {
            let had = self.buffer.len();
            let ahead = self.ahead.get_mut().unwrap_or_else(PoisonError::into_inner);
            let ended = match ahead.chunk.take() {
                Some(Ok((mut chunk, ended))) => {
                    self.buffer.extend_from_slice(&chunk);
                    chunk.clear();
                    ahead.spare = chunk;
                    Ok(ended)
                }
                Some(Err(source)) => Err(source),
                None => read_block(&mut ahead.file, self.block_bytes, &mut self.buffer),
            };
            self.eof = ended.map_err(|source| IngestError::Read {
                path: self.path.display().to_string(),
                source,
            })?;
            let mut from = had;
            if self.bom_left > 0 {
                // The byte-order mark counts in the checksum, not in the text.
                let bom = self.bom_left.min(self.buffer.len());
                let hasher = self.hasher.get_mut().unwrap_or_else(|e| e.into_inner());
                hasher.update(&self.buffer[..bom]);
                self.buffer.drain(..bom);
                self.bom_left = 0;
                self.checked = 0;
                from = 0;
            }
            self.fresh = from..self.buffer.len();
            self.check_text()?;
        }
        Ok(!self.buffer.is_empty())
    }

    /// Reads the file's next block ahead, for the next [`CsvBlocks::fill`]
    /// (on the calling thread, while the current block's rows are read on
    /// the others); nothing once the file has been read to its end.
    pub fn read_ahead(&self) {
        if self.eof {
            return;
        }
        let Ok(mut guard) = self.ahead.lock() else {
            return;
        };
        let ahead = &mut *guard;
        if ahead.chunk.is_none() {
            let mut chunk = std::mem::take(&mut ahead.spare);
            let read = read_block(&mut ahead.file, self.block_bytes, &mut chunk);
            ahead.chunk = Some(read.map(|ended| (chunk, ended)));
        }
    }

    /// Adds the bytes the last [`CsvBlocks::fill`] read to the file's
    /// SHA-256 (while the block's rows are read on the other cores).
    pub fn hash_fresh(&self) {
        if let Ok(mut hasher) = self.hasher.lock() {
            hasher.update(&self.buffer[self.fresh.clone()]);
        }
    }

    /// Checks that the new bytes up to the last line break (or all, at the
    /// end) hold no NUL byte, as reading the file whole does (their UTF-8 is
    /// checked span by span, see [`CsvBlocks::read_span`]).
    fn check_text(&mut self) -> Result<(), IngestError> {
        let upto = if self.eof {
            self.buffer.len()
        } else {
            memchr::memrchr(b'\n', &self.buffer).map_or(self.checked, |p| p + 1)
        };
        let from = self.checked.min(upto);
        let new = &self.buffer[from..upto];
        if memchr::memchr(0, new).is_some() {
            return Err(IngestError::Binary {
                path: self.path.display().to_string(),
            });
        }
        self.checked = upto;
        Ok(())
    }

    /// The bytes of the current block.
    pub fn len(&self) -> usize {
        self.buffer.len()
    }

    /// Whether the current block is empty.
    pub fn is_empty(&self) -> bool {
        self.buffer.is_empty()
    }

    /// The current block cut into at most `parts` spans; the last one has
    /// an open end unless the file has been read to its end.
    pub fn spans(&self, parts: usize) -> Vec<RowSpan> {
        let skip = if self.first { self.header_records } else { 0 };
        cut_spans(&self.buffer, 0, parts, skip, self.lines_before, !self.eof)
    }

    /// The current block as one span.
    pub fn whole_span(&self) -> RowSpan {
        self.spans(1).swap_remove(0)
    }

    /// Reads the rows of `span` of the current block.
    pub fn read_span(
        &self,
        span: &RowSpan,
        path: &str,
        visit: impl FnMut(usize, &dyn Row),
    ) -> Result<SpanRead, IngestError> {
        // The span's text is checked to be UTF-8 here, on the thread that
        // reads it, rather than when the block is read.
        let text =
            checked_text(&self.buffer, span).ok_or_else(|| IngestError::NotUtf8AfterStart {
                path: self.path.display().to_string(),
            })?;
        read_csv_span(
            (&self.buffer, text),
            self.delimiter,
            self.width,
            span,
            path,
            visit,
        )
    }

    /// Whether the file has been read to its end.
    pub fn at_end(&self) -> bool {
        self.eof
    }

    /// Whether reading the current block up to `consumed` is too little to
    /// go on: nothing (one record longer than the block), or, in the first
    /// block, not the whole header. The block is then read again with more
    /// bytes.
    pub fn too_short(&self, consumed: usize) -> bool {
        !self.eof && (consumed == 0 || (self.first && consumed < self.data_start))
    }

    /// Keeps the bytes from `consumed` on for the next block; when nothing
    /// could be consumed (one record longer than the block), the next block
    /// reads twice as much. `read_as` are the spans the block was read as
    /// (whose line breaks are counted already).
    pub fn consume(&mut self, consumed: usize, read_as: &[RowSpan]) {
        let consumed = consumed.min(self.buffer.len());
        if self.too_short(consumed) {
            self.block_bytes = self.block_bytes.saturating_mul(2);
            return;
        }
        self.lines_before += self.newlines_before(consumed, read_as);
        self.buffer.drain(..consumed);
        self.checked = self.checked.saturating_sub(consumed);
        self.first = false;
    }

    /// The line breaks in the block's first `upto` bytes: those of the
    /// spans of `read_as` that lie before `upto` (counted when the block was
    /// cut), then those counted from the end of the last of them.
    fn newlines_before(&self, upto: usize, read_as: &[RowSpan]) -> usize {
        let (mut newlines, mut from) = (0, 0);
        for span in read_as {
            if span.start != from || span.end > upto {
                break;
            }
            newlines += span.lines;
            from = span.end;
        }
        newlines + count_newlines(&self.buffer[from..upto])
    }

    /// Size of the file in bytes.
    pub fn file_len(&self) -> u64 {
        let ahead = self.ahead.lock().unwrap_or_else(PoisonError::into_inner);
        ahead.file.metadata().map(|m| m.len()).unwrap_or(0)
    }

    /// The SHA-256 of the file (call once every block has been read).
    pub fn sha256(self) -> String {
        let hasher = self
            .hasher
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        hex(&hasher.finalize())
    }
}

/// A CSV file read in blocks, and the block read ahead of the current one.
struct ReadAhead {
    file: File,
    /// The next block's bytes and whether they reach the file's end (or
    /// why they could not be read), when read ahead.
    chunk: Option<std::io::Result<(Vec<u8>, bool)>>,
    /// The room the next block is read ahead into (the last one's, emptied).
    spare: Vec<u8>,
}

/// Appends up to `bytes` bytes of `file` to `into` (in its spare room, no
/// zeroing first); whether the file's end was reached.
fn read_block(file: &mut File, bytes: usize, into: &mut Vec<u8>) -> std::io::Result<bool> {
    into.reserve(bytes);
    let read = file.take(bytes as u64).read_to_end(into)?;
    Ok(read < bytes)
}

/// Whether a CSV file of `size` bytes at `path` is read in blocks of
/// `block_bytes` (larger than one block and named as UTF-8 or not at all).
pub(super) fn read_in_blocks(
    path: &Path,
    size: u64,
    block_bytes: usize,
    encoding: Option<&str>,
) -> bool {
    let utf8 = encoding.is_none_or(|label| {
        encoding_rs::Encoding::for_label(label.as_bytes()) == Some(encoding_rs::UTF_8)
    });
    utf8 && size > block_bytes as u64 && path.is_file()
}
