//! Agencies ("cơ quan, đơn vị") and the registry that names them.

use std::collections::HashMap;

use serde::Serialize;

use crate::calendar::Day;
use crate::text_match::fold;

/// Administrative level of an agency; report rows are grouped by it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// Departments, boards and branches ("sở, ban, ngành").
    #[default]
    SoNganh,
    /// District level ("quận, huyện, thị xã").
    QuanHuyen,
    /// Commune level ("xã, phường, thị trấn").
    XaPhuong,
}

impl AgencyLevel {
    /// Every level, in report order.
    pub const ALL: [AgencyLevel; 3] = [
        AgencyLevel::SoNganh,
        AgencyLevel::QuanHuyen,
        AgencyLevel::XaPhuong,
    ];

    /// The code used in registry files.
    pub fn code(self) -> &'static str {
        match self {
            AgencyLevel::SoNganh => "so_nganh",
            AgencyLevel::QuanHuyen => "quan_huyen",
            AgencyLevel::XaPhuong => "xa_phuong",
        }
    }

    /// Reads a level code or its Vietnamese name.
    pub fn parse(text: &str) -> Option<Self> {
        match fold(text).as_str() {
            "so nganh" | "so ban nganh" | "so" => Some(AgencyLevel::SoNganh),
            "quan huyen" | "quan huyen thi xa" | "huyen" | "quan" => Some(AgencyLevel::QuanHuyen),
            "xa phuong" | "xa phuong thi tran" | "xa" | "phuong" => Some(AgencyLevel::XaPhuong),
            _ => None,
        }
    }
}

/// One agency of the registry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agency {
    /// Short code, unique in the registry.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Administrative level.
    pub level: AgencyLevel,
    /// Other names found in exports.
    pub aliases: Vec<String>,
    /// Taken as named in the data (profiles with `agencies = "as-is"`),
    /// not from a registry: its name is the data's text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub as_named: bool,
    /// When it existed and who took over its work ("hợp nhất, sáp nhập").
    #[serde(skip)]
    pub lifetime: Lifetime,
}

/// When an agency existed, both days included (none: open), and the agency
/// that took over its work when it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lifetime {
    /// Its first day ("hiệu lực từ").
    pub valid_from: Option<Day>,
    /// Its last day ("hết hiệu lực").
    pub valid_until: Option<Day>,
    /// The code of the agency that took over its work ("cơ quan kế thừa").
    pub successor: Option<String>,
}

impl Lifetime {
    /// Whether the agency exists on `day`.
    pub fn covers(&self, day: Day) -> bool {
        self.valid_from.is_none_or(|from| from <= day)
            && self.valid_until.is_none_or(|until| day <= until)
    }

    /// Whether the agency ended before `day`.
    pub fn ended_before(&self, day: Day) -> bool {
        self.valid_until.is_some_and(|until| until < day)
    }
}

/// Why the successions of a registry cannot be followed, with the
/// positions of the agencies at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessionProblem {
    /// The successor is not a code of the registry.
    UnknownSuccessor {
        /// Position of the agency naming it.
        agency: usize,
    },
    /// Following successors comes back to where it started.
    Cycle {
        /// Positions of the agencies of the cycle, in order.
        agencies: Vec<usize>,
    },
    /// The successor starts more than a day after its predecessor ends.
    Gap {
        /// Position of the predecessor.
        agency: usize,
        /// Position of the successor.
        successor: usize,
    },
    /// An agency with a successor and no last day, or a last day before its first.
    Dates {
        /// Position of the agency.
        agency: usize,
    },
}

/// Index of an agency in its [`Registry`].
pub type AgencyId = u32;

/// A code, name or alias that two agencies of a registry share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedKey {
    /// The text as the second agency gives it.
    pub key: String,
    /// Position of the first agency in the list.
    pub first: usize,
    /// Position of the second.
    pub second: usize,
}

/// The agencies of a city, looked up by code, name or alias (folded like headers).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    agencies: Vec<Agency>,
    by_key: HashMap<String, AgencyId>,
}

impl Registry {
    /// Builds a registry. Returns the first key (code, name or alias) that two
    /// different agencies share, if any.
    pub fn new(agencies: Vec<Agency>) -> Result<Self, SharedKey> {
        let mut by_key = HashMap::new();
        for (index, agency) in agencies.iter().enumerate() {
            let id = index as AgencyId;
            let keys = std::iter::once(&agency.code)
                .chain(std::iter::once(&agency.name))
                .chain(agency.aliases.iter());
            for key in keys {
                let folded = fold(key);
                if folded.is_empty() {
                    continue;
                }
                if let Some(&other) = by_key.get(&folded) {
                    if other != id {
                        return Err(SharedKey {
                            key: key.clone(),
                            first: other as usize,
                            second: index,
                        });
                    }
                }
                by_key.insert(folded, id);
            }
        }
        Ok(Self { agencies, by_key })
    }

    /// Adds an agency known only by the name found in the data (profiles with
    /// `agencies = "as-is"`); its code is the name.
    pub fn add(&mut self, name: &str, level: AgencyLevel) -> AgencyId {
        let id = self.agencies.len() as AgencyId;
        self.agencies.push(Agency {
            code: name.to_string(),
            name: name.to_string(),
            level,
            aliases: Vec::new(),
            as_named: true,
            lifetime: Lifetime::default(),
        });
        self.by_key.insert(fold(name), id);
        id
    }

    /// Adds an agency as a dataset describes it (code, name and level).
    pub fn add_described(&mut self, agency: Agency) -> AgencyId {
        let id = self.agencies.len() as AgencyId;
        for key in [&agency.code, &agency.name] {
            let folded = fold(key);
            if !folded.is_empty() {
                self.by_key.entry(folded).or_insert(id);
            }
        }
        self.agencies.push(agency);
        id
    }

    /// Finds the agency named by `text` (code, name or alias).
    pub fn find(&self, text: &str) -> Option<AgencyId> {
        self.by_key.get(&fold(text)).copied()
    }

    /// The agency with index `id`.
    pub fn get(&self, id: AgencyId) -> Option<&Agency> {
        self.agencies.get(id as usize)
    }

    /// All agencies in registry order.
    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    /// Number of agencies.
    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    /// Whether the registry is empty.
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// Names of all agencies, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.agencies.iter().map(|a| a.name.as_str())
    }

    /// The agency that took over the work of `id`, by its code.
    pub fn successor(&self, id: AgencyId) -> Option<AgencyId> {
        let code = self.get(id)?.lifetime.successor.as_deref()?;
        self.agencies
            .iter()
            .position(|a| a.code == code)
            .map(|k| k as AgencyId)
    }

    /// Checks that every successor is a code of the registry, that
    /// following successors never comes back, and that each successor
    /// starts at the latest the day after its predecessor ends.
    pub fn check_successions(&self) -> Result<(), SuccessionProblem> {
        for (k, agency) in self.agencies.iter().enumerate() {
            let life = &agency.lifetime;
            let reversed =
                matches!((life.valid_from, life.valid_until), (Some(f), Some(u)) if u < f);
            if reversed || (life.successor.is_some() && life.valid_until.is_none()) {
                return Err(SuccessionProblem::Dates { agency: k });
            }
            if life.successor.is_none() {
                continue;
            }
            let Some(next) = self.successor(k as AgencyId) else {
                return Err(SuccessionProblem::UnknownSuccessor { agency: k });
            };
            let starts = self.agencies[next as usize].lifetime.valid_from;
            if let (Some(until), Some(from)) = (life.valid_until, starts) {
                if from > until + 1 {
                    return Err(SuccessionProblem::Gap {
                        agency: k,
                        successor: next as usize,
                    });
                }
            }
        }
        for start in 0..self.agencies.len() {
            let mut chain = vec![start];
            let mut at = start as AgencyId;
            while let Some(next) = self.successor(at) {
                if let Some(first) = chain.iter().position(|&c| c == next as usize) {
                    return Err(SuccessionProblem::Cycle {
                        agencies: chain[first..].to_vec(),
                    });
                }
                chain.push(next as usize);
                at = next;
            }
        }
        Ok(())
    }

    /// Under which agency each agency's records count in a report whose
    /// period ends on `day`: an agency that ended before `day` counts under
    /// its successor, following the chain (A → B → C) while each ended
    /// before `day`; the others under themselves.
    pub fn reporting_map(&self, day: Day) -> Vec<AgencyId> {
        (0..self.agencies.len() as AgencyId)
            .map(|id| {
                let mut at = id;
                // At most one step per agency: a cycle (refused when read)
                // cannot loop.
                for _ in 0..self.agencies.len() {
                    let ended = self.agencies[at as usize].lifetime.ended_before(day);
                    match self.successor(at) {
                        Some(next) if ended => at = next,
                        _ => break,
                    }
                }
                at
            })
            .collect()
    }
}
