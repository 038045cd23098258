//! What Windows containers do not support (BL712).

use super::{for_each_volume, is_windows, set_member, WINDOWS_UNSUPPORTED};
use crate::diagnostic::Sink;
use crate::rules::facts::ContainerFacts;

pub(super) fn check(group: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = group.first().map(|c| c.container) else { return };
    let holder = first.role_holder;
    if !is_windows(holder) {
        return;
    }
    let platform_pointer = first.role_holder_pointer.key("runtimePlatform");
    if let Some(arch) = holder.get("runtimePlatform").and_then(|r| r.get("cpuArchitecture")) {
        if arch.as_str().is_some_and(|a| !a.eq_ignore_ascii_case("X86_64")) {
            sink.report(
                &WINDOWS_UNSUPPORTED,
                arch.span,
                platform_pointer.key("cpuArchitecture"),
                "`cpuArchitecture` must be X86_64 for a Windows container",
            );
        }
    }
    for container in group.iter().map(|c| c.container) {
        let c = container.node;
        for key in ["linuxParameters", "user", "ulimits"] {
            if let Some(m) = set_member(c, key) {
                sink.report(
                    &WINDOWS_UNSUPPORTED,
                    m.key_span,
                    container.pointer.key(key),
                    format!("`{key}` is not supported for Windows containers"),
                );
            }
        }
        for key in ["privileged", "readonlyRootFilesystem"] {
            if let Some(m) = c.member(key).filter(|m| m.value.as_bool() == Some(true)) {
                sink.report(
                    &WINDOWS_UNSUPPORTED,
                    m.key_span,
                    container.pointer.key(key),
                    format!("`{key}` is not supported for Windows containers"),
                );
            }
        }
    }
    for_each_volume(first, |volume, pointer| {
        if let Some(m) = volume.member("efsVolumeConfiguration") {
            sink.report(
                &WINDOWS_UNSUPPORTED,
                m.key_span,
                pointer.key("efsVolumeConfiguration"),
                "`efsVolumeConfiguration` is not supported for Windows containers",
            );
        }
    });
}
