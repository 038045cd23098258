//! The CloudFormation table (`src/forms/cloudformation/schema.rs`, generated from cfn-lint's
//! resource schema by `scripts/gen-cfn-schema.py`) against the shape table: walked together
//! from a template's `Properties` and a RegisterJobDefinition request, every property names a
//! member of the API shape at the same place with the same kind of value, except the few that
//! only CloudFormation has; and the members that the API has and CloudFormation's schema
//! leaves out are exactly the ones listed here, which a template therefore cannot set.

use batchlint::forms::cloudformation::names::{self, Definition, Type};
use batchlint::rules::shape::table::{self, Coll, Shape, Ty};
use std::collections::BTreeSet;

/// Properties the Batch API does not have: the resource's own settings and attribute.
const CLOUDFORMATION_ONLY: &[&str] = &["Properties.JobDefinitionArn", "Properties.ResourceRetentionPolicy"];

/// API members that CloudFormation's schema (cfn-lint 28d30d8b) does not define where the
/// shape table has them, as `Definition.member`.
const API_ONLY: &[&str] = &[
    "ContainerProperties.instanceType",
    "EcsTaskProperties.networkMode",
    "EksContainerSecurityContext.capabilities",
    "EksContainerSecurityContext.seccompProfile",
    "EksPodProperties.securityContext",
    "MultiNodeContainerProperties.fargatePlatformConfiguration",
    "MultiNodeContainerProperties.networkConfiguration",
    "MultiNodeEcsTaskProperties.ephemeralStorage",
    "MultiNodeEcsTaskProperties.networkConfiguration",
    "MultiNodeEcsTaskProperties.networkMode",
    "MultiNodeEcsTaskProperties.platformVersion",
    "MultiNodeEcsTaskProperties.runtimePlatform",
];

fn walk(
    def: &'static Definition,
    shape: &'static Shape,
    seen: &mut BTreeSet<String>,
    wrong: &mut Vec<String>,
    api_only: &mut BTreeSet<String>,
) {
    if !seen.insert(format!("{}/{}", def.name, shape.name)) {
        return;
    }
    for p in def.properties {
        let here = format!("{}.{}", def.name, p.name);
        let Some(member) = shape.member(p.api) else {
            if !CLOUDFORMATION_ONLY.contains(&here.as_str()) {
                wrong.push(format!("{here}: the API's {} has no `{}`", shape.name, p.api));
            }
            continue;
        };
        let same_kind = match (p.ty, member.ty, member.coll) {
            (Type::Map, Ty::Str, Coll::Map) => true,
            (_, _, Coll::Map) | (Type::Map, _, _) => false,
            (Type::String, Ty::Str | Ty::Enum(_), _)
            | (Type::Integer, Ty::Int | Ty::Long, _)
            | (Type::Boolean, Ty::Bool, _) => true,
            (Type::Object(child), Ty::Obj(child_shape), _) => {
                walk(child, child_shape, seen, wrong, api_only);
                true
            }
            _ => false,
        };
        if !same_kind || p.list != (member.coll == Coll::List) {
            wrong.push(format!(
                "{here}: {:?} (list: {}) against the API's {:?} {:?}",
                p.ty, p.list, member.ty, member.coll
            ));
        }
    }
    for member in shape.members {
        if def.by_api(member.name).is_none() {
            api_only.insert(format!("{}.{}", def.name, member.name));
        }
    }
}

#[test]
fn the_cloudformation_table_matches_the_shape_table() {
    let (mut seen, mut wrong, mut api_only) = (BTreeSet::new(), Vec::new(), BTreeSet::new());
    walk(names::root(), &table::REGISTER_JOB_DEFINITION_REQUEST, &mut seen, &mut wrong, &mut api_only);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let expected: BTreeSet<String> = API_ONLY.iter().map(|s| s.to_string()).collect();
    assert_eq!(api_only, expected, "API members that a template cannot set");
}

#[test]
fn names_map_to_the_api_and_back() {
    let root = names::root();
    let container = root.child("containerProperties").unwrap();
    assert_eq!(container.name, "ContainerProperties");
    assert_eq!(container.cfn_name("readonlyRootFilesystem"), Some("ReadonlyRootFilesystem"));
    let volume = container.child("volumes").unwrap();
    assert_eq!(volume.cfn_name("s3filesVolumeConfiguration"), Some("S3FilesVolumeConfiguration"));
    let range = root.child("nodeProperties").unwrap().child("nodeRangeProperties").unwrap();
    assert_eq!(range.child("container").unwrap().name, "MultiNodeContainerProperties");
    assert!(root.requires("type") && !root.requires("jobDefinitionName"));
    assert!(root.is_read_only("jobDefinitionArn"));
}
