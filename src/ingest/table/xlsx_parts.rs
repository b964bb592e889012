//! What an `.xlsx` package says that calamine's cell reader does not hand
//! out cheaply: the part that holds each sheet, and the sheet's merged
//! cells, found by looking for the `<mergeCells>` element after the cells
//! without parsing every cell's XML (the list comes after the cells, so a
//! full XML pass would cost as much as reading them).

use std::io::{Cursor, Read};

use calamine::Dimensions;
use memchr::memmem;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// The small parts read whole (relationships, the workbook) are at most this large.
const MAX_SMALL_PART: u64 = 64 << 20;
/// Bytes of the sheet's XML inflated at a time while looking for its merged cells.
const SCAN_CHUNK: usize = 1 << 20;
/// Bytes kept from the end of one chunk at the start of the next, so that a
/// tag cut between chunks is still found.
const SCAN_CARRY: usize = 64;

/// The zip part of each sheet, `(sheet name, part path)` in workbook order,
/// resolved through the package's relationships as calamine resolves them.
/// None when the package does not say (the caller then asks calamine).
pub(super) fn sheet_parts(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let package = small_part(&mut archive, "_rels/.rels")?;
    let workbook = relationships(&package)?
        .into_iter()
        .find(|r| r.kind.ends_with("/relationships/officeDocument"))?
        .target;
    let workbook = workbook.strip_prefix('/').unwrap_or(&workbook).to_string();
    let (folder, name) = match workbook.rfind('/') {
        Some(i) => workbook.split_at(i + 1),
        None => ("", workbook.as_str()),
    };
    let links = relationships(&small_part(
        &mut archive,
        &format!("{folder}_rels/{name}.rels"),
    )?)?;
    let xml = small_part(&mut archive, &workbook)?;
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buffer = Vec::new();
    let mut sheets = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let name = attribute(&e, "name")?;
                let id = attribute(&e, "id")?;
                let target = &links.iter().find(|l| l.id == id)?.target;
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{folder}{target}"),
                };
                sheets.push((name, path));
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Some(sheets)
}

/// The merged cells of the sheet held by `part`, as calamine's
/// `merge_cells_by_sheet_name` gives them; None when they cannot be found
/// this way for certain (a comment, CDATA section or processing instruction
/// in the sheet, whose text could look like the element; an unreadable
/// reference): the caller then asks calamine.
pub(super) fn merged_cells(bytes: &[u8], part: &str) -> Option<Vec<Dimensions>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let index = part_index(&archive, part)?;
    let mut sheet = archive.by_index(index).ok()?;
    let element = memmem::Finder::new(b"mergeCell");
    let markup = memmem::Finder::new(b"<!");
    let instruction = memmem::Finder::new(b"<?");
    let mut window: Vec<u8> = vec![0; SCAN_CARRY + SCAN_CHUNK];
    // Bytes in the window, and the offset in the part of its first byte.
    let (mut held, mut offset) = (0usize, 0u64);
    loop {
        let read = sheet.read(&mut window[held..]).ok()?;
        if read == 0 {
            // No merged cells.
            return Some(Vec::new());
        }
        held += read;
        let seen = &window[..held];
        if markup.find(seen).is_some()
            || instruction.find_iter(seen).any(|at| offset + at as u64 > 3)
        {
            return None;
        }
        for at in element.find_iter(seen) {
            match tag_start(seen, at) {
                Hit::Text => continue,
                Hit::Unsure => return None,
                Hit::Tag(start) => {
                    let mut rest = window[start..held].to_vec();
                    sheet.read_to_end(&mut rest).ok()?;
                    return merge_list(&rest);
                }
            }
        }
        let keep = held.min(SCAN_CARRY);
        window.copy_within(held - keep..held, 0);
        offset += (held - keep) as u64;
        held = keep;
    }
}

/// What the name found at a position is.
#[derive(Debug, PartialEq)]
enum Hit {
    /// The tag that opens at this byte: `<mergeCell…` or `<prefix:mergeCell…`.
    Tag(usize),
    /// Text, or part of another name.
    Text,
    /// A prefix that reaches back past what is held.
    Unsure,
}

/// Whether the local name that begins at `at` is a tag's.
fn tag_start(bytes: &[u8], at: usize) -> Hit {
    let Some(before) = at.checked_sub(1) else {
        return Hit::Unsure;
    };
    match bytes[before] {
        b'<' => Hit::Tag(before),
        b':' => {
            let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
            match bytes[..before].iter().rposition(|b| !is_name(b)) {
                None => Hit::Unsure,
                Some(open) if bytes[open] == b'<' && open + 1 < before => Hit::Tag(open),
                Some(_) => Hit::Text,
            }
        }
        _ => Hit::Text,
    }
}

/// The references of the `<mergeCell>` elements of a `<mergeCells>` list
/// that begins `xml`.
fn merge_list(xml: &[u8]) -> Option<Vec<Dimensions>> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut merges = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(reference) = attribute(&e, "ref") {
                    merges.push(dimensions(&reference)?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "mergeCells" => return Some(merges),
            Event::Eof => return Some(merges),
            _ => {}
        }
        buffer.clear();
    }
}

/// `A1:C3` (or `B2`) as 0-based (row, column) corners.
fn dimensions(reference: &str) -> Option<Dimensions> {
    let mut corners = reference.split(':').map(cell_position);
    let start = corners.next()??;
    let end = match corners.next() {
        None => start,
        Some(end) => end?,
    };
    if corners.next().is_some() {
        return None;
    }
    Some(Dimensions { start, end })
}

/// `C12` as the 0-based (row, column) (11, 2).
fn cell_position(cell: &str) -> Option<(u32, u32)> {
    let digits = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = cell.split_at(digits);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let column = letters.bytes().try_fold(0u32, |column, letter| {
        column
            .checked_mul(26)?
            .checked_add(u32::from(letter.to_ascii_uppercase() - b'A') + 1)
    })?;
    let row: u32 = number.parse().ok()?;
    Some((row.checked_sub(1)?, column - 1))
}

/// One relationship of a `.rels` part.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships(xml: &[u8]) -> Option<Vec<Relationship>> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                out.push(Relationship {
                    id: attribute(&e, "Id").unwrap_or_default(),
                    kind: attribute(&e, "Type").unwrap_or_default(),
                    target: attribute(&e, "Target").unwrap_or_default(),
                });
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buffer.clear();
    }
}

/// The value of the attribute whose local name is `name` (so `r:id` is `id`).
fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|value| value.into_owned())
}

/// The archive's index of `part`, found as calamine finds it: by its exact
/// name, else ignoring case and the direction of slashes.
fn part_index<R: Read + std::io::Seek>(archive: &zip::ZipArchive<R>, part: &str) -> Option<usize> {
    let folded = |name: &str| name.replace('\\', "/").to_ascii_lowercase();
    let wanted = folded(part);
    archive.index_for_name(part).or_else(|| {
        archive
            .file_names()
            .position(|name| name.is_ok_and(|name| folded(&name) == wanted))
    })
}

/// A small part read whole.
fn small_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    part: &str,
) -> Option<Vec<u8>> {
    let index = part_index(archive, part)?;
    let mut bytes = Vec::new();
    archive
        .by_index(index)
        .ok()?
        .take(MAX_SMALL_PART)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_calamine_reads_them() {
        assert_eq!(cell_position("A1"), Some((0, 0)));
        assert_eq!(cell_position("c12"), Some((11, 2)));
        assert_eq!(cell_position("AA3"), Some((2, 26)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position("A0"), None);
        assert_eq!(cell_position("12"), None);
        assert_eq!(cell_position("$A$1"), None);
        assert_eq!(cell_position("ZZZZZZZZ1"), None);
        assert_eq!(dimensions("B2:D4"), Some(Dimensions::new((1, 1), (3, 3))));
        assert_eq!(dimensions("E5"), Some(Dimensions::new((4, 4), (4, 4))));
        assert_eq!(dimensions("A1:B2:C3"), None);
    }

    #[test]
    fn a_tag_is_told_from_text_that_names_it() {
        let xml = b"<t>mergeCells</t><x:mergeCells count=\"1\"><mergeCell ref=\"A1\"/>";
        let hits: Vec<usize> = memmem::find_iter(xml, b"mergeCell").collect();
        assert_eq!(tag_start(xml, hits[0]), Hit::Text);
        assert_eq!(tag_start(xml, hits[1]), Hit::Tag(17));
        assert_eq!(tag_start(xml, hits[2]), Hit::Tag(41));
        assert_eq!(tag_start(b"<somemergeCells", 5), Hit::Text);
        assert_eq!(tag_start(b" a:mergeCells", 3), Hit::Text);
        assert_eq!(tag_start(b"ab:mergeCells", 3), Hit::Unsure);
    }

    #[test]
    fn the_list_ends_at_its_closing_tag() {
        let xml = b"<mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><mergeCell ref=\"C3:C9\"></mergeCell></mergeCells><pageSetup/>";
        assert_eq!(
            merge_list(xml),
            Some(vec![
                Dimensions::new((0, 0), (0, 1)),
                Dimensions::new((2, 2), (8, 2))
            ])
        );
    }

    #[test]
    fn merged_cells_are_those_calamine_lists() {
        use calamine::Reader;
        use rust_xlsxwriter::{Format, Workbook};
        let mut workbook = Workbook::new();
        let plain = Format::new();
        workbook
            .add_worksheet()
            .set_name("Ghi chú")
            .and_then(|notes| notes.merge_range(0, 0, 0, 3, "Không phải dữ liệu", &plain))
            .expect("notes sheet");
        // Strings written inline in the sheet's XML, text that names the element among them.
        let data = workbook
            .add_worksheet_with_constant_memory()
            .and_then(|sheet| sheet.set_name("Dữ liệu & số"))
            .expect("data sheet");
        let text = "mergeCells <mergeCell ref=\"A1:Z9\"/>";
        data.merge_range(0, 0, 1, 0, "Mã PAKN", &plain)
            .expect("merge");
        for row in 2..=5 {
            data.write_string(row, 1, text).expect("text");
        }
        data.merge_range(5, 3, 9, 3, "Sở Tư pháp", &plain)
            .expect("merge");
        for row in 10..40 {
            data.write_string(row, 1, text).expect("text");
        }
        let bytes = workbook.save_to_buffer().expect("workbook");
        let parts = sheet_parts(&bytes).expect("parts");
        assert_eq!(
            parts,
            vec![
                (
                    "Ghi chú".to_string(),
                    "xl/worksheets/sheet1.xml".to_string()
                ),
                (
                    "Dữ liệu & số".to_string(),
                    "xl/worksheets/sheet2.xml".to_string()
                ),
            ]
        );
        let mut reference =
            calamine::Xlsx::new(Cursor::new(bytes.as_slice())).expect("calamine opens it");
        for (name, part) in &parts {
            let expected = reference.merge_cells_by_sheet_name(name).expect("merges");
            assert_eq!(merged_cells(&bytes, part), Some(expected), "{name}");
        }
        assert_eq!(
            merged_cells(&bytes, "xl/worksheets/sheet2.xml"),
            Some(vec![
                Dimensions::new((0, 0), (1, 0)),
                Dimensions::new((5, 3), (9, 3))
            ])
        );
    }
}
