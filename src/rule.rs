//! What a rule is: its metadata, its severity and the family it is listed under. This module
//! is the bottom of the crate (it imports nothing from it): every module that reports a
//! finding declares its own rules here with [`declare_rules!`], next to the check.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A rule's metadata. `summary` reads as the problem ("secret name shadows an environment
/// variable"), as in clippy and ruff; `help` says what to do. Without the `docs` feature the
/// text fields are empty: only the code, name, family and severity are in the .wasm.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Stable code, `BL` + family digit + two digits. Never reused.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub summary: &'static str,
    pub help: &'static str,
    /// Why it matters: the failure a user would otherwise meet, with its source.
    pub why: &'static str,
    /// A fragment that triggers the rule.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
}

/// The catalogue's headings. A family is where a rule is listed, not a module boundary:
/// BL801–BL806 are checked where the options are read, BL807–BL809 over the built policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Security,
    Syntax,
    Shape,
    ValueFrom,
    RegionAndAccount,
    ExecutionRole,
    Names,
    Platform,
    Policy,
    Info,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::Security => "Security (credentials, privileges)",
            Family::Syntax => "JSON syntax and input",
            Family::Shape => "Structure of the job definition",
            Family::ValueFrom => "Secret references (`valueFrom`)",
            Family::RegionAndAccount => "Region, account and partition",
            Family::ExecutionRole => "Execution role",
            Family::Names => "Environment and secret names",
            Family::Platform => "Platform (Fargate, EC2, EKS)",
            Family::Policy => "Generated policy and options",
            Family::Info => "Run-time notes",
        }
    }

    /// The family's name as the catalogue, the rules' serde form and the JS layer write it.
    pub fn id(self) -> &'static str {
        match self {
            Family::Security => "security",
            Family::Syntax => "syntax",
            Family::Shape => "shape",
            Family::ValueFrom => "value-from",
            Family::RegionAndAccount => "region-and-account",
            Family::ExecutionRole => "execution-role",
            Family::Names => "names",
            Family::Platform => "platform",
            Family::Policy => "policy",
            Family::Info => "info",
        }
    }
}

impl Serialize for Family {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A rule's documentation text (summary, help, why, examples): kept with the `docs` feature
/// (the native crate, its docs and tests), left out of the shipped .wasm. The package's JS
/// layer carries the same text, generated from this metadata (`pkg-template/rules.js`), and
/// fills in a diagnostic's help where the module leaves it empty.
#[macro_export]
#[doc(hidden)]
macro_rules! docs {
    ($text:expr) => {
        if cfg!(feature = "docs") {
            $text
        } else {
            ""
        }
    };
}

/// Declares the rules a module reports, in code order, and `RULES`, their list:
///
/// ```ignore
/// declare_rules! {
///     family: ExecutionRole;
///
///     SECRETS_WITHOUT_EXECUTION_ROLE = "BL501" "secrets-without-execution-role" Error {
///         summary: "…", help: "…", why: "…", bad: r#"{…}"#, good: r#"{…}"#,
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rules {
    (
        family: $family:ident;
        $(
            $id:ident = $code:literal $name:literal $severity:ident {
                summary: $summary:expr,
                help: $help:expr,
                why: $why:expr,
                bad: $bad:expr,
                good: $good:expr $(,)?
            }
        )*
    ) => {
        $(
            pub static $id: $crate::rule::Rule = $crate::rule::Rule {
                code: $code,
                name: $name,
                family: $crate::rule::Family::$family,
                severity: $crate::rule::Severity::$severity,
                summary: $crate::docs!($summary),
                help: $crate::docs!($help),
                why: $crate::docs!($why),
                bad: $crate::docs!($bad),
                good: $crate::docs!($good),
            };
        )*
        /// The rules this module reports, in code order.
        pub static RULES: &[&$crate::rule::Rule] = &[$(&$id),*];
    };
}
