//! JSON syntax and the kind of input (BL1xx).
use crate::cases::{Case, Place};

pub const CASES: &[Case] = &[
    Case {
        code: "BL101",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "app:1",}}"#,
        path: "",
        message: "trailing commas are not allowed in JSON: remove the `,` before `}`",
        good: r#"{"containerProperties": {"image": "app:1"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL103",
        place: Place::Built(crate::cases::build::nested),
        bad: r#"129"#,
        path: "",
        message: "the document is nested more than 128 levels deep",
        good: r#"128"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL104",
        place: Place::Document,
        bad: r#"[{"jobDefinitionName": "nightly", "type": "container"}]"#,
        path: "",
        message: "expected a job definition object, found an array",
        good: r#"{"jobDefinitionName": "nightly", "type": "container"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL105",
        place: Place::Latin1,
        bad: r#"{"jobDefinitionName": "café", "type": "container"}"#,
        path: "",
        message: "the input is not valid UTF-8: byte 26 cannot start or continue a character",
        good: r#"{"jobDefinitionName": "cafe", "type": "container"}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL102",
        place: Place::Request,
        bad: r#"{"containerProperties": {"image": "app:1", "image": "app:2"}}"#,
        path: "/containerProperties/image",
        message: "`image` appears twice in this object",
        good: r#"{"containerProperties": {"image": "app:2"}}"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL106",
        place: Place::Built(crate::cases::build::padded),
        bad: r#"16777300"#,
        path: "",
        message: "the input is 16777601 bytes; batchlint reads at most 16777216 bytes (16 MiB)",
        good: r#"1000"#,
        ..Case::DEFAULT
    },
    Case {
        code: "BL110",
        place: Place::Document,
        options: r#"{"form": "terraform"}"#,
        bad: "resource \"aws_batch_job_definition\" \"x\" {\n  name = \"x\n}\n",
        path: "",
        message: "invalid HCL: invalid block body; expected `}`, newline or identifier",
        good: "resource \"aws_batch_job_definition\" \"x\" {\n  name = \"x\"\n  type = \"container\"\n}\n",
        good_options: "",
    },
    Case {
        code: "BL111",
        place: Place::Document,
        options: "",
        bad: "resource \"aws_batch_job_definition\" \"x\" {\n  name = \"x\"\n  type = \"container\"\n  container_properties = <<EOF\n{\"image\": \"busybox\",}\nEOF\n}\n",
        path: "/resource/aws_batch_job_definition/x/container_properties",
        message: "`container_properties` is not valid JSON: trailing commas are not allowed in JSON: remove the `,` before `}` (`terraform plan` fails: `AWS Batch Job container_properties is invalid`)",
        good: "resource \"aws_batch_job_definition\" \"x\" {\n  name = \"x\"\n  type = \"container\"\n  container_properties = <<EOF\n{\"image\": \"busybox\"}\nEOF\n}\n",
        good_options: "",
    },
    Case {
        code: "BL112",
        place: Place::Document,
        options: "",
        bad: r#"{"format_version": "1.2", "terraform_version": "1.9.0"}"#,
        path: "",
        message: "the input has neither `planned_values` (a plan) nor `values` (a state)",
        good: r#"{"format_version": "1.2", "terraform_version": "1.9.0", "values": {"root_module": {"resources": []}}}"#,
        good_options: "",
    },
    Case {
        code: "BL108",
        place: Place::Template,
        bad: "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  NightlyJob:\n\tType: AWS::Batch::JobDefinition\n",
        path: "",
        message: "a tab indents this line; YAML indents with spaces only",
        good:
            "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  NightlyJob:\n    Type: AWS::Batch::JobDefinition\n",
        ..Case::DEFAULT
    },
    Case {
        code: "BL109",
        place: Place::Template,
        bad: "User: !!binary cm9vdA==",
        path: "",
        message: "CloudFormation does not support the YAML tag `!!binary`",
        good: "User: root",
        ..Case::DEFAULT
    },
];

#[test]
fn cases() {
    crate::cases::run(CASES);
}
