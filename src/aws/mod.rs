//! AWS partitions, regions and ARNs: the static table of partitions (`data.rs`, generated),
//! ARN parsing, and the ARNs of the parameters and secrets the policy grants.

pub mod arn;
mod data;

pub use arn::Arn;
pub use data::PARTITIONS;

#[derive(Debug, PartialEq, Eq)]
pub struct Partition {
    pub id: &'static str,
    pub dns_suffix: &'static str,
    /// (region, display name, whether Batch, SSM, Secrets Manager and KMS all have
    /// endpoints there in the SDK data the table was generated from).
    pub regions: &'static [(&'static str, &'static str, bool)],
}

impl Partition {
    pub fn has_region(&self, region: &str) -> bool {
        self.regions.iter().any(|(r, _, _)| *r == region)
    }
}

pub fn partition(id: &str) -> Option<&'static Partition> {
    PARTITIONS.iter().find(|p| p.id == id)
}

/// The partition a known region belongs to.
pub fn partition_of_region(region: &str) -> Option<&'static Partition> {
    PARTITIONS.iter().find(|p| p.has_region(region))
}

/// The partition whose naming pattern a region matches, for regions newer than the table
/// (the SDK's `regionRegex`, written out by hand to avoid a regex engine in the .wasm).
pub fn partition_by_region_pattern(region: &str) -> Option<&'static Partition> {
    let parts: Vec<&str> = region.split('-').collect();
    let well_formed_tail = |tail: &[&str]| matches!(tail, [word, number] if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()));
    let id = match parts.as_slice() {
        ["us", "gov", tail @ ..] if well_formed_tail(tail) => "aws-us-gov",
        ["us", "iso", tail @ ..] if well_formed_tail(tail) => "aws-iso",
        ["us", "isob", tail @ ..] if well_formed_tail(tail) => "aws-iso-b",
        ["us", "isof", tail @ ..] if well_formed_tail(tail) => "aws-iso-f",
        ["eu", "isoe", tail @ ..] if well_formed_tail(tail) => "aws-iso-e",
        ["eusc", "de", tail @ ..] if well_formed_tail(tail) => "aws-eusc",
        ["cn", tail @ ..] if well_formed_tail(tail) => "aws-cn",
        [geo, tail @ ..]
            if matches!(*geo, "us" | "eu" | "ap" | "sa" | "ca" | "me" | "af" | "il" | "mx")
                && well_formed_tail(tail) =>
        {
            "aws"
        }
        _ => return None,
    };
    partition(id)
}

/// A 12-digit AWS account ID.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_partitions() {
        assert_eq!(partition_of_region("eu-west-1").map(|p| p.id), Some("aws"));
        assert_eq!(partition_of_region("cn-north-1").map(|p| p.id), Some("aws-cn"));
        assert_eq!(partition_of_region("us-gov-west-1").map(|p| p.id), Some("aws-us-gov"));
        assert_eq!(partition_of_region("mars-east-1"), None);
        assert_eq!(partition_by_region_pattern("eu-west-9").map(|p| p.id), Some("aws"));
        assert_eq!(partition_by_region_pattern("us-gov-central-7").map(|p| p.id), Some("aws-us-gov"));
        assert_eq!(partition_by_region_pattern("us-isob-north-3").map(|p| p.id), Some("aws-iso-b"));
        assert_eq!(partition_by_region_pattern("eusc-de-west-2").map(|p| p.id), Some("aws-eusc"));
        assert_eq!(partition_by_region_pattern("us-east"), None);
        assert_eq!(partition_by_region_pattern("xx-east-1"), None);
    }

    #[test]
    fn every_region_matches_its_partition_pattern() {
        for p in PARTITIONS {
            for (r, _, _) in p.regions {
                assert_eq!(partition_by_region_pattern(r).map(|q| q.id), Some(p.id), "{r}");
            }
        }
        assert_eq!(PARTITIONS.len(), 8);
    }
}
