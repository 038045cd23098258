//! Terraform: positions in the user's own file (a line of a heredoc, a character inside a
//! plan's JSON string, a file that `file()` reads), references in `.tf` files, and the roles
//! a module defines.

use crate::common::{js_position, opts, range_tuple};
use batchlint::diagnostic::Sink;
use batchlint::forms::{self, Context, Form};
use batchlint::input::Sources;
use batchlint::{analyze, Diagnostic, Options, Report};
use std::collections::HashMap;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(crate::common::fixtures_dir().join(name)).unwrap()
}

fn one<'r>(report: &'r Report, code: &str) -> &'r Diagnostic {
    let found: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{code}: {:#?}", report.diagnostics);
    found[0]
}

/// The positions of `len` bytes at byte `at` of `text`.
fn at(text: &str, at: usize, len: usize) -> ((u32, u32, u32), (u32, u32, u32)) {
    (js_position(text, at), js_position(text, at + len))
}

fn offset(text: &str, needle: &str) -> usize {
    assert_eq!(text.matches(needle).count(), 1, "{needle} is not unique");
    text.find(needle).unwrap()
}

#[test]
fn findings_in_an_indented_heredoc_are_on_its_lines() {
    let text = fixture("tf-heredoc.tf");
    let report = analyze(&text, &opts());
    assert_eq!(report.form, Form::Terraform);
    let d = one(&report, "BL309");
    assert_eq!(d.path, "/resource/aws_batch_job_definition/report/container_properties/Secrets/1/valueFrom");
    let slashes = offset(&text, "parameter//prod/smtp") + "parameter".len();
    assert_eq!(range_tuple(d), at(&text, slashes, 2));
    assert_eq!(d.file, None);
    // The member written `Secrets` is decoded as `secrets`, and named as written.
    let d = one(&report, "BL227");
    assert_eq!(range_tuple(d), at(&text, offset(&text, "\"Secrets\""), "\"Secrets\"".len()));
}

#[test]
fn escapes_of_quoted_strings_and_templates_keep_positions() {
    let tf = |value: &str| {
        format!(
            "resource \"aws_batch_job_definition\" \"x\" {{\n  name = \"x\"\n  type = \"container\"\n  container_properties = {value}\n}}\n"
        )
    };
    // A quoted string: `\"` is one byte of the JSON and two of the file.
    let text = tf(r#""{\"image\": \"busybox\", \"secrets\": [{\"name\": \"S\", \"valueFrom\": \"/prod/a b\"}]}""#);
    let report = analyze(&text, &opts());
    let d = one(&report, "BL314");
    assert_eq!(range_tuple(d), at(&text, offset(&text, " b\\\""), 1));
    // A heredoc: `$${` is `${`, one byte shorter than the file's.
    let text =
        tf("<<EOF\n{\"image\": \"busybox\", \"secrets\": [{\"name\": \"S\", \"valueFrom\": \"/pr$${od} x\"}]}\nEOF");
    let report = analyze(&text, &opts());
    let d = one(&report, "BL314");
    assert!(d.message.starts_with("`$` is not allowed"), "{}", d.message);
    // The `$` the file writes `$$` is found at the first of them.
    let dollar = offset(&text, "$${od}");
    assert_eq!(range_tuple(d), at(&text, dollar, 1));
    let d = one(&report, "BL314");
    assert_eq!(d.path, "/resource/aws_batch_job_definition/x/container_properties/secrets/0/valueFrom");
}

#[test]
fn findings_in_a_plan_land_inside_its_json_string() {
    let text = fixture("tf-plan.json");
    let report = analyze(&text, &opts());
    assert_eq!(report.form, Form::TerraformPlan);
    let d = one(&report, "BL308");
    assert_eq!(d.path, "/planned_values/root_module/resources/0/values/container_properties/secrets/0/valueFrom");
    // The plan's first container_properties string (planned_values), after `\u003c` escapes.
    let colon = offset(&text[..text.find("resource_changes").unwrap()], "parameter:/prod") + "parameter".len();
    assert_eq!(range_tuple(d), at(&text, colon, 1));
    let r = &report.references[0];
    assert_eq!(r.resource.as_deref(), Some("aws_batch_job_definition.nightly"));
    let value = colon - "arn:aws:ssm:eu-west-1:123456789012:parameter".len() - 2;
    assert_eq!(&text[value..value + 2], "\\\"", "the reference starts at the escaped quote");
    assert_eq!(r.range.start.offset as usize, text[..value].encode_utf16().count());
    // Known only after apply: the child module's properties.
    let d = one(&report, "BL228");
    assert_eq!(d.path, "/planned_values/root_module/child_modules/0/resources/0/values/container_properties");
}

#[test]
fn plans_name_resources_with_their_module() {
    let inner = r#"{\"image\":\"busybox\",\"executionRoleArn\":\"arn:aws:iam::123456789012:role/x\",\"secrets\":[{\"name\":\"S\",\"valueFrom\":\"/prod/s\"}]}"#;
    let text = format!(
        r#"{{"format_version": "1.2", "terraform_version": "1.9.5", "values": {{"root_module": {{"child_modules": [{{"address": "module.batch", "child_modules": [{{"address": "module.batch.module.job", "resources": [{{"address": "module.batch.module.job.aws_batch_job_definition.this", "mode": "managed", "type": "aws_batch_job_definition", "name": "this", "values": {{"name": "j", "type": "container", "container_properties": "{inner}"}}}}]}}]}}]}}}}}}"#
    );
    let report = analyze(&text, &opts());
    assert_eq!(report.references.len(), 1, "{:#?}", report.diagnostics);
    let r = &report.references[0];
    assert_eq!(r.resource.as_deref(), Some("module.batch.module.job.aws_batch_job_definition.this"));
    assert_eq!(r.path, "/values/root_module/child_modules/0/child_modules/0/resources/0/values/container_properties/secrets/0/valueFrom");
}

#[test]
fn findings_in_files_point_into_those_files() {
    let tf = "resource \"aws_batch_job_definition\" \"x\" {\n  name = \"x\"\n  type = \"container\"\n  container_properties = file(\"${path.module}/props/c.json\")\n}\n";
    let json = "{\n  \"image\": \"busybox\",\n  \"secrets\": [{\"name\": \"S\", \"valueFrom\": \"arn:aws:ssm:eu-west-1:123456789012:parameter//db\"}]\n}\n";
    let files = HashMap::from([("props/c.json".to_string(), json.to_string())]);
    let options = Options { path: Some("infra/main.tf".into()), files: Some(files), ..opts() };
    let report = analyze(tf, &options);
    let d = one(&report, "BL309");
    assert_eq!(d.file.as_deref(), Some("infra/props/c.json"));
    assert_eq!(range_tuple(d), at(json, offset(json, "//db"), 2));
    let r = &report.references[0];
    assert_eq!(r.file.as_deref(), Some("infra/props/c.json"));
    assert_eq!(r.range.start.line, 3);
    // The container is in the file too: its missing execution role is found there.
    let d = one(&report, "BL501");
    assert_eq!(d.file.as_deref(), Some("infra/props/c.json"));
    assert_eq!(range_tuple(d).0, (1, 1, 0));
    // Without the file the value is unknown, and said so.
    let report = analyze(tf, &opts());
    let d = one(&report, "BL228");
    assert_eq!(d.message, "`container_properties` is read from `props/c.json`, and batchlint was given no files, so batchlint does not check it");
    let call = offset(tf, "file(");
    assert_eq!(range_tuple(d).0, js_position(tf, call));
    assert!(report.references.is_empty());
}

#[test]
fn literal_references_in_a_module_are_classified_with_their_places() {
    let text = fixture("tf-jsonencode.tf");
    let report = analyze(&text, &opts());
    let paths: Vec<(&str, &str)> = report.references.iter().map(|r| (r.value_from.as_str(), r.path.as_str())).collect();
    assert_eq!(
        paths,
        [
            (
                "/prod/nightly/db-password",
                "/resource/aws_batch_job_definition/nightly/container_properties/secrets/0/valueFrom"
            ),
            (
                "/prod/nightly/token",
                "/resource/aws_batch_job_definition/nightly/container_properties/secrets/1/valueFrom"
            ),
            (
                "arn:aws:ssm:eu-west-1:123456789012:parameter:/legacy/token",
                "/resource/aws_batch_job_definition/nightly/container_properties/secrets/2/valueFrom"
            ),
            (
                "arn:aws:ssm:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:parameter/prod/api",
                "/resource/aws_batch_job_definition/nightly/container_properties/secrets/3/valueFrom"
            ),
            ("${var.db_url_secret_arn}", "/resource/aws_batch_job_definition/nightly/container_properties/secrets/4/valueFrom"),
        ]
    );
    // The module's own region and account are the job's; a variable with no default is
    // unknown, never guessed, and the policy leaves it out (BL325).
    let grants: Vec<Vec<&str>> =
        report.references.iter().map(|r| r.grants.iter().map(|g| g.resource.as_str()).collect()).collect();
    assert_eq!(
        grants[3],
        ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api"],
        "with the options' region and account"
    );
    assert!(grants[4].is_empty());
    let unknown = one(&report, "BL325");
    assert_eq!(unknown.path, "/resource/aws_batch_job_definition/nightly/container_properties/secrets/4/valueFrom");
    assert_eq!(unknown.message, "`${var.db_url_secret_arn}` is known only when it is deployed, and nothing in the input says what it names: the policy leaves this reference out");
    // A local spliced into a template: the reference is the template's string.
    let template = offset(&text, "\"${local.prefix}/db-password\"");
    assert_eq!(report.references[0].range.start, {
        let (line, column, offset) = js_position(&text, template);
        batchlint::Position { line, column, offset }
    });
    // `aws_ssm_parameter.token.name` is the parameter's literal name, where it is written.
    let name = offset(&text, "\"/prod/nightly/token\"");
    assert_eq!(report.references[1].range.start.offset as usize, text[..name].encode_utf16().count());
    assert!(report.references.iter().all(|r| r.resource.as_deref() == Some("aws_batch_job_definition.nightly")));
    // The symbolic ones are never reported as malformed: only as unknown (BL325).
    let about_symbolic: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.path.ends_with("/secrets/3/valueFrom") || d.path.ends_with("/secrets/4/valueFrom"))
        .map(|d| d.code)
        .collect();
    assert_eq!(about_symbolic, ["BL325"]);
    let policy = &report.policies[0].document.statement[0].resource;
    assert_eq!(
        policy,
        &[
            "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/nightly/db-password",
            "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/nightly/token"
        ]
    );
}

#[test]
fn symbolic_values_name_what_they_refer_to() {
    let text = fixture("tf-jsonencode.tf");
    let context = Context::default();
    let mut sink = Sink::new();
    let prepared = forms::prepare(Form::Terraform, &text, &context, &mut sink).unwrap();
    let mut sources = Sources::new(&text);
    let read = forms::read(&prepared, &mut sources, &mut sink);
    let job = &read.jobs[0];
    assert_eq!(job.resource, "aws_batch_job_definition.nightly");
    assert_eq!(job.pointer.as_str(), "/resource/aws_batch_job_definition/nightly");
    let container = job.tree.get("containerProperties").unwrap();
    let role = container.get("executionRoleArn").unwrap().as_symbolic().unwrap();
    let part = role.single().unwrap();
    assert_eq!(part.source, "aws_iam_role.exec.arn");
    assert_eq!(part.kind, batchlint::input::PartKind::Opaque(Some(batchlint::input::Hint::RoleArn)));
    let secrets = container.get("secrets").unwrap().as_array().unwrap();
    let api = secrets[3].get("valueFrom").unwrap().as_symbolic().unwrap();
    let kinds: Vec<_> = api.parts.iter().map(|p| (p.kind, p.source.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (batchlint::input::PartKind::Region, "data.aws_region.current.name"),
            (batchlint::input::PartKind::Account, "data.aws_caller_identity.current.account_id")
        ]
    );
    assert_eq!(api.text, "arn:aws:ssm:\u{E000}:\u{E001}:parameter/prod/api");
    // `var.image` resolves to its default; `jobRoleArn = null` is absent once decoded.
    assert_eq!(container.get_str("image"), Some("public.ecr.aws/docker/library/busybox:1.36"));
    // The role and the policy the module attaches to it.
    assert_eq!(read.roles.len(), 1);
    let role = &read.roles[0];
    assert_eq!(role.resource, "aws_iam_role.exec");
    assert_eq!(role.literal_name.as_deref(), Some("nightly-exec"));
    assert_eq!(role.arn_expressions, ["aws_iam_role.exec.arn"]);
    assert_eq!(role.statements.len(), 1);
    let statement = &role.statements[0];
    assert_eq!(statement.policy, "aws_iam_role_policy.secrets");
    assert_eq!(statement.effect.as_deref(), Some("Allow"));
    assert_eq!(statement.actions[0].as_str(), Some("ssm:GetParameters"));
    assert_eq!(statement.resources[0].as_str(), Some("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/nightly/*"));
}

#[test]
fn roles_with_policy_documents_attachments_and_heredocs() {
    let text = r#"
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db.arn]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/team"
      values   = ["data"]
    }
  }
}
resource "aws_iam_role" "exec" {
  name                = "exec"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy", aws_iam_policy.kms.arn]
  inline_policy {
    name   = "read"
    policy = data.aws_iam_policy_document.read.json
  }
}
resource "aws_iam_policy" "kms" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}}
EOF
}
resource "aws_iam_role_policy_attachment" "ssm" {
  role       = "exec"
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"
}
"#;
    let mut sink = Sink::new();
    let prepared = forms::prepare(Form::Terraform, text, &Context::default(), &mut sink).unwrap();
    let mut sources = Sources::new(text);
    let read = forms::read(&prepared, &mut sources, &mut sink);
    let role = &read.roles[0];
    let policies: Vec<&str> = role.statements.iter().map(|s| s.policy.as_str()).collect();
    assert_eq!(policies, ["data.aws_iam_policy_document.read", "aws_iam_policy.kms"]);
    assert!(role.statements[0].conditional);
    assert!(role.statements[0].resources[0].as_symbolic().is_some());
    assert_eq!(role.statements[1].actions[0].as_str(), Some("kms:Decrypt"));
    assert_eq!(
        role.managed_policies,
        [
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
            "arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess"
        ]
    );
    // The heredoc's statement is placed in the file.
    let at = text.find("{\"Effect\"").unwrap() as u32;
    assert_eq!(role.statements[1].span.start, at);
}
