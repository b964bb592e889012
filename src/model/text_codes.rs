//! Distinct texts, each coded by its place in the order first seen: what
//! a column of a few texts repeated millions of times keeps once.

use std::collections::HashMap;

/// Distinct texts and the code of each.
#[derive(Debug, Clone, Default)]
pub struct TextCodes {
    /// The texts, in the order first seen: a text's code is its index.
    texts: Vec<String>,
    /// The code of each text.
    lookup: HashMap<String, u32, foldhash::fast::RandomState>,
}

impl TextCodes {
    /// The code of `text`, added when new.
    pub fn code_of(&mut self, text: &str) -> u32 {
        if let Some(&code) = self.lookup.get(text) {
            return code;
        }
        let code = self.texts.len() as u32;
        self.texts.push(text.to_string());
        self.lookup.insert(text.to_string(), code);
        code
    }

    /// The text coded `code`.
    pub fn text(&self, code: u32) -> Option<&str> {
        self.texts.get(code as usize).map(String::as_str)
    }

    /// The texts, indexed by code.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The texts, indexed by code, kept without their lookup.
    pub fn into_texts(self) -> Vec<String> {
        self.texts
    }

    /// Whether no text has been coded.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}
