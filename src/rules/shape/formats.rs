//! String formats documented for job-definition members (botocore has no patterns).
//!
//! Each check returns `None` when the string is fine, else the problem as the rest of a
//! one-line message that starts with the member name ("`name` ...").

/// Counts characters, not bytes: AWS limits are in Unicode characters.
fn too_long(s: &str, max: usize) -> Option<String> {
    let n = s.chars().count();
    (n > max).then(|| format!("has {n} characters, more than the {max} allowed"))
}

/// The first character `allowed` refuses, as a message.
fn bad_char(s: &str, allowed: fn(char) -> bool, what: &str) -> Option<String> {
    let c = s.chars().find(|&c| !allowed(c))?;
    Some(format!("contains {}, but may only contain {what}", show_char(c)))
}

fn show_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        c if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn empty(s: &str) -> Option<String> {
    s.is_empty().then(|| "is empty".to_string())
}

/// "up to 128 letters long… uppercase and lowercase letters, numbers, hyphens (-), and underscores (_)"
pub fn job_definition_name(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 128)).or_else(|| bad_char(s, name_char, "letters, digits, `-` and `_`"))
}

/// "It can be up to 255 characters long. It can contain uppercase and lowercase letters,
/// numbers, hyphens (-), and underscores (_)." (BM Volume.name)
pub fn volume_name(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 255)).or_else(|| bad_char(s, name_char, "letters, digits, `-` and `_`"))
}

/// "Up to 255 letters (uppercase and lowercase), numbers, hyphens, underscores, colons,
/// periods, forward slashes, and number signs are allowed." `@` is added for the
/// documented `repository-url/image@digest` form.
pub fn image(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 255)).or_else(|| {
        bad_char(
            s,
            |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '/' | '#' | '@'),
            "letters, digits and `-`, `_`, `:`, `.`, `/`, `#`, `@`",
        )
    })
}

/// "The maximum length is 4,096 characters." (BM EFSVolumeConfiguration.rootDirectory)
pub fn root_directory(s: &str) -> Option<String> {
    too_long(s, 4096)
}

const TMPFS_OPTIONS: &[&str] = &[
    "defaults",
    "ro",
    "rw",
    "suid",
    "nosuid",
    "dev",
    "nodev",
    "exec",
    "noexec",
    "sync",
    "async",
    "dirsync",
    "remount",
    "mand",
    "nomand",
    "atime",
    "noatime",
    "diratime",
    "nodiratime",
    "bind",
    "rbind",
    "unbindable",
    "runbindable",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "mode",
    "uid",
    "gid",
    "nr_inodes",
    "nr_blocks",
    "mpol",
];
/// The options that take a value (`mode=1777`), as tmpfs(5) defines them.
const TMPFS_VALUED: &[&str] = &["mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol"];

/// BM Tmpfs.mountOptions lists the valid values; the valued ones may carry `=value`.
pub fn tmpfs_mount_option(s: &str) -> Option<String> {
    let (name, valued) = match s.split_once('=') {
        Some((name, _)) => (name, true),
        None => (s, false),
    };
    let known = if valued { TMPFS_VALUED } else { TMPFS_OPTIONS };
    if known.contains(&name) {
        return None;
    }
    let hint =
        if valued { format!("only {} take a value", TMPFS_VALUED.join(", ")) } else { "see tmpfs(5)".to_string() };
    Some(format!("has `{s}`, which is not a tmpfs mount option Batch accepts ({hint})"))
}

fn lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// Kubernetes names: lowercase letters, digits, `-` (and `.` where `dots`), alphanumeric at
/// both ends.
fn kubernetes_name(s: &str, max: usize, dots: bool) -> Option<String> {
    let allowed: fn(char) -> bool =
        if dots { |c| lower_alnum(c) || c == '-' || c == '.' } else { |c| lower_alnum(c) || c == '-' };
    let what = if dots { "lowercase letters, digits, `-` and `.`" } else { "lowercase letters, digits and `-`" };
    empty(s).or_else(|| too_long(s, max)).or_else(|| bad_char(s, allowed, what)).or_else(|| {
        let ends_ok = s.chars().next().is_some_and(lower_alnum) && s.chars().last().is_some_and(lower_alnum);
        (!ends_ok).then(|| "must start and end with a lowercase letter or digit".to_string())
    })
}

/// ImagePullSecret.name: lowercase, alphanumeric at both ends, `.` and `-` allowed, ≤253.
pub fn image_pull_secret_name(s: &str) -> Option<String> {
    kubernetes_name(s, 253, true)
}

/// EksMetadata.namespace: 1-63 characters, not `default`, not starting `kube`,
/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`.
pub fn eks_namespace(s: &str) -> Option<String> {
    if s == "default" {
        return Some("cannot be `default`".to_string());
    }
    if s.starts_with("kube") {
        return Some("cannot start with `kube`".to_string());
    }
    kubernetes_name(s, 63, false)
}

/// The EKS `Quantity` type: 1 to 256 characters.
pub fn quantity(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 256))
}

/// A glob that may end with `*`: the part before it must pass `body`.
fn glob(s: &str, allowed: fn(char) -> bool, what: &str) -> Option<String> {
    too_long(s, 512).or_else(|| {
        let body = s.strip_suffix('*').unwrap_or(s);
        if body.as_bytes().contains(&b'*') {
            return Some("may only have `*` at the end".to_string());
        }
        bad_char(body, allowed, what)
    })
}

/// EvaluateOnExit.onStatusReason / onReason: ≤512 of letters, digits, `.`, `:`, white space,
/// optional trailing `*`.
pub fn reason_glob(s: &str) -> Option<String> {
    glob(
        s,
        |c| c.is_ascii_alphanumeric() || c == '.' || c == ':' || c.is_whitespace(),
        "letters, digits, `.`, `:`, white space and a final `*`",
    )
}

/// EvaluateOnExit.onExitCode: ≤512 digits, optional trailing `*`.
pub fn exit_code_glob(s: &str) -> Option<String> {
    glob(s, |c| c.is_ascii_digit(), "digits and a final `*`")
}

/// A tag key: 1-128 characters, not starting `aws:` (reserved, any case).
pub fn tag_key(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 128)).or_else(|| {
        let reserved = s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
        reserved.then(|| "starts with `aws:`, a prefix reserved for AWS".to_string())
    })
}

/// A tag value: up to 256 characters.
pub fn tag_value(s: &str) -> Option<String> {
    too_long(s, 256)
}

/// `EksSeccompLocalhostProfile`: 1 to 4,095 characters (the model's `min` and `max`).
pub fn seccomp_localhost_profile(s: &str) -> Option<String> {
    empty(s).or_else(|| too_long(s, 4095))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(job_definition_name("nightly_job-1"), None);
        assert!(job_definition_name("my job").is_some_and(|m| m.contains("a space")));
        assert!(job_definition_name(&"a".repeat(129)).is_some());
        assert_eq!(tmpfs_mount_option("mode=1777"), None);
        assert!(tmpfs_mount_option("ro=1").is_some());
        assert!(tmpfs_mount_option("fast").is_some());
        assert_eq!(exit_code_glob("13*"), None);
        assert!(exit_code_glob("1*3").is_some());
        assert!(exit_code_glob("-1").is_some());
        assert_eq!(reason_glob("Host EC2*"), None);
        assert!(reason_glob("Task failed!").is_some());
        assert!(eks_namespace("kube-system").is_some());
        assert!(eks_namespace("default").is_some());
        assert!(eks_namespace("batch-").is_some());
        assert_eq!(eks_namespace("my-batch"), None);
        assert_eq!(image_pull_secret_name("regcred.v1"), None);
        assert!(image_pull_secret_name("RegCred").is_some());
        assert!(tag_key("AWS:team").is_some());
        assert!(tag_key("é").is_none());
    }
}
