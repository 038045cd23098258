//! (rules of this family are being written)

use super::Rule;
use crate::diagnostic::Sink;
use crate::model::JobDefinition;

pub static RULES: &[&Rule] = &[];

pub fn check(_job: &JobDefinition<'_, '_>, _sink: &mut Sink) {}
