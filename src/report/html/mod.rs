//! The HTML writers' shared parts: the rows the pages show, formatted from
//! `summary.json` ([`view`]), and the words of the pages ([`words`]).

pub mod ahead;
pub mod public;
pub mod view;
pub mod words;
