//! Fargate sizes (BL701) of a container and of a task's containers together, the vCPU and
//! memory every container job gives (BL702), and GPUs on Fargate (BL703).

use super::{FARGATE_GPU, FARGATE_UNSUPPORTED_SIZE, MISSING_VCPU_OR_MEMORY};
use crate::diagnostic::Sink;
use crate::input::{Node, Pointer};
use crate::model::{Container, ContainerKind, JobDefinition};
use crate::rules::facts::ContainerFacts;

/// A Fargate size: vCPU as written in the docs and in billionths of a vCPU, and its memory
/// values in MiB as runs of (first, last, step).
type FargateSize = (&'static str, u64, &'static [(u32, u32, u32)]);

/// Fargate sizes (Batch API reference, `ResourceRequirement.value`; 32 vCPU since the
/// botocore 1.44.8 model).
const FARGATE_SIZES: &[FargateSize] = &[
    ("0.25", BILLION / 4, &[(512, 512, 512), (1024, 2048, 1024)]),
    ("0.5", BILLION / 2, &[(1024, 4096, 1024)]),
    ("1", BILLION, &[(2048, 8192, 1024)]),
    ("2", 2 * BILLION, &[(4096, 16384, 1024)]),
    ("4", 4 * BILLION, &[(8192, 30720, 1024)]),
    ("8", 8 * BILLION, &[(16384, 61440, 4096)]),
    ("16", 16 * BILLION, &[(32768, 122880, 8192)]),
    ("32", 32 * BILLION, &[(61440, 122880, 61440), (249856, 249856, 1)]),
];

const BILLION: u64 = 1_000_000_000;

/// A vCPU value in billionths of a vCPU, exactly: the whole billionths and whether a
/// fraction of one is left over (`0.0000000015` is `(1, true)`). `Some(None)` for a number
/// that is no size (negative, infinite, NaN), `None` for text that is not a number. The
/// syntax is what `str::parse::<f64>` takes (a sign, digits with an optional point, an
/// optional exponent; `inf`, `infinity`, `nan` in any case), without its float code,
/// which is ~10 KB of the .wasm.
fn vcpu_billionths(text: &str) -> Option<Option<(u64, bool)>> {
    fn split_sign(s: &[u8]) -> (bool, &[u8]) {
        match s {
            [b'-', rest @ ..] => (true, rest),
            [b'+', rest @ ..] => (false, rest),
            _ => (false, s),
        }
    }
    let all_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let (negative, s) = split_sign(text.as_bytes());
    if ["inf", "infinity", "nan"].iter().any(|word| s.eq_ignore_ascii_case(word.as_bytes())) {
        return Some(None);
    }
    let (mantissa, exponent) = match s.iter().position(|b| matches!(b, b'e' | b'E')) {
        Some(e) => (s.get(..e)?, Some(split_sign(s.get(e + 1..)?))),
        None => (s, None),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(point) => (mantissa.get(..point)?, mantissa.get(point + 1..)?),
        None => (mantissa, &[][..]),
    };
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let exponent = match exponent {
        None => 0,
        Some((_, [])) => return None,
        Some((_, digits)) if !all_digits(digits) => return None,
        Some((minus, digits)) => {
            let n = digits.iter().fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d - b'0')));
            if minus {
                -n
            } else {
                n
            }
        }
    };
    if negative {
        return Some(None);
    }
    // The first digit is worth 10^(int.len() - 1 + exponent) vCPU, 10^(that + 9) billionths.
    let first_power = i64::try_from(int.len()).unwrap_or(i64::MAX).saturating_add(exponent).saturating_add(8);
    let (mut whole, mut fraction) = (0u64, false);
    for (i, d) in int.iter().chain(frac).enumerate() {
        let digit = u64::from(d - b'0');
        let power = first_power.saturating_sub(i64::try_from(i).unwrap_or(i64::MAX));
        if power < 0 {
            fraction |= digit != 0;
        } else {
            let scale = 10u64.saturating_pow(u32::try_from(power).unwrap_or(u32::MAX));
            whole = whole.saturating_add(digit.saturating_mul(scale));
        }
    }
    Some(Some((whole, fraction)))
}

/// The Fargate size within 1e-9 vCPU of a value, the tolerance of the `f64` comparison
/// this replaces (now exact: only a value within float rounding of exactly 1e-9 from a size
/// could be judged differently); `None` for text that is not a number, `Some(None)` for a
/// number that is no size.
fn fargate_size(vcpu_text: &str) -> Option<Option<&'static FargateSize>> {
    let Some((whole, fraction)) = vcpu_billionths(vcpu_text)? else { return Some(None) };
    Some(FARGATE_SIZES.iter().find(|row| whole == row.1 || (fraction && whole.saturating_add(1) == row.1)))
}

fn fargate_memory(runs: &[(u32, u32, u32)]) -> Vec<u32> {
    runs.iter().flat_map(|&(first, last, step)| (first..=last).step_by(step.max(1) as usize)).collect()
}

/// The `resourceRequirements` entries of a container of one type, with their indexes.
fn requirements<'n, 'a>(c: &'n Node<'a>, kind: &str) -> Vec<(usize, &'n Node<'a>)> {
    c.get("resourceRequirements")
        .and_then(Node::as_array)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(_, r)| r.get_str("type").is_some_and(|t| t.eq_ignore_ascii_case(kind)))
        .collect()
}

pub(super) fn check(job: &JobDefinition<'_, '_>, container: &Container<'_, '_>, sink: &mut Sink) {
    let c = container.node;
    let base = container.pointer.key("resourceRequirements");
    if job.fargate {
        for (i, gpu) in requirements(c, "GPU") {
            let span = gpu.get("type").map_or(gpu.span, |t| t.span);
            sink.report(&FARGATE_GPU, span, base.index(i).key("type"), "GPUs are not available to jobs on Fargate");
        }
    }
    // Sizes and presence are checked for single-node container jobs here: node ranges can
    // share values across ranges, and a task is sized as a whole (`check_task`).
    if container.kind != ContainerKind::Single {
        return;
    }
    let vcpu = requirements(c, "VCPU").into_iter().next();
    let memory = requirements(c, "MEMORY").into_iter().next();
    let missing: Vec<&str> = [
        ("VCPU", vcpu.is_none() && (job.fargate || c.get("vcpus").is_none())),
        ("MEMORY", memory.is_none() && (job.fargate || c.get("memory").is_none())),
    ]
    .iter()
    .filter(|(_, missing)| *missing)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        let what = missing.join(" and ");
        let (span, pointer) = c
            .member("resourceRequirements")
            .map_or((c.opening_span(), container.pointer.clone()), |m| (m.key_span, base.clone()));
        let message = if job.fargate {
            format!("`resourceRequirements` has no {what}, which Fargate jobs must give")
        } else {
            format!("the container gives no {what} (in `resourceRequirements`), which Batch requires")
        };
        sink.report(&MISSING_VCPU_OR_MEMORY, span, pointer, message);
    }
    if job.fargate {
        if let Some((i, v)) = vcpu {
            check_fargate_size(&base, i, v, memory, sink);
        }
    }
}

/// A Fargate task's size is the sum of its containers' VCPU and MEMORY (Batch sizes the ECS
/// task from them), and the sum must be a Fargate size.
pub(super) fn check_task(group: &[ContainerFacts<'_, '_, '_>], sink: &mut Sink) {
    let Some(first) = group.first().map(|c| c.container) else { return };
    if first.kind != ContainerKind::TaskContainer {
        return;
    }
    let (mut vcpu, mut memory, mut has_vcpu, mut has_memory) = (0u64, 0u64, false, false);
    for c in group.iter().map(|c| c.container.node) {
        let value = |kind| requirements(c, kind).into_iter().next().and_then(|(_, r)| r.get_str("value"));
        if let Some(text) = value("VCPU") {
            // Not a number, or a fraction finer than a billionth: BL202 and the values say it.
            let Some(Some((billionths, false))) = vcpu_billionths(text.trim()) else { return };
            vcpu = vcpu.saturating_add(billionths);
            has_vcpu = true;
        }
        if let Some(text) = value("MEMORY") {
            let Ok(mib) = text.trim().parse::<u32>() else { return };
            memory = memory.saturating_add(u64::from(mib));
            has_memory = true;
        }
    }
    if !(has_vcpu && has_memory) {
        return;
    }
    let total =
        format!("this task asks for {} vCPU and {memory} MiB in all (the sum of its containers)", decimal(vcpu));
    let (message, help) = match FARGATE_SIZES.iter().find(|row| row.1 == vcpu) {
        None => {
            let all: Vec<&str> = FARGATE_SIZES.iter().map(|row| row.0).collect();
            (
                format!("{total}, and no Fargate size has {} vCPU", decimal(vcpu)),
                format!("Fargate takes VCPU {} for the whole task.", all.join(", ")),
            )
        }
        Some(&(label, _, runs)) => {
            let allowed = fargate_memory(runs);
            if u32::try_from(memory).is_ok_and(|m| allowed.contains(&m)) {
                return;
            }
            let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
            (
                format!("{total}, and no Fargate size has {label} vCPU with {memory} MiB"),
                format!("With {label} vCPU for the whole task, Fargate takes MEMORY {} (MiB).", list.join(", ")),
            )
        }
    };
    let span = first.role_holder.member("containers").map_or(first.role_holder.opening_span(), |m| m.key_span);
    sink.report(&FARGATE_UNSUPPORTED_SIZE, span, first.role_holder_pointer.key("containers"), message).help(format!(
        "{help} Fargate runs the task with the sum of its containers' VCPU and MEMORY: change the containers' values so that they add up to a Fargate size."
    ));
}

/// A number of billionths written as a decimal without trailing zeros (`2500000000` → `2.5`).
fn decimal(billionths: u64) -> String {
    let (whole, fraction) = (billionths / BILLION, billionths % BILLION);
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:09}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn check_fargate_size(
    base: &Pointer,
    vcpu_index: usize,
    vcpu: &Node<'_>,
    memory: Option<(usize, &Node<'_>)>,
    sink: &mut Sink,
) {
    let Some(vcpu_node) = vcpu.get("value") else { return };
    let Some(vcpu_text) = vcpu_node.as_str() else { return };
    let Some(size) = fargate_size(vcpu_text.trim()) else { return };
    let Some(&(label, _, runs)) = size else {
        let all: Vec<&str> = FARGATE_SIZES.iter().map(|row| row.0).collect();
        sink.report(
            &FARGATE_UNSUPPORTED_SIZE,
            vcpu_node.span,
            base.index(vcpu_index).key("value"),
            format!("no Fargate size has {vcpu_text} vCPU"),
        )
        .help(format!("Fargate takes VCPU {}.", all.join(", ")));
        return;
    };
    let Some((memory_index, memory)) = memory else { return };
    let Some(memory_node) = memory.get("value") else { return };
    let Some(Ok(m)) = memory_node.as_str().map(|s| s.trim().parse::<u32>()) else { return };
    let allowed = fargate_memory(runs);
    if allowed.contains(&m) {
        return;
    }
    let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
    let fitting: Vec<&str> =
        FARGATE_SIZES.iter().filter(|row| fargate_memory(row.2).contains(&m)).map(|row| row.0).collect();
    let also = if fitting.is_empty() { String::new() } else { format!(" {m} MiB fits {} vCPU.", fitting.join(" or ")) };
    sink.report(
        &FARGATE_UNSUPPORTED_SIZE,
        memory_node.span,
        base.index(memory_index).key("value"),
        format!("no Fargate size has {label} vCPU and {m} MiB of memory"),
    )
    .help(format!("With {label} vCPU, Fargate takes MEMORY {} (MiB).{also}", list.join(", ")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_table() {
        let memory = |vcpu: &str| fargate_memory(FARGATE_SIZES.iter().find(|row| row.0 == vcpu).unwrap().2);
        assert_eq!(memory("0.25"), [512, 1024, 2048]);
        assert_eq!(memory("0.5"), [1024, 2048, 3072, 4096]);
        assert_eq!(memory("8").len(), 12);
        assert_eq!(memory("16").last(), Some(&122880));
        assert_eq!(memory("32"), [61440, 122880, 249856]);
    }

    #[test]
    fn fargate_sizes_match_the_f64_comparison() {
        // What the check did before: parse as `f64`, then a size within 1e-9.
        let by_f64 = |text: &str| {
            let v = text.parse::<f64>().ok()?;
            Some(FARGATE_SIZES.iter().find(|row| (row.1 as f64 / BILLION as f64 - v).abs() < 1e-9).map(|row| row.0))
        };
        let mut cases: Vec<String> = [
            "0.25",
            "0.5",
            "1",
            "2",
            "4",
            "8",
            "16",
            "+1",
            "-1",
            "-0",
            "0",
            "00016",
            "16.",
            ".5",
            ".25",
            "0.250",
            "2.0000",
            "1e0",
            "1E0",
            "1e+0",
            "10e-1",
            "25e-2",
            "0.025e1",
            "2.5e-1",
            "0.0016e4",
            "160000000000e-10",
            "1e",
            "1e+",
            "e1",
            ".",
            "+",
            "-",
            "",
            "1.2.3",
            "1,5",
            "1 ",
            " 1",
            "0x10",
            "1_0",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "infinit",
            "nana",
            "1.0000000001",
            "0.9999999999",
            "0.25000000001",
            "0.24999999999",
            "0.2500000000000000000000001",
            "3",
            "0.75",
            "1.5",
            "32",
            "1e400",
            "1e-400",
            "99999999999999999999",
            "1e9999999999999999999999",
            "0.000000000000000000001e21",
            "٣",
            "１",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.extend(FARGATE_SIZES.iter().map(|row| format!("{}0e-1", row.0)));
        // Every string of up to 5 characters over a number's alphabet.
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            strings = strings.iter().flat_map(|s| "0125.e-".chars().map(move |c| format!("{s}{c}"))).collect();
            cases.extend(strings.iter().cloned());
        }
        for text in &cases {
            assert_eq!(fargate_size(text).map(|size| size.map(|row| row.0)), by_f64(text), "{text:?}");
        }
    }
}
