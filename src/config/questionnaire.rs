//! The questionnaire of the SIPAS survey ("bảng hỏi"): its elements ("yếu
//! tố") and their criteria ("tiêu chí"), declared in the configuration as
//! `[[questionnaire]]` tables.
//!
//! The element of receiving and handling feedback (`PAKN`: TC1–TC4, the
//! element Plan 181/KH-UBND sets targets for) is always there and comes
//! first; a `[[questionnaire]]` with `code = "PAKN"` only relabels it or
//! gives it a weight. The wording of the criteria belongs here, not in code:
//! the official wording of TC1–TC3 has not been confirmed from a primary
//! text, and provinces ask their own questions.

use serde::{Deserialize, Serialize};

/// Code of the element of receiving and handling feedback.
pub const PAKN: &str = "PAKN";

/// The PAKN criteria codes, in order.
pub const PAKN_CRITERIA: [&str; 4] = ["TC1", "TC2", "TC3", "TC4"];

/// Default labels of the PAKN criteria (Plan 181/KH-UBND, section II.3–6).
const PAKN_LABELS: [&str; 4] = [
    "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
    "Dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
    "Cơ quan tiếp nhận và xử lý tích cực các góp ý, phản ánh, kiến nghị",
    "Cơ quan có thông báo kịp thời kết quả xử lý",
];

/// Default label of the PAKN element.
const PAKN_LABEL: &str = "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị";

/// One criterion of an element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    /// Code, also the column header that holds its answers (`TTHC1`).
    pub code: String,
    /// The question as the survey asks it.
    pub label: String,
}

/// One element of the questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElementSpec {
    /// Code (`TTHC`).
    pub code: String,
    /// Name ("Thủ tục hành chính").
    pub label: String,
    /// Weight in the overall index; when no element has one, the overall
    /// index is the plain mean of the elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Its criteria, in order.
    #[serde(default)]
    pub criteria: Vec<CriterionSpec>,
}

impl ElementSpec {
    /// The PAKN element with its default labels.
    pub fn pakn() -> Self {
        Self {
            code: PAKN.to_string(),
            label: PAKN_LABEL.to_string(),
            weight: None,
            criteria: PAKN_CRITERIA
                .iter()
                .zip(PAKN_LABELS)
                .map(|(code, label)| CriterionSpec {
                    code: code.to_string(),
                    label: label.to_string(),
                })
                .collect(),
        }
    }
}

/// The whole questionnaire: the PAKN element first, then the others as
/// declared.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    /// Every element, PAKN first.
    pub elements: Vec<ElementSpec>,
}

impl Default for Questionnaire {
    fn default() -> Self {
        Self {
            elements: vec![ElementSpec::pakn()],
        }
    }
}

/// Survey fields a criterion code must not be named like.
const RESERVED: [&str; 6] = [
    "id",
    "surveyed_at",
    "agency",
    "gave_feedback",
    "weight",
    "answers",
];

impl Questionnaire {
    /// The questionnaire of the declared elements, checked: codes unique and
    /// not those of survey fields, every element with a criterion, weights
    /// positive; a `PAKN` entry may relabel TC1–TC4 but not change them.
    pub fn from_config(declared: &[ElementSpec]) -> Result<Self, String> {
        let mut pakn = ElementSpec::pakn();
        let mut others = Vec::new();
        for element in declared {
            if element.code.eq_ignore_ascii_case(PAKN) {
                pakn.label = element.label.clone();
                pakn.weight = element.weight;
                if !element.criteria.is_empty() {
                    let codes: Vec<&str> =
                        element.criteria.iter().map(|c| c.code.as_str()).collect();
                    if codes != PAKN_CRITERIA {
                        return Err(format!(
                            "[[questionnaire]] code = \"PAKN\" has the criteria TC1, TC2, TC3, TC4 in that order (found {}); only their labels can change",
                            codes.join(", ")
                        ));
                    }
                    pakn.criteria = element.criteria.clone();
                }
            } else {
                others.push(element.clone());
            }
        }
        let mut elements = vec![pakn];
        elements.extend(others);
        let questionnaire = Self { elements };
        questionnaire.check()?;
        Ok(questionnaire)
    }

    fn check(&self) -> Result<(), String> {
        let mut seen: Vec<String> = Vec::new();
        let mut note = |code: &str, what: &str| -> Result<(), String> {
            let key = crate::text_match::fold(code);
            if key.is_empty() || code.contains(char::is_whitespace) {
                return Err(format!(
                    "[[questionnaire]] {what} code \"{code}\" must be one word (such as TTHC1)"
                ));
            }
            if RESERVED.iter().any(|r| crate::text_match::fold(r) == key) {
                return Err(format!(
                    "[[questionnaire]] {what} code \"{code}\" is the name of a survey field; choose another"
                ));
            }
            if seen.contains(&key) {
                return Err(format!(
                    "[[questionnaire]] code \"{code}\" is used twice; every element and criterion needs its own"
                ));
            }
            seen.push(key);
            Ok(())
        };
        for element in &self.elements {
            note(&element.code, "element")?;
            if element.criteria.is_empty() {
                return Err(format!(
                    "[[questionnaire]] element \"{}\" lists no criteria",
                    element.code
                ));
            }
            if let Some(weight) = element.weight.filter(|w| !(w.is_finite() && *w > 0.0)) {
                return Err(format!(
                    "[[questionnaire]] element \"{}\" has weight = {weight}; give a positive number",
                    element.code
                ));
            }
            for criterion in &element.criteria {
                note(&criterion.code, "criterion")?;
            }
        }
        Ok(())
    }

    /// Whether the questionnaire holds more than the PAKN element.
    pub fn has_more_than_pakn(&self) -> bool {
        self.elements.len() > 1
    }

    /// The criteria beyond TC1–TC4, in order, with their element's code.
    pub fn extra_criteria(&self) -> impl Iterator<Item = (&ElementSpec, &CriterionSpec)> {
        self.elements
            .iter()
            .skip(1)
            .flat_map(|e| e.criteria.iter().map(move |c| (e, c)))
    }

    /// The codes of the criteria beyond TC1–TC4, in order.
    pub fn extra_codes(&self) -> Vec<String> {
        self.extra_criteria().map(|(_, c)| c.code.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(code: &str, criteria: &[&str]) -> ElementSpec {
        ElementSpec {
            code: code.to_string(),
            label: code.to_string(),
            weight: None,
            criteria: criteria
                .iter()
                .map(|c| CriterionSpec {
                    code: c.to_string(),
                    label: c.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn pakn_comes_first_and_mistakes_are_named() {
        let q = Questionnaire::from_config(&[element("TTHC", &["TTHC1"]), element("PAKN", &[])])
            .expect("valid");
        let codes: Vec<&str> = q.elements.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, vec!["PAKN", "TTHC"]);
        assert_eq!(q.extra_codes(), vec!["TTHC1"]);
        let twice = Questionnaire::from_config(&[element("A", &["TC1"])]).expect_err("twice");
        assert!(twice.contains("\"TC1\" is used twice"), "{twice}");
        let empty = Questionnaire::from_config(&[element("A", &[])]).expect_err("empty");
        assert!(empty.contains("lists no criteria"), "{empty}");
        let reserved = Questionnaire::from_config(&[element("A", &["weight"])]).expect_err("x");
        assert!(reserved.contains("survey field"), "{reserved}");
        let changed =
            Questionnaire::from_config(&[element("PAKN", &["TC1", "TC2"])]).expect_err("pakn");
        assert!(changed.contains("only their labels"), "{changed}");
    }
}
