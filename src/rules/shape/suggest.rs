//! "Did you mean" for unknown members and enum values. Runs only when reporting.

use super::table::{Shape, EKS_CONTAINER, EKS_CONTAINER_ENVIRONMENT_VARIABLE, KEY_VALUE_PAIR};
use super::UNKNOWN_MEMBER;
use crate::diagnostic::Sink;
use crate::forms::CfnDefinition;
use crate::input::{Path, Span};

/// Levenshtein distance over characters (short strings only: member names and enum values).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            let next = cost.min(up.saturating_add(1)).min(left + 1);
            diagonal = up;
            left = next;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Lowercase, singular: `containerProperty` and `ContainerProperties` both become
/// `containerproperty`.
fn stem(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    if let Some(base) = lower.strip_suffix("ies") {
        format!("{base}y")
    } else if let Some(base) = lower.strip_suffix('s') {
        base.to_string()
    } else {
        lower
    }
}

/// The candidate `s` most likely meant: equal but for case or plural, or within two edits
/// (and no more than a third of the longer word, so that `K8S` does not suggest `ECS`).
pub fn closest<'c>(s: &str, candidates: impl Iterator<Item = &'c str> + Clone) -> Option<&'c str> {
    let stemmed = stem(s);
    if let Some(c) = candidates.clone().find(|c| stem(c) == stemmed) {
        return Some(c);
    }
    let close = |d: usize, c: &str| d <= 2 && d * 3 <= s.chars().count().max(c.chars().count());
    candidates.map(|c| (distance(s, c), c)).filter(|&(d, c)| close(d, c)).min_by_key(|(d, _)| *d).map(|(_, c)| c)
}

pub fn report_unknown(shape: &'static Shape, key: &str, key_span: Span, path: &Path<'_>, sink: &mut Sink) {
    let pointer = path.to_pointer();
    if std::ptr::eq(shape, &EKS_CONTAINER) && key == "secrets" {
        sink.report(&UNKNOWN_MEMBER, key_span, pointer, "`secrets` is not a member of an EKS container").help(
            "Batch on Amazon EKS does not fetch SSM parameters or Secrets Manager secrets into containers: EKS containers have no `secrets`. \
             Use a Kubernetes Secret instead, mounted through a `secret` volume (`podProperties.volumes[].secret` with a `volumeMounts` entry), \
             and `imagePullSecrets` for registry credentials.",
        );
        return;
    }
    if (std::ptr::eq(shape, &KEY_VALUE_PAIR) || std::ptr::eq(shape, &EKS_CONTAINER_ENVIRONMENT_VARIABLE))
        && key == "valueFrom"
    {
        // `value-from-in-environment` (BL606) reports this, with what to write instead.
        return;
    }
    let names = shape.members.iter().map(|m| m.name);
    let Some(suggestion) = closest(key, names) else {
        let message = format!("`{key}` is not a member of `{}`", shape.name);
        sink.report(&UNKNOWN_MEMBER, key_span, pointer, message);
        return;
    };
    let message = format!("`{key}` is not a member of `{}` (did you mean `{suggestion}`?)", shape.name);
    let pascal = key.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && key.eq_ignore_ascii_case(suggestion);
    let help = if pascal {
        format!("The Batch API uses camelCase: `{key}` is the CloudFormation spelling. Write `{suggestion}`.")
    } else if key.eq_ignore_ascii_case(suggestion) {
        format!("Member names are case-sensitive: write `{suggestion}`.")
    } else {
        format!("Rename `{key}` to `{suggestion}`.")
    };
    sink.report(&UNKNOWN_MEMBER, key_span, pointer, message).help(help);
}

/// An unknown property of a CloudFormation template's job definition, in the template's own
/// names: the resource schema refuses it (a registry type's `additionalProperties: false`).
pub fn report_unknown_property(
    shape: &'static Shape,
    def: Option<&'static CfnDefinition>,
    key: &str,
    key_span: Span,
    path: &Path<'_>,
    sink: &mut Sink,
) {
    let pointer = path.to_pointer();
    let refused = format!(
        "CloudFormation refuses a property its schema does not define (`extraneous key [{key}] is not permitted`)"
    );
    let Some(def) = def else {
        sink.report(&UNKNOWN_MEMBER, key_span, pointer, format!("`{key}` is not a property here"))
            .help(format!("Remove it: {refused}."));
        return;
    };
    let owner = def.name_of();
    if let Some(suggestion) = closest(key, def.names()) {
        let message = format!("`{key}` is not a property of `{owner}` (did you mean `{suggestion}`?)");
        let help = if key.eq_ignore_ascii_case(suggestion) && key.starts_with(|c: char| c.is_ascii_lowercase()) {
            format!("CloudFormation spells properties in PascalCase: `{key}` is the Batch API's name. Write `{suggestion}`.")
        } else {
            format!("Rename `{key}` to `{suggestion}`: {refused}.")
        };
        sink.report(&UNKNOWN_MEMBER, key_span, pointer, message).help(help);
        return;
    }
    let message = format!("`{key}` is not a property of `{owner}`");
    // A member the Batch API has here, which CloudFormation's schema leaves out.
    let api = lower_first(key);
    let help = if shape.members.iter().any(|m| m.name == api) {
        format!("The Batch API's `{}` has `{api}`, but CloudFormation's `{owner}` does not: {refused}. Set it outside CloudFormation, or leave it out.", shape.name)
    } else {
        format!("Remove it: {refused}.")
    };
    sink.report(&UNKNOWN_MEMBER, key_span, pointer, message).help(help);
}

fn lower_first(key: &str) -> String {
    let mut chars = key.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["containerProperties", "nodeProperties", "type"];
        assert_eq!(closest("containerProperty", names.iter().copied()), Some("containerProperties"));
        assert_eq!(closest("ContainerProperties", names.iter().copied()), Some("containerProperties"));
        assert_eq!(closest("typo", names.iter().copied()), Some("type"));
        assert_eq!(closest("image", names.iter().copied()), None);
        assert_eq!(closest("K8S", ["ECS", "EKS"].iter().copied()), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
