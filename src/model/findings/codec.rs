//! Findings written to and read back from a spill file: a compact binary
//! form private to one run of the program, so that a file of millions of
//! bad rows keeps its findings on disk instead of in memory.
//!
//! Numbers and lengths are LEB128 varints. Each entry starts with a byte of
//! flags saying which of the file, sheet, column and reason are those of
//! the entry before (most findings of a file repeat them), then the tag and
//! the row, then whatever differs. An [`Encoder`] and a [`Decoder`] carry
//! the entry before across calls.

use std::io::{self, Read, Write};

use super::{Effect, Finding, Reason};

/// One finding and its tag (the position of the record it belongs to, for
/// findings that stand only if that record stays accepted).
pub(super) type Entry = (u64, Finding);

const SAME_FILE: u8 = 1;
const SAME_SHEET: u8 = 2;
const SAME_COLUMN: u8 = 4;
const SAME_REASON: u8 = 8;

fn put_varint(out: &mut impl Write, mut value: u64) -> io::Result<()> {
    let mut bytes = [0u8; 10];
    let mut length = 0;
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes[length] = low;
            length += 1;
            break;
        }
        bytes[length] = low | 0x80;
        length += 1;
    }
    out.write_all(&bytes[..length])
}

fn put_str(out: &mut impl Write, text: &str) -> io::Result<()> {
    put_varint(out, text.len() as u64)?;
    out.write_all(text.as_bytes())
}

fn put_opt(out: &mut impl Write, text: Option<&str>) -> io::Result<()> {
    match text {
        Some(text) => {
            out.write_all(&[1])?;
            put_str(out, text)
        }
        None => out.write_all(&[0]),
    }
}

fn get_u8(input: &mut impl Read) -> io::Result<u8> {
    let mut byte = [0u8; 1];
    input.read_exact(&mut byte)?;
    Ok(byte[0])
}

fn get_varint(input: &mut impl Read) -> io::Result<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = get_u8(input)?;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(corrupt())
}

fn get_usize(input: &mut impl Read) -> io::Result<usize> {
    usize::try_from(get_varint(input)?).map_err(|_| corrupt())
}

/// Reads a string into `text`, reusing its room.
fn get_str_into(input: &mut impl Read, text: &mut String) -> io::Result<()> {
    let length = get_usize(input)?;
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.clear();
    bytes.resize(length, 0);
    input.read_exact(&mut bytes)?;
    *text = String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok(())
}

fn get_str(input: &mut impl Read) -> io::Result<String> {
    let mut text = String::new();
    get_str_into(input, &mut text)?;
    Ok(text)
}

fn get_opt(input: &mut impl Read) -> io::Result<Option<String>> {
    match get_u8(input)? {
        0 => Ok(None),
        _ => get_str(input).map(Some),
    }
}

fn effect_code(effect: Effect) -> u8 {
    match effect {
        Effect::RowRejected => 0,
        Effect::CellIgnored => 1,
        Effect::Warning => 2,
    }
}

fn effect_of(code: u8) -> io::Result<Effect> {
    match code {
        0 => Ok(Effect::RowRejected),
        1 => Ok(Effect::CellIgnored),
        2 => Ok(Effect::Warning),
        _ => Err(corrupt()),
    }
}

fn corrupt() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "a spilled finding is corrupt")
}

/// Writes a reason: its number, then its details.
fn put_reason(out: &mut impl Write, reason: &Reason) -> io::Result<()> {
    out.write_all(&[reason.number()])?;
    match reason {
        Reason::Missing { field } => put_str(out, field),
        Reason::UnknownAgency { suggestion } => put_opt(out, suggestion.as_deref()),
        Reason::SharedColumn { fields } => put_str(out, fields),
        Reason::EarlierSnapshotKept { file, row } => {
            put_str(out, file)?;
            put_varint(out, *row as u64)
        }
        Reason::RaggedRow { found, expected } => {
            put_varint(out, *found as u64)?;
            put_varint(out, *expected as u64)
        }
        Reason::ShortRow {
            found,
            expected,
            missing,
        } => {
            put_varint(out, *found as u64)?;
            put_varint(out, *expected as u64)?;
            put_str(out, missing)
        }
        Reason::AgencyAfterEnd { until, successor } => {
            put_str(out, until)?;
            put_opt(out, successor.as_deref())
        }
        _ => Ok(()),
    }
}

/// Reads a reason written by [`put_reason`].
fn get_reason(input: &mut impl Read) -> io::Result<Reason> {
    let number = get_u8(input)?;
    let reason = match number {
        0 => Reason::Missing {
            field: get_str(input)?,
        },
        3 => Reason::UnknownAgency {
            suggestion: get_opt(input)?,
        },
        8 => Reason::SharedColumn {
            fields: get_str(input)?,
        },
        9 => Reason::EarlierSnapshotKept {
            file: get_str(input)?,
            row: get_usize(input)?,
        },
        17 => Reason::RaggedRow {
            found: get_usize(input)?,
            expected: get_usize(input)?,
        },
        20 => Reason::ShortRow {
            found: get_usize(input)?,
            expected: get_usize(input)?,
            missing: get_str(input)?,
        },
        19 => Reason::AgencyAfterEnd {
            until: get_str(input)?,
            successor: get_opt(input)?,
        },
        plain => Reason::plain(plain).ok_or_else(corrupt)?,
    };
    Ok(reason)
}

/// Writes entries, each after the one before.
#[derive(Debug, Default)]
pub(super) struct Encoder {
    before: Option<Finding>,
}

impl Encoder {
    /// Writes one entry.
    pub fn put(&mut self, out: &mut impl Write, (tag, finding): &Entry) -> io::Result<()> {
        let before = self.before.as_ref();
        let same = |test: fn(&Finding, &Finding) -> bool| before.is_some_and(|b| test(b, finding));
        let mut flags = 0u8;
        if same(|a, b| a.file == b.file) {
            flags |= SAME_FILE;
        }
        if same(|a, b| a.sheet == b.sheet) {
            flags |= SAME_SHEET;
        }
        if same(|a, b| a.column == b.column) {
            flags |= SAME_COLUMN;
        }
        if same(|a, b| a.reason == b.reason) {
            flags |= SAME_REASON;
        }
        out.write_all(&[flags, effect_code(finding.effect)])?;
        put_varint(out, *tag)?;
        put_varint(out, finding.row as u64)?;
        if flags & SAME_FILE == 0 {
            put_str(out, &finding.file)?;
        }
        if flags & SAME_SHEET == 0 {
            put_opt(out, finding.sheet.as_deref())?;
        }
        if flags & SAME_COLUMN == 0 {
            put_str(out, &finding.column)?;
        }
        put_str(out, &finding.value)?;
        if flags & SAME_REASON == 0 {
            put_reason(out, &finding.reason)?;
        }
        match &mut self.before {
            Some(kept) => kept.clone_from(finding),
            None => self.before = Some(finding.clone()),
        }
        Ok(())
    }
}

/// Reads entries written by one [`Encoder`], in order, into one finding
/// whose room is reused.
#[derive(Debug)]
pub(super) struct Decoder {
    /// The entry read last.
    pub current: Finding,
}

impl Default for Decoder {
    fn default() -> Self {
        Self {
            current: Finding {
                file: String::new(),
                sheet: None,
                row: 0,
                column: String::new(),
                value: String::new(),
                reason: Reason::UnreadableDate,
                effect: Effect::Warning,
            },
        }
    }
}

impl Decoder {
    /// Reads the next entry into `current`; returns its tag.
    pub fn get(&mut self, input: &mut impl Read) -> io::Result<u64> {
        let flags = get_u8(input)?;
        let finding = &mut self.current;
        finding.effect = effect_of(get_u8(input)?)?;
        let tag = get_varint(input)?;
        finding.row = get_usize(input)?;
        if flags & SAME_FILE == 0 {
            get_str_into(input, &mut finding.file)?;
        }
        if flags & SAME_SHEET == 0 {
            finding.sheet = get_opt(input)?;
        }
        if flags & SAME_COLUMN == 0 {
            get_str_into(input, &mut finding.column)?;
        }
        get_str_into(input, &mut finding.value)?;
        if flags & SAME_REASON == 0 {
            finding.reason = get_reason(input)?;
        }
        Ok(tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(reason: Reason, row: usize) -> Finding {
        Finding {
            file: "pakn.csv".into(),
            sheet: Some("Sheet1".into()),
            row,
            column: "Ngày tiếp nhận".into(),
            value: "31/02/2025".into(),
            reason,
            effect: Effect::RowRejected,
        }
    }

    #[test]
    fn every_reason_comes_back_as_it_was_written() {
        let mut entries: Vec<Entry> = Vec::new();
        for (k, reason) in Reason::examples().into_iter().enumerate() {
            // Each reason twice: the second repeats the one before.
            entries.push((k as u64, finding(reason.clone(), k + 1)));
            let mut other = finding(reason, 300 + k);
            other.file = format!("other-{}.csv", k % 2);
            entries.push((u64::MAX - k as u64, other));
        }
        let mut bytes = Vec::new();
        let mut encoder = Encoder::default();
        for entry in &entries {
            encoder.put(&mut bytes, entry).unwrap();
        }
        let mut input = bytes.as_slice();
        let mut decoder = Decoder::default();
        for (tag, written) in &entries {
            assert_eq!(decoder.get(&mut input).unwrap(), *tag);
            assert_eq!(decoder.current, *written);
        }
        assert!(input.is_empty());
    }

    #[test]
    fn varints_take_a_byte_below_128() {
        let mut bytes = Vec::new();
        for value in [0, 127, 128, 300, u64::MAX] {
            put_varint(&mut bytes, value).unwrap();
        }
        assert_eq!(bytes.len(), 1 + 1 + 2 + 2 + 10);
        let mut input = bytes.as_slice();
        for value in [0, 127, 128, 300, u64::MAX] {
            assert_eq!(get_varint(&mut input).unwrap(), value);
        }
    }
}
