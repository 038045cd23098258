//! Structural validation against the Batch API shapes (being written).

use crate::diagnostic::Sink;
use crate::json::Node;
use crate::model::InputKind;
use crate::path::Path;

/// Checks one job definition (a request body or a described job definition) against its
/// shape: members, types, required members, enums, ranges, patterns and the size limit.
pub fn check_job_definition(_node: &Node<'_>, _path: &Path<'_>, _kind: InputKind, _sink: &mut Sink) {}

/// Checks the envelope of DescribeJobDefinitions output (`jobDefinitions`, `nextToken`).
pub fn check_describe_output(_root: &Node<'_>, _sink: &mut Sink) {}
