//! Agencies ("cơ quan, đơn vị") and the registry that names them.

use std::collections::HashMap;

use serde::Serialize;

use crate::text::fold;

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
}
