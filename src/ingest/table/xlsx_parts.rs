//! What an `.xlsx` package says that calamine's cell reader does not hand
//! out cheaply: the part that holds each sheet, and the sheet's merged
//! cells, found by looking for the `<mergeCells>` element after the cells
//! without parsing every cell's XML (the list comes after the cells, so a
//! full XML pass would cost as much as reading them).

use std::io::{Cursor, Read};

use calamine::Dimensions;
use memchr::memmem;
use quick_xml::events::Event;
use quick_xml::Reader;

/// The small parts read whole (relationships, the workbook) are at most this large.
const MAX_SMALL_PART: u64 = 64 << 20;
/// Bytes of the sheet's XML inflated at a time while looking for its merged cells.
const SCAN_CHUNK: usize = 1 << 20;
/// Bytes kept from the end of one chunk at the start of the next, so that a
/// tag cut between chunks is still found.
const SCAN_CARRY: usize = 64;

/// The zip part of each sheet, in workbook order, resolved through the
/// package's relationships as calamine resolves them (the last of a
/// repeated relationship wins). None when the package does not say (the
/// caller then asks calamine).
pub(super) fn sheet_parts(bytes: &[u8]) -> Option<Vec<String>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let package = small_part(&mut archive, "_rels/.rels")?;
    let workbook = relationships(&package)?
        .into_iter()
        .rev()
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
                let id = e
                    .attributes()
                    .flatten()
                    .filter(|a| a.key.local_name().as_ref() == "id")
                    .last()?
                    .value
                    .into_owned();
                let target = &links.iter().rev().find(|l| l.id == id)?.target;
                sheets.push(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{folder}{target}"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Some(sheets)
}

/// The merged cells of the sheet held by `part`, as calamine's
/// `merge_cells_by_sheet_name` gives them. The cells' XML is only looked
/// through for the end of `<sheetData>`; what follows it is parsed. None
/// when they cannot be found this way for certain (a comment, CDATA section
/// or processing instruction among the cells, whose text could look like
/// markup; a reference calamine would refuse; a list that does not end):
/// the caller then asks calamine.
pub(super) fn merged_cells(bytes: &[u8], part: &str) -> Option<Vec<Dimensions>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let index = part_index(&archive, part)?;
    let mut sheet = archive.by_index(index).ok()?;
    let element = memmem::Finder::new(b"sheetData");
    let markup = memmem::Finder::new(b"<!");
    let instruction = memmem::Finder::new(b"<?");
    let mut window: Vec<u8> = vec![0; SCAN_CARRY + SCAN_CHUNK];
    // Bytes in the window, and the offset in the part of its first byte.
    let (mut held, mut offset) = (0usize, 0u64);
    loop {
        let read = sheet.read(&mut window[held..]).ok()?;
        if read == 0 {
            // The cells never end: calamine is asked.
            return None;
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
                Hit::Tag { start, closing } => {
                    let empty = !closing && {
                        let end = memchr::memchr(b'>', &seen[at..])?;
                        seen[at + end - 1] == b'/'
                    };
                    if closing || empty {
                        let tail = Cursor::new(window[start..held].to_vec()).chain(sheet);
                        return merge_list(std::io::BufReader::new(tail));
                    }
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
    /// The tag that opens at byte `start`: `<name`, `</name`, `<prefix:name`
    /// or `</prefix:name`.
    Tag { start: usize, closing: bool },
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
    // Where the tag's name begins.
    let name = match bytes[before] {
        b'<' | b'/' => at,
        b':' => {
            let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
            match bytes[..before].iter().rposition(|b| !is_name(b)) {
                None => return Hit::Unsure,
                Some(open) if open + 1 < before => open + 1,
                Some(_) => return Hit::Text,
            }
        }
        _ => return Hit::Text,
    };
    match (
        name.checked_sub(1).map(|i| bytes[i]),
        name.checked_sub(2).map(|i| bytes[i]),
    ) {
        (Some(b'<'), _) => Hit::Tag {
            start: name - 1,
            closing: false,
        },
        (Some(b'/'), Some(b'<')) => Hit::Tag {
            start: name - 2,
            closing: true,
        },
        (Some(b'/'), None) | (None, _) => Hit::Unsure,
        _ => Hit::Text,
    }
}

/// The references of the `<mergeCell>` elements of the first `<mergeCells>`
/// list in `xml`, read as calamine reads them (the `ref` attribute as
/// written); an empty list when there is none.
fn merge_list(xml: impl std::io::BufRead) -> Option<Vec<Dimensions>> {
    let mut reader = Reader::from_reader(xml);
    // It starts at the end of the cells, so the tags that close theirs and
    // the sheet's have no opening tag here.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut buffer = Vec::new();
    let mut merges = Vec::new();
    let mut in_list = false;
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCells" => {
                in_list = true;
            }
            Event::Start(e) | Event::Empty(e)
                if in_list && e.local_name().as_ref() == "mergeCell" =>
            {
                let reference = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "ref")
                    .map(|a| a.value.into_owned());
                if let Some(reference) = reference {
                    merges.push(dimensions(&reference)?);
                }
            }
            Event::End(e) if in_list && e.local_name().as_ref() == "mergeCells" => {
                return Some(merges)
            }
            Event::Eof => return (!in_list).then_some(merges),
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
                let value = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.into_owned())
                        .unwrap_or_default()
                };
                out.push(Relationship {
                    id: value("Id"),
                    kind: value("Type"),
                    target: value("Target"),
                });
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buffer.clear();
    }
}

/// The archive's index of `part`, found as calamine finds it: its name
/// looked up ignoring case among the names with slashes one way (the last
/// of such names wins), else as given.
fn part_index<R: Read + std::io::Seek>(archive: &zip::ZipArchive<R>, part: &str) -> Option<usize> {
    let wanted = part.to_ascii_lowercase();
    let folded = archive
        .file_names()
        .enumerate()
        .filter(|(_, name)| {
            name.as_ref()
                .is_ok_and(|name| name.replace('\\', "/").to_ascii_lowercase() == wanted)
        })
        .map(|(index, _)| index)
        .last();
    folded.or_else(|| archive.index_for_name(part))
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
        let xml = b"<t>sheetData</t><x:sheetData a=\"1\"></x:sheetData></sheetData>";
        let hits: Vec<usize> = memmem::find_iter(xml, b"sheetData").collect();
        assert_eq!(tag_start(xml, hits[0]), Hit::Text);
        let opening = Hit::Tag {
            start: 16,
            closing: false,
        };
        assert_eq!(tag_start(xml, hits[1]), opening);
        let closing = |start| Hit::Tag {
            start,
            closing: true,
        };
        assert_eq!(tag_start(xml, hits[2]), closing(35));
        assert_eq!(tag_start(xml, hits[3]), closing(49));
        assert_eq!(tag_start(b"<somesheetData", 5), Hit::Text);
        assert_eq!(tag_start(b" a:sheetData", 3), Hit::Text);
        assert_eq!(tag_start(b"ab:sheetData", 3), Hit::Unsure);
    }

    #[test]
    fn the_list_is_read_as_calamine_reads_it() {
        let list = |xml: &str| merge_list(xml.as_bytes());
        let xml = "</sheetData><mergeCell ref=\"Z1:Z2\"/><mergeCells count=\"2\"><mergeCell ref=\"A1:B1\"/><mergeCell x:ref=\"E1:E9\" ref=\"C3:C9\"></mergeCell></mergeCells><mergeCells><mergeCell ref=\"D1:D2\"/></mergeCells>";
        assert_eq!(
            list(xml),
            Some(vec![
                Dimensions::new((0, 0), (0, 1)),
                Dimensions::new((2, 2), (8, 2))
            ])
        );
        // A quoted "<" is an attribute's text, not a tag.
        let quoted = "</sheetData><sheetPr codeName=\"<mergeCells><mergeCell ref='A1:D9'/></mergeCells>\"/><mergeCells><mergeCell ref=\"B2:B3\"/></mergeCells>";
        assert_eq!(list(quoted), Some(vec![Dimensions::new((1, 1), (2, 1))]));
        assert_eq!(list("</sheetData><pageSetup/>"), Some(Vec::new()));
        // What calamine refuses is left to calamine.
        assert_eq!(
            list("</sheetData><mergeCells><mergeCell ref=\"A1:B2\"/>"),
            None
        );
        assert_eq!(
            list("</sheetData><mergeCells><mergeCell ref=\"A1:A&#57;\"/></mergeCells>"),
            None
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
            vec!["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        );
        let mut reference =
            calamine::Xlsx::new(Cursor::new(bytes.as_slice())).expect("calamine opens it");
        for (name, part) in reference.sheet_names().into_iter().zip(&parts) {
            let expected = reference.merge_cells_by_sheet_name(&name).expect("merges");
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
