//! The integration tests, as one crate: one binary to build, one helper module.
//!
//! `blN_*` hold each family's rules: a case table that every rule of the family appears in
//! (`cases::every_rule_has_a_case`), and tests for spans and interactions. The rest test the
//! report as a whole: policies, properties, hostile input, snapshots and the catalogue.
// Test code: unwrap and index freely (CONTRIBUTING.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod bad_input;
mod bl0_security;
mod bl1_syntax;
mod bl2_shape;
mod bl3_bl4_references;
mod bl5_role;
mod bl6_names;
mod bl7_platform;
mod bl8_options_and_policy;
mod bl9_info;
mod cases;
mod catalogue;
mod cfn_schema;
mod cloudformation;
mod common;
mod cross_form;
mod iam_matcher;
mod layers;
mod policy;
mod properties;
mod rule_examples;
mod shape_coverage;
mod snapshots;
mod terraform;
mod types;
