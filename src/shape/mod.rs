//! Structural validation against the Batch API shapes (rules `BL2xx`).
//!
//! `table` holds the shapes as static data, `check` walks a job definition once against
//! them, `cross` holds the checks that span several members, `text` the documented string
//! formats and `suggest` the "did you mean" logic.

mod check;
mod cross;
mod suggest;
pub mod table;
mod text;

use crate::diagnostic::Sink;
use crate::json::{Node, Span};
use crate::model::InputKind;
use crate::path::Path;
use crate::rules::shape as rules;
use table::{Coll, Limit, Member, Shape, Ty};

/// The 24 KiB quota on a job definition (AWS Batch service quotas).
pub const MAX_JOB_DEFINITION_BYTES: usize = 24 * 1024;

/// Checks one job definition (a request body or a described job definition) against its
/// shape: members, types, required members, enums, ranges, patterns and the size limit.
pub fn check_job_definition(node: &Node<'_>, path: &Path<'_>, kind: InputKind, sink: &mut Sink) {
    let shape = match kind {
        InputKind::RegisterRequest => &table::REGISTER_JOB_DEFINITION_REQUEST,
        InputKind::DescribedJobDefinition => &table::JOB_DEFINITION,
    };
    check::check_object(node, shape, path, sink);
    let size = check::compact_size(node);
    if size > MAX_JOB_DEFINITION_BYTES {
        let at = Span { start: node.span.start, end: node.span.start.saturating_add(1) };
        sink.report(
            &rules::JOB_DEFINITION_TOO_LARGE,
            at,
            path.to_pointer(),
            format!("the job definition is {size} bytes, over the 24 KiB ({MAX_JOB_DEFINITION_BYTES}-byte) quota"),
        );
    }
}

static DESCRIBE_OUTPUT: Shape = Shape {
    name: "DescribeJobDefinitionsResponse",
    members: &[
        Member { name: "jobDefinitions", ty: Ty::Obj(&table::JOB_DEFINITION), coll: Coll::List, required: true, limit: Limit::None },
        Member { name: "nextToken", ty: Ty::Str, coll: Coll::One, required: false, limit: Limit::None },
    ],
    cross: None,
};

/// Checks the envelope of DescribeJobDefinitions output (`jobDefinitions`, `nextToken`).
/// The elements of `jobDefinitions` are checked one by one by [`check_job_definition`];
/// here they only need to be objects.
pub fn check_describe_output(root: &Node<'_>, sink: &mut Sink) {
    let Some(members) = root.as_object() else { return };
    for item in members {
        let here = Path::ROOT.key(&item.key);
        if item.key != "jobDefinitions" {
            check::check_member_of(&DESCRIBE_OUTPUT, item, &here, sink);
            continue;
        }
        let Some(list) = item.value.as_array() else {
            let found = item.value.json_type().with_article();
            sink.report(&rules::WRONG_TYPE, item.value.span, here.to_pointer(), format!("expected an array of job definitions, found {found}"));
            continue;
        };
        for (i, job) in list.iter().enumerate().filter(|(_, job)| job.as_object().is_none()) {
            let found = job.json_type().with_article();
            sink.report(&rules::WRONG_TYPE, job.span, here.index(i).to_pointer(), format!("expected a job definition object, found {found}"));
        }
    }
}

/// Every `(shape, member)` pair of the table, for the botocore coverage test.
pub fn members() -> impl Iterator<Item = (&'static str, &'static str)> {
    table::ALL.iter().flat_map(|s| s.members.iter().map(move |m| (s.name, m.name)))
}

/// Every botocore enum the table uses, as `(name, values)`.
pub fn enums() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    table::MODELED_ENUMS.iter().map(|e| (e.name, e.values))
}
