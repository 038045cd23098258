//! (rules of this family are being written)

use super::Rule;
use crate::diagnostic::Sink;
use crate::model::JobDefinition;
use crate::references::SecretReference;

pub static RULES: &[&Rule] = &[];

pub fn check(_job: &JobDefinition<'_, '_>, _refs: &[SecretReference], _sink: &mut Sink) {}
