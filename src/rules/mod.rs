//! The rule families. Each module declares what it reports (`declare_rules!`) next to the
//! check that reports it; the registry lists them.
//!
//! `syntax` and `shape` read the document, `value_from` finds and classifies the secret
//! references, the job-level families (`security`, `role`, `names`, `platform`, `info`) read the
//! [`facts::JobFacts`] of each job definition, and `policy` reads the generated policies.

pub mod facts;
pub mod info;
pub mod names;
pub mod platform;
pub mod policy;
pub mod role;
#[cfg(feature = "forms")]
pub mod role_in_file;
pub mod security;
pub mod shape;
pub mod syntax;
pub mod value_from;

use crate::diagnostic::Sink;
use facts::JobFacts;

/// The checks that run once per job definition, on facts computed once.
pub const JOB_CHECKS: &[fn(&JobFacts<'_, '_, '_>, &mut Sink)] =
    &[security::check, role::check, names::check, platform::check, info::check];
