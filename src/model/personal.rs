//! What looks like personal data or free text among values taken from the
//! data: the page for publishing never shows such a value, and the mapping
//! form warns when a column chosen for a subject field, a category or an
//! agency holds them.

/// Longer text than this (in characters) is free text, never published.
const FREE_TEXT_CHARS: usize = 60;

/// More words than this is free text, never published.
const FREE_TEXT_WORDS: usize = 10;

/// Whether `text` looks like personal data or free text rather than a name
/// many PAKN share: a run of 8 digits or more (phone, ID card), an `@`, a
/// form of address before a name ("Ông Nguyễn…", "bà…"), or long text.
pub fn looks_personal(text: &str) -> bool {
    let text = text.trim();
    if text.contains('@') {
        return true;
    }
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 8 {
                return true;
            }
        } else if !matches!(c, ' ' | '.' | '-' | '(' | ')' | '+') {
            digits = 0;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if text.chars().count() > FREE_TEXT_CHARS || words.len() > FREE_TEXT_WORDS {
        return true;
    }
    let address = ["ông", "bà", "anh", "chị", "cô", "chú", "em", "cháu"];
    matches!(
        words.as_slice(),
        [first, second, ..] if address.contains(&first.to_lowercase().as_str())
            && second.chars().next().is_some_and(char::is_uppercase)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_and_free_text_are_recognised() {
        for personal in [
            "Ông Nguyễn Văn An sđt 0912345678 phản ánh",
            "0912 345 678",
            "nguyenvana@gmail.com",
            "001089012345",
            "Bà Trần Thị Bình",
            "anh Lê Văn Cường",
            "Đề nghị kiểm tra việc xây dựng trái phép tại ngõ 12 phố Hàng Bông, đã phản ánh nhiều lần",
        ] {
            assert!(looks_personal(personal), "{personal}");
        }
        for field in [
            "Đất đai",
            "Xây dựng",
            "Đăng ký kinh doanh",
            "Môi trường",
            "Sở Tài nguyên và Môi trường",
            "UBND phường Ô Chợ Dừa",
            "Giao thông – Vận tải",
            "Department of Transportation",
            "NYPD",
            "Bảo hiểm xã hội năm 2025",
        ] {
            assert!(!looks_personal(field), "{field}");
        }
    }
}
