//! The `[document]` table of the configuration: who issues the report
//! document (văn bản báo cáo) and to whom, as the header block, the
//! addressee line, the recipients and the signature block of the Decree
//! 30/2020/NĐ-CP layout print them. The defaults are those of Hanoi's
//! Department of Home Affairs; every key may be left out.

use serde::{Deserialize, Serialize};

/// Who issues the report document, to whom, and who signs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentConfig {
    /// The parent body, first line of the header block ("cơ quan chủ quản").
    pub parent_body: String,
    /// The issuing body ("cơ quan ban hành").
    pub issuing_body: String,
    /// The document symbol after the number (`Số: …/BC-SNV`).
    pub symbol: String,
    /// Place of issue ("địa danh").
    pub place: String,
    /// The addressee of the `Kính gửi:` line.
    pub addressee: String,
    /// The recipients listed under `Nơi nhận:` (the archive line follows).
    pub recipients: Vec<String>,
    /// What follows `- Lưu: ` (the archive and the drafting unit).
    pub archive: String,
    /// The authority line of the signature block (`KT. GIÁM ĐỐC`, `TM. …`).
    pub signer_authority: String,
    /// The signer's title (`PHÓ GIÁM ĐỐC`).
    pub signer_title: String,
    /// The signer's name (blank: left for the analyst to write).
    pub signer_name: String,
}

impl Default for DocumentConfig {
    fn default() -> Self {
        Self {
            parent_body: "UBND THÀNH PHỐ HÀ NỘI".to_string(),
            issuing_body: "SỞ NỘI VỤ".to_string(),
            symbol: "BC-SNV".to_string(),
            place: "Hà Nội".to_string(),
            addressee: "Ủy ban nhân dân Thành phố".to_string(),
            recipients: vec![
                "Như trên;".to_string(),
                "Văn phòng UBND Thành phố;".to_string(),
                "Các sở, ban, ngành; UBND các xã, phường;".to_string(),
            ],
            archive: "VT, XDCQ".to_string(),
            signer_authority: "KT. GIÁM ĐỐC".to_string(),
            signer_title: "PHÓ GIÁM ĐỐC".to_string(),
            signer_name: String::new(),
        }
    }
}
