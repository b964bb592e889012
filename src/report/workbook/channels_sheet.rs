//! The sheet "Theo kênh": PAKN by channel of receipt — received, share of
//! the total, online or not, handled, on-time rate and pending past the
//! deadline — with the online share of the whole city.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::input::SheetInput;
use super::style::{open_sheet, print_setup, write_count, write_headers, write_rate, Formats};
use crate::metrics::interval::percent;
use crate::metrics::Handling;
use crate::report::labels::{self, Lang, Sheet};

/// Writes the sheet.
pub fn write(sheet: &mut Worksheet, input: &SheetInput<'_>) -> Result<(), XlsxError> {
    let (summary, lang, formats) = input.parts();
    let top = open_sheet(sheet, Sheet::Channels, 8, input)?;
    let headers = labels::pick_row(
        lang,
        "Kênh tiếp nhận | Trực tuyến | Tiếp nhận trong kỳ | Tỷ trọng (%) | Đã xử lý | Đúng hạn (trước hạn + đúng hạn) | Tỷ lệ xử lý đúng hạn (%) | Đang xử lý | Đang xử lý quá hạn",
        "Channel | Online | Received | Share (%) | Handled | On time (early + on due date) | On-time rate (%) | Pending | Pending past deadline",
    );
    write_headers(sheet, top, 0, &headers, formats)?;
    sheet.set_row_height(top, 45)?;
    sheet.set_column_width(0, 34)?;
    for col in 1..=8 {
        sheet.set_column_width(col, 13)?;
    }
    let total = summary.city.handling.received;
    let mut row = top + 1;
    for channel in &summary.channels {
        let online = if channel.online {
            lang.pick("Có", "Yes")
        } else {
            lang.pick("Không", "No")
        };
        let label = labels::channel(lang, channel.channel);
        let row_formats = (&formats.text, &formats.dash, &formats.count, &formats.rate);
        channel_row(
            sheet,
            row,
            (label, online),
            &channel.handling,
            total,
            row_formats,
            formats,
        )?;
        row += 1;
    }
    let city = lang.pick("Toàn Thành phố", "Whole city");
    let row_formats = (
        &formats.group,
        &formats.group,
        &formats.group_count,
        &formats.group_rate,
    );
    channel_row(
        sheet,
        row,
        (city, ""),
        &summary.city.handling,
        total,
        row_formats,
        formats,
    )?;
    row += 2;
    let h = &summary.city.handling;
    let online_share = percent(h.received_online, h.received)
        .map(|s| format!("{}%", lang.number(crate::metrics::interval::round2(s), 2)))
        .unwrap_or_else(|| "–".to_string());
    let note = match lang {
        Lang::Vi => format!(
            "Tỷ lệ PAKN tiếp nhận qua kênh trực tuyến: {online_share}. Kênh trực tuyến: thư điện tử, tin nhắn, trang thông tin điện tử, Zalo, Facebook, Cổng Dịch vụ công quốc gia, ứng dụng."
        ),
        Lang::En => format!(
            "Share of PAKN received online: {online_share}. Online channels: email, SMS, website, Zalo, Facebook, the National Public Service Portal, mobile app."
        ),
    };
    sheet.merge_range(row, 0, row, 8, &note, &formats.note)?;
    sheet.set_row_height(row, 32)?;
    print_setup(sheet, Some((top, top)))
}

/// One row of the table: name, online, and the counts of `h` (`total` =
/// the city's received, for the share); formats for text, the online
/// mark, counts and rates.
fn channel_row(
    sheet: &mut Worksheet,
    row: u32,
    (name, online): (&str, &str),
    h: &Handling,
    total: u64,
    (text, mark, count, rate): (&Format, &Format, &Format, &Format),
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(row, 0, name, text)?;
    sheet.write_string_with_format(row, 1, online, mark)?;
    write_count(sheet, row, 2, h.received, count)?;
    write_rate(sheet, row, 3, percent(h.received, total), rate, formats)?;
    write_count(sheet, row, 4, h.handled, count)?;
    write_count(sheet, row, 5, h.early + h.on_due, count)?;
    write_rate(sheet, row, 6, h.on_time_rate, rate, formats)?;
    write_count(sheet, row, 7, h.pending, count)?;
    write_count(sheet, row, 8, h.pending_overdue, count)
}
