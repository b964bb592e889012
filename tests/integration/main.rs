//! The integration tests of sipas, in one binary so that polars links once.
//! Every expected number is worked out by hand in a comment next to it.

mod bad_input;
mod browser;
mod browser_vietnamese;
mod calendar;
mod cli;
mod common;
mod config;
mod document;
mod due_soon;
mod fuzz_corpus;
mod handling;
mod header_block;
mod ingest;
mod malformed;
mod parquet;
mod periods;
mod profiles;
mod public;
mod questionnaire;
mod reform;
mod report;
mod satisfaction;
mod scale;
mod serve;
mod snapshots;
mod spreadsheets;
mod subjects;
mod survey_plan;
mod targets;
mod workbook;
mod xlsx_stream;
