//! Values not known offline: batchlint says so, and checks what it can without them.

use super::text;
use crate::declare_rules;
use crate::diagnostic::Sink;
use crate::input::{Node, Part, Pointer};

declare_rules! {
    family: Shape;

    VALUE_UNKNOWN = "BL228" "terraform-value-unknown" Info {
        summary: "a job definition's properties are not known offline, so they are not checked",
        help: "Give batchlint the files the module reads (the CLI reads the files next to the `.tf`; the library takes `files`), a default for the variable, or check the plan (`terraform show -json`), where the values are known.",
        why: "batchlint never guesses a value that Terraform computes: a module output, a data source, a variable without a default or a file it was not given are read only when Terraform plans.",
        bad: "container_properties = file(\"${path.module}/container.json\")  # the file not given",
        good: "container_properties = jsonencode({ image = \"busybox\" })",
    }
}

/// Reports that an argument's value is not known offline, and gives the unknown value.
pub fn unknown_value<'t>(argument: &str, part: Part, why: &str, pointer: &Pointer, sink: &mut Sink) -> Node<'t> {
    let message = format!("`{argument}` is {why}, so batchlint does not check it");
    sink.report(&VALUE_UNKNOWN, part.span, pointer.as_str(), message);
    text::unknown(part)
}
