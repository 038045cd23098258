//! Fargate platform versions too old for what the job uses (BL710).

use super::{for_each_volume, is_windows, PLATFORM_VERSION_TOO_OLD};
use crate::diagnostic::Sink;
use crate::rules::facts::ContainerFacts;

/// A platform version as (major, minor, patch); `None` for `LATEST` and anything else.
fn parse_version(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.trim().split('.').map(|p| p.parse::<u32>().ok());
    let version = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(version)
}

pub(super) fn check(group: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = group.first().map(|c| c.container) else { return };
    let Some(node) = first.platform_version else { return };
    let Some(version) = node.as_str().and_then(parse_version) else { return };
    // Windows platform versions are numbered on their own (1.0.0 has everything).
    if is_windows(first.role_holder) {
        return;
    }
    let mut needs: Vec<((u32, u32, u32), &str)> = Vec::new();
    for c in group {
        let used = c.uses;
        if used.repository_credentials {
            needs.push(((1, 2, 0), "private registry credentials"));
        }
        if used.injects() {
            needs.push(((1, 3, 0), "secrets"));
        }
        if used.selectors {
            needs.push(((1, 4, 0), "JSON-key or version selectors in Secrets Manager references"));
        }
    }
    let mut efs = false;
    for_each_volume(first, |volume, _| efs |= volume.get("efsVolumeConfiguration").is_some());
    if efs {
        needs.push(((1, 4, 0), "EFS volumes"));
    }
    let Some(&(required, what)) = needs.iter().filter(|(r, _)| *r > version).max_by_key(|(r, _)| *r) else { return };
    let (a, b, c) = required;
    let written = node.as_str().unwrap_or("");
    sink.report(
        &PLATFORM_VERSION_TOO_OLD,
        node.span,
        first.platform_version_pointer.as_str(),
        format!("platform version `{written}` is too old for {what}, which need {a}.{b}.{c} or later"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("1.3.0"), Some((1, 3, 0)));
        assert_eq!(parse_version("LATEST"), None);
        assert_eq!(parse_version("1.4"), None);
        assert_eq!(parse_version("1.4.0.1"), None);
        assert!((1, 3, 0) < (1, 4, 0));
    }
}
