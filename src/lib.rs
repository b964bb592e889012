//! # sipas
//!
//! Quarterly reports on how agencies receive and handle citizens' feedback
//! (phản ánh, kiến nghị — PAKN) and on citizens' satisfaction with it (the
//! SIPAS survey's four criteria), for Departments of Home Affairs.
//!
//! The pipeline flows one way through the stages, one module each:
//! [`ingest`] (files → canonical [`model`] records and findings) →
//! [`metrics`] (satisfaction indices and on-time handling, in working days
//! from [`calendar`]) → [`report`] (workbook and `summary.json`); beside the
//! report, [`export`] writes the canonical records as Parquet datasets.
//! [`pipeline`] wires them for one run. Two front ends call the library:
//! the `sipas` command line and [`serve`], the workbench in a browser.

pub mod calendar;
pub mod config;
pub mod export;
pub mod files;
#[doc(hidden)]
pub mod fuzz_target;
pub mod ingest;
pub mod lang;
pub mod messages;
pub mod metrics;
pub mod model;
pub mod observe;
pub mod pipeline;
pub mod report;
pub mod request;
pub mod sample;
pub mod serve;
pub mod text_match;
