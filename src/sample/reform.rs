//! The sample registry through the 2025 reform: the 41 agencies of 2024
//! ([`AGENCIES`]) with their lifetimes, and the agencies the reform made.
//!
//! - On 1 March 2025 departments merge (Decree 45/2025/NĐ-CP): Tài nguyên
//!   và Môi trường and Nông nghiệp và Phát triển nông thôn become Nông
//!   nghiệp và Môi trường; Giao thông vận tải joins Xây dựng; Kế hoạch và
//!   Đầu tư joins Tài chính; Thông tin và Truyền thông joins Khoa học và
//!   Công nghệ; Lao động – Thương binh và Xã hội's work goes to Nội vụ.
//! - On 1 July 2025 the district level ends (no successor: its work is
//!   split among the new communes and wards), and wards and communes merge
//!   into fewer new ones. The sample's wards are named after Hanoi's; which
//!   old ward goes into which new one is the sample's, not the official list.

use super::agencies::{SampleAgency, AGENCIES};
use crate::calendar::days::{ymd, Day};
use crate::model::AgencyLevel;

/// An agency of the sample registry and its lifetime.
#[derive(Debug, Clone, Copy)]
pub struct Registered {
    /// Code, name, level, aliases, volume, satisfaction, on-time share.
    pub agency: SampleAgency,
    /// Its first day, when it was created by the reform.
    pub from: Option<Day>,
    /// Its last day, when the reform ended it.
    pub until: Option<Day>,
    /// The code of the agency that took over its work.
    pub successor: Option<&'static str>,
}

/// The departments that merged on 1 March 2025, and into which.
const DEPARTMENT_MERGERS: [(&str, &str); 6] = [
    ("STNMT", "SNNMT"),
    ("SNNPTNT", "SNNMT"),
    ("SGTVT", "SXD"),
    ("SKHDT", "STC"),
    ("STTTT", "SKHCN"),
    ("SLDTBXH", "SNV"),
];

/// The department the reform created (its volume is that of the two it
/// took over, see [`weights_on`]).
const NEW_DEPARTMENT: SampleAgency = (
    "SNNMT",
    "Sở Nông nghiệp và Môi trường",
    AgencyLevel::SoNganh,
    "Sở NN&MT",
    0.0,
    0.74,
    0.88,
);

/// A ward or commune of 1 July 2025: code, name, alias, and the old ones
/// merged into it as (code, name).
type NewWard = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The wards and communes of 1 July 2025.
const NEW_WARDS: [NewWard; 8] = [
    (
        "P-BADINH",
        "UBND phường Ba Đình",
        "Phường Ba Đình",
        &[
            ("QUANTHANH", "UBND phường Quán Thánh, quận Ba Đình"),
            ("TRUCBACH", "UBND phường Trúc Bạch, quận Ba Đình"),
            ("DIENBIEN", "UBND phường Điện Biên, quận Ba Đình"),
        ],
    ),
    (
        "P-GIANGVO",
        "UBND phường Giảng Võ",
        "Phường Giảng Võ",
        &[
            ("GIANGVO-BD", "UBND phường Giảng Võ, quận Ba Đình"),
            ("KIMMA", "UBND phường Kim Mã, quận Ba Đình"),
            ("THANHCONG", "UBND phường Thành Công, quận Ba Đình"),
        ],
    ),
    (
        "P-HOANKIEM",
        "UBND phường Hoàn Kiếm",
        "Phường Hoàn Kiếm",
        &[
            ("HANGBAC", "UBND phường Hàng Bạc, quận Hoàn Kiếm"),
            ("HANGBO", "UBND phường Hàng Bồ, quận Hoàn Kiếm"),
            ("HANGDAO", "UBND phường Hàng Đào, quận Hoàn Kiếm"),
        ],
    ),
    (
        "P-CUANAM",
        "UBND phường Cửa Nam",
        "Phường Cửa Nam",
        &[
            ("CUANAM-HK", "UBND phường Cửa Nam, quận Hoàn Kiếm"),
            ("TRANHUNGDAO", "UBND phường Trần Hưng Đạo, quận Hoàn Kiếm"),
        ],
    ),
    (
        "P-CAUGIAY",
        "UBND phường Cầu Giấy",
        "Phường Cầu Giấy",
        &[
            ("QUANHOA", "UBND phường Quan Hoa, quận Cầu Giấy"),
            ("DICHVONG", "UBND phường Dịch Vọng, quận Cầu Giấy"),
        ],
    ),
    (
        "P-HADONG",
        "UBND phường Hà Đông",
        "Phường Hà Đông",
        &[
            ("QUANGTRUNG-HD", "UBND phường Quang Trung, quận Hà Đông"),
            ("NGUYENTRAI-HD", "UBND phường Nguyễn Trãi, quận Hà Đông"),
        ],
    ),
    (
        "X-DONGANH",
        "UBND xã Đông Anh",
        "Xã Đông Anh",
        &[
            ("TT-DONGANH", "UBND thị trấn Đông Anh, huyện Đông Anh"),
            ("UYNO", "UBND xã Uy Nỗ, huyện Đông Anh"),
            ("VIETHUNG", "UBND xã Việt Hùng, huyện Đông Anh"),
        ],
    ),
    (
        "X-SOCSON",
        "UBND xã Sóc Sơn",
        "Xã Sóc Sơn",
        &[
            ("TT-SOCSON", "UBND thị trấn Sóc Sơn, huyện Sóc Sơn"),
            ("PHULINH", "UBND xã Phù Linh, huyện Sóc Sơn"),
            ("TIENDUOC", "UBND xã Tiên Dược, huyện Sóc Sơn"),
        ],
    ),
];

/// The day the departments merged.
pub fn departments_merged() -> Day {
    ymd(2025, 3, 1).unwrap_or_default()
}

/// The day the two-tier local government began.
pub fn two_tiers_began() -> Day {
    ymd(2025, 7, 1).unwrap_or_default()
}

/// The sample registry: the 41 agencies of 2024 with their lifetimes, then
/// the new department, the old wards and communes, and the new ones.
pub fn sample_registry() -> Vec<Registered> {
    let merged = departments_merged();
    let two_tiers = two_tiers_began();
    let mut all: Vec<Registered> = AGENCIES
        .iter()
        .map(|agency| {
            let successor = DEPARTMENT_MERGERS
                .iter()
                .find(|(old, _)| *old == agency.0)
                .map(|(_, new)| *new);
            let until = match (successor, agency.2) {
                (Some(_), _) => Some(merged - 1),
                (None, AgencyLevel::QuanHuyen) => Some(two_tiers - 1),
                _ => None,
            };
            Registered {
                agency: *agency,
                from: None,
                until,
                successor,
            }
        })
        .collect();
    all.push(Registered {
        agency: NEW_DEPARTMENT,
        from: Some(merged),
        until: None,
        successor: None,
    });
    for (code, _, _, old) in NEW_WARDS {
        for (old_code, old_name) in old {
            all.push(Registered {
                agency: (
                    old_code,
                    old_name,
                    AgencyLevel::XaPhuong,
                    "",
                    0.12,
                    0.86,
                    0.95,
                ),
                from: None,
                until: Some(two_tiers - 1),
                successor: Some(code),
            });
        }
    }
    for (code, name, alias, _) in NEW_WARDS {
        all.push(Registered {
            agency: (code, name, AgencyLevel::XaPhuong, alias, 0.55, 0.85, 0.95),
            from: Some(two_tiers),
            until: None,
            successor: None,
        });
    }
    all
}

impl Registered {
    /// Whether the agency exists on `day`.
    pub fn covers(&self, day: Day) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day <= until)
    }
}

/// Each agency's weight among the agencies standing on `day`: its own
/// `weight`, plus those of the agencies that ended into it (their work is
/// now its); 0 for the agencies not standing.
pub fn weights_on(
    registry: &[Registered],
    day: Day,
    weight: impl Fn(&SampleAgency) -> f64,
) -> Vec<f64> {
    let mut weights = vec![0.0; registry.len()];
    for (k, entry) in registry.iter().enumerate() {
        let mut at = k;
        // Follow the successors while each has ended (at most every agency once).
        for _ in 0..registry.len() {
            let ended = registry[at].until.is_some_and(|until| until < day);
            let next = registry[at]
                .successor
                .and_then(|code| registry.iter().position(|r| r.agency.0 == code));
            match next {
                Some(next) if ended => at = next,
                _ => break,
            }
        }
        if registry[at].covers(day) {
            weights[at] += weight(&entry.agency);
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_and_after_the_reform() {
        let registry = sample_registry();
        let position = |code: &str| registry.iter().position(|r| r.agency.0 == code);
        let day = |y, m, d| ymd(y, m, d).unwrap_or_default();
        // In 2024 STNMT stands and SNNMT does not.
        let before = weights_on(&registry, day(2024, 6, 1), |a| a.4);
        assert!(before[position("STNMT").unwrap()] > 0.0);
        assert_eq!(before[position("SNNMT").unwrap()], 0.0);
        // In 2026 SNNMT holds its own work: STNMT's and SNNPTNT's volumes.
        let after = weights_on(&registry, day(2026, 6, 1), |a| a.4);
        assert_eq!(after[position("STNMT").unwrap()], 0.0);
        assert!((after[position("SNNMT").unwrap()] - (2.6 + 0.6)).abs() < 1e-9);
        // The districts end on 30/06/2025 with no successor.
        assert_eq!(after[position("BDINH").unwrap()], 0.0);
        assert!(after[position("P-BADINH").unwrap()] > 0.0);
    }
}
