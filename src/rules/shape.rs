//! (rules of this family are being written)

use super::Rule;

pub static RULES: &[&Rule] = &[];
