//! CloudFormation templates: positions in the user's YAML (UTF-16 columns, CRLF, non-ASCII),
//! the tree the reader gives the checks (names, spans, intrinsic functions as values), the roles
//! it reads, and YAML's hazards. The fixtures (tests/fixtures/cfn-*, sam-*, cdk-*) show whole
//! reports; this file pins what a snapshot would hide.

use crate::common::{js_position, only, opts, range_tuple};
use batchlint::diagnostic::Sink;
use batchlint::forms::{self, Dialect, Form, Read};
use batchlint::input::{Hint, Node, PartKind, Symbolic, Value};
use batchlint::{analyze, Options};

/// The one finding of `code` in the report of `text`.
fn one(text: &str, options: &Options, code: &str) -> batchlint::Diagnostic {
    only(&analyze(text, options), code).clone()
}

fn read(text: &str) -> (Read<'_>, Sink) {
    let mut sink = Sink::new();
    let read = forms::cloudformation::read(text, &mut sink).expect("a template");
    (read, sink)
}

/// The node at a path of API member names and indexes.
fn at<'n, 'a>(node: &'n Node<'a>, path: &[&str]) -> &'n Node<'a> {
    path.iter().fold(node, |n, seg| match seg.parse::<usize>() {
        Ok(i) => &n.as_array().unwrap()[i],
        Err(_) => n.get(seg).unwrap_or_else(|| panic!("no {seg} in {n:#?}")),
    })
}

/// A symbolic value as text, with `${kind:source}` for each part.
fn shown(s: &Symbolic) -> String {
    s.text
        .chars()
        .map(|c| match s.part_of(c) {
            Some(p) => format!("${{{:?}:{}}}", p.kind, p.source),
            None => c.to_string(),
        })
        .collect()
}

fn symbolic<'n>(node: &'n Node<'_>) -> &'n Symbolic {
    node.as_symbolic().unwrap_or_else(|| panic!("not symbolic: {node:#?}"))
}

const TEMPLATE: &str = "AWSTemplateFormatVersion: \"2010-09-09\"
Parameters:
  Env:
    Type: String
    Default: prod
  DbParam:
    Type: AWS::SSM::Parameter::Name
  Token:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/token
Mappings:
  Sizes:
    prod: {Memory: 4096}
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
  Key:
    Type: AWS::KMS::Key
  Webhook:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/webhook
      Type: String
      Value: x
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-exec
      Policies:
        - PolicyName: inline
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [ssm:GetParameters]
                Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Env}/db
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
        - !Ref Managed
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          Effect: Allow
          Action: kms:Decrypt
          Resource: !GetAtt Key.Arn
          Condition: {StringEquals: {kms:ViaService: ssm.eu-west-1.amazonaws.com}}
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: secretsmanager:GetSecretValue
            Resource: !Ref DbSecret
  Job:
    Type: AWS::Batch::JobDefinition
    Metadata:
      aws:cdk:path: AppStack/Job/Resource
    Properties:
      Type: container
      Tags: {team: app, on: 1}
      ContainerProperties:
        Image: !Sub \"app:${Env}-${!Literal}\"
        ExecutionRoleArn: !GetAtt Role.Arn
        JobRoleArn: !Ref Role
        ResourceRequirements:
          - {Type: MEMORY, Value: !FindInMap [Sizes, !Ref Env, Memory]}
          - {Type: VCPU, Value: !Select [1, [\"0.5\", \"1\"]]}
        Environment:
          - {Name: KEY_ID, Value: !Ref Key}
          - {Name: KEY_ARN, Value: !GetAtt Key.Arn}
          - {Name: STACK, Value: !Ref AWS::StackName}
          - {Name: OTHER, Value: !ImportValue shared-value}
          - {Name: TOKEN, Value: !Ref Token}
          - {Name: GONE, Value: !Ref AWS::NoValue}
          - Name: JOINED
            Value: !Join [\"/\", [a, !Ref AWS::Region, 3]]
          - Name: VARS
            Value: !Sub [\"${Prefix}-${AWS::AccountId}\", {Prefix: !Ref Env}]
        Secrets:
          - {Name: A, ValueFrom: !Sub \"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Env}/db\"}
          - {Name: B, ValueFrom: !Ref DbSecret}
          - {Name: C, ValueFrom: !Ref Webhook}
          - {Name: D, ValueFrom: !Ref DbParam}
          - {Name: E, ValueFrom: !If [IsProd, /prod/e, /dev/e]}
          - Name: F
            ValueFrom:
              Fn::Join:
                - ''
                - - !Ref DbSecret
                  - ':password::'
";

#[test]
fn the_found_job_is_the_resource_as_a_request() {
    let (read, sink) = read(TEMPLATE);
    assert!(sink.findings().is_empty(), "{:#?}", sink.findings());
    let [job] = read.jobs.as_slice() else { panic!("{:#?}", read.jobs) };
    assert_eq!(job.resource, "Resources.Job");
    assert_eq!(job.pointer.as_str(), "/Resources/Job/Properties");
    assert_eq!(job.construct.as_deref(), Some("AppStack/Job/Resource"));
    assert_eq!(job.dialect, Dialect::CloudFormation);
    let container = job.tree.member("containerProperties").unwrap();
    assert_eq!(container.source_key.as_deref(), Some("ContainerProperties"));
    let key = &TEMPLATE[container.key_span.start as usize..container.key_span.end as usize];
    assert_eq!(key, "ContainerProperties");
    // Map keys are the user's, values strings: `on: 1` is `"1"`.
    let tags = job.tree.get("tags").unwrap();
    assert_eq!(tags.get_str("on"), Some("1"));
    assert_eq!(tags.member("team").unwrap().source_key, None);
}

#[test]
fn intrinsic_functions_are_values() {
    let (read, _) = read(TEMPLATE);
    let tree = &read.jobs[0].tree;
    let c = |path: &[&str]| at(tree, &["containerProperties"].iter().chain(path).copied().collect::<Vec<_>>());
    // A parameter's default is its value; `${!Literal}` is written out as `${Literal}`.
    assert_eq!(c(&["image"]).as_str(), Some("app:prod-${Literal}"));
    let role = symbolic(c(&["executionRoleArn"]));
    assert_eq!(shown(role), "${Opaque(Some(RoleArn)):Role.Arn}");
    assert_eq!(shown(symbolic(c(&["jobRoleArn"]))), "${Opaque(Some(RoleName)):Role}");
    // Mappings with literal keys, and Select of a literal list.
    assert_eq!(c(&["resourceRequirements", "0", "value"]).as_str(), Some("4096"));
    assert_eq!(c(&["resourceRequirements", "1", "value"]).as_str(), Some("1"));
    let env = |i: &str| shown(symbolic(c(&["environment", i, "value"])));
    assert_eq!(env("0"), "${Opaque(Some(KmsKeyId)):Key}");
    assert_eq!(env("1"), "${Opaque(Some(KmsKeyArn)):Key.Arn}");
    assert_eq!(env("2"), "${Opaque(None):AWS::StackName}");
    assert_eq!(env("3"), "${Opaque(None):}");
    // The value of an SSM parameter is not its name (the default).
    assert_eq!(env("4"), "${Opaque(None):Token}");
    // `AWS::NoValue` removes the property.
    let gone = c(&["environment", "5"]);
    assert!(gone.get("value").is_none() && gone.get_str("name") == Some("GONE"));
    assert_eq!(env("6"), "a/${Region:AWS::Region}/3");
    assert_eq!(env("7"), "prod-${Account:AWS::AccountId}");
    let secret = |i: &str| c(&["secrets", i, "valueFrom"]);
    assert_eq!(
        shown(symbolic(secret("0"))),
        "arn:${Partition:AWS::Partition}:ssm:${Region:AWS::Region}:${Account:AWS::AccountId}:parameter/prod/db"
    );
    assert_eq!(shown(symbolic(secret("1"))), "${Opaque(Some(SecretArn)):DbSecret}");
    // An SSM parameter the template defines with a literal `Name` is that name.
    assert_eq!(secret("2").as_str(), Some("/app/webhook"));
    assert_eq!(shown(symbolic(secret("3"))), "${Opaque(Some(SsmParameterName)):DbParam}");
    assert_eq!(shown(symbolic(secret("4"))), "${Opaque(None):}");
    assert_eq!(shown(symbolic(secret("5"))), "${Opaque(Some(SecretArn)):DbSecret}:password::");
}

#[test]
fn parts_point_at_their_expression() {
    let (read, _) = read(TEMPLATE);
    let tree = &read.jobs[0].tree;
    let value = symbolic(at(tree, &["containerProperties", "secrets", "0", "valueFrom"]));
    let written: Vec<&str> =
        value.parts.iter().map(|p| &TEMPLATE[p.span.start as usize..p.span.end as usize]).collect();
    assert_eq!(written, ["${AWS::Partition}", "${AWS::Region}", "${AWS::AccountId}"]);
    let role = symbolic(at(tree, &["containerProperties", "executionRoleArn"])).single().unwrap();
    assert_eq!(&TEMPLATE[role.span.start as usize..role.span.end as usize], "!GetAtt Role.Arn");
    assert_eq!(role.kind, PartKind::Opaque(Some(Hint::RoleArn)));
}

#[test]
fn roles_and_the_policies_attached_to_them() {
    let (read, _) = read(TEMPLATE);
    let [role] = read.roles.as_slice() else { panic!("{:#?}", read.roles) };
    assert_eq!(role.resource, "Resources.Role");
    assert_eq!(role.arn_expressions, ["Role.Arn"]);
    assert_eq!(role.name_expressions, ["Role"]);
    assert_eq!(role.literal_name.as_deref(), Some("app-exec"));
    assert_eq!(role.managed_policies, ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]);
    let policies: Vec<&str> = role.statements.iter().map(|s| s.policy.as_str()).collect();
    assert_eq!(policies, ["Resources.Role.Policies[0]", "Resources.Managed", "Resources.Attached"]);
    let inline = &role.statements[0];
    assert_eq!(inline.effect.as_deref(), Some("Allow"));
    assert_eq!(inline.actions[0].as_str(), Some("ssm:GetParameters"));
    assert_eq!(
        shown(symbolic(&inline.resources[0])),
        "arn:${Partition:AWS::Partition}:ssm:${Region:AWS::Region}:${Account:AWS::AccountId}:parameter/prod/db"
    );
    assert!(role.statements[1].conditional && !inline.conditional);
    assert_eq!(shown(symbolic(&role.statements[1].resources[0])), "${Opaque(Some(KmsKeyArn)):Key.Arn}");
    assert_eq!(shown(symbolic(&role.statements[2].resources[0])), "${Opaque(Some(SecretArn)):DbSecret}");
}

/// A template whose second line holds non-ASCII text, with CRLF line ends.
fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[test]
fn findings_are_at_their_line_and_utf16_column_in_the_yaml() {
    let text = crlf(
        "Description: Rapport — café 🦀 nightly\nResources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: busybox  # 🦀 é\n        Imagee: x\n        Secrets:\n          - {Name: 🦀, ValueFrom: \"arn:aws:ssm:eu-west-1:123456789012:parameter:/legacy/é\"}\n          - Name: B\n            ValueFrom: /prod/b\n",
    );
    let r = analyze(&text, &opts());
    let unknown = only(&r, "BL201");
    assert_eq!(unknown.path, "/Resources/Job/Properties/ContainerProperties/Imagee");
    assert_eq!(unknown.message, "`Imagee` is not a property of `ContainerProperties` (did you mean `Image`?)");
    let at = text.find("Imagee").unwrap();
    assert_eq!(range_tuple(unknown), (js_position(&text, at), js_position(&text, at + "Imagee".len())));
    assert_eq!((unknown.range.start.line, unknown.range.start.column), (9, 9));
    // Inside a double-quoted string: the `:` after `parameter`.
    let colon = only(&r, "BL308");
    assert_eq!(colon.path, "/Resources/Job/Properties/ContainerProperties/Secrets/0/ValueFrom");
    let at = text.find("parameter:/").unwrap() + "parameter".len();
    assert_eq!(range_tuple(colon), (js_position(&text, at), js_position(&text, at + 1)));
    // The references are classified where the template writes them.
    let b = r.references.iter().find(|x| x.value_from == "/prod/b").unwrap();
    assert_eq!(b.path, "/Resources/Job/Properties/ContainerProperties/Secrets/1/ValueFrom");
    assert_eq!(b.resource.as_deref(), Some("Resources.Job"));
    let at = text.find("/prod/b").unwrap();
    assert_eq!((b.range.start, b.range.end), {
        let (s, e) = (js_position(&text, at), js_position(&text, at + 7));
        (
            batchlint::Position { line: s.0, column: s.1, offset: s.2 },
            batchlint::Position { line: e.0, column: e.1, offset: e.2 },
        )
    });
    assert_eq!(r.policies[0].document.statement[0].resource, ["arn:aws:ssm:eu-west-1:123456789012:parameter/prod/b"]);
}

#[test]
fn yaml_syntax_errors_are_at_their_position() {
    let text = crlf("Description: café 🦀\nResources:\n  Job: {Type: AWS::Batch::JobDefinition, Properties: [\n");
    let r = analyze(&text, &Options::default());
    let d = only(&r, "BL108");
    assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
    assert_eq!(d.range.start.line, 4);
    let text = crlf("Description: é🦀\nResources:\n\tJob: x\n");
    let d = one(&text, &Options::default(), "BL108");
    let tab = text.find('\t').unwrap();
    assert_eq!(range_tuple(&d), (js_position(&text, tab), js_position(&text, tab + 1)));
    assert_eq!(d.message, "a tab indents this line; YAML indents with spaces only");
}

#[test]
fn aliases_anchors_merge_keys_and_tags_cloudformation_refuses() {
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties: &c\n        Image: busybox\n        <<: {User: root}\n        Command: !!set {a: null}\n        User: *c\n";
    let r = analyze(text, &Options::default());
    let messages: Vec<(&str, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL109")
        .map(|d| (d.message.as_str(), &text[d.range.start.offset as usize..d.range.end.offset as usize]))
        .collect();
    assert_eq!(
        messages,
        [
            ("CloudFormation does not support YAML anchors (`&c`)", "&c"),
            ("CloudFormation does not support YAML merge keys (`<<`)", "<<"),
            ("CloudFormation does not support the YAML tag `!!set`", "!!set"),
            ("CloudFormation does not support YAML aliases (`*c`)", "*c"),
        ]
    );
    // The alias is an unknown value: no finding about its type.
    assert!(!r.diagnostics.iter().any(|d| d.path.ends_with("/User")), "{:#?}", r.diagnostics);
}

#[test]
fn yaml_11_booleans_a_bom_and_a_second_document() {
    let text = "\u{feff}Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      PropagateTags: yes\n      ContainerProperties:\n        Image: busybox\n        Privileged: off\n        Environment: [{Name: A, Value: on}, {Name: B, Value: 'on'}, {Name: C, Value: true}]\n";
    let r = analyze(text, &opts());
    // Booleans for boolean properties; `on` for a string property is warned about.
    let d = only(&r, "BL223");
    assert_eq!(d.path, "/Resources/Job/Properties/ContainerProperties/Environment/0/Value");
    assert!(!r.diagnostics.iter().any(|d| d.code.starts_with("BL1") || d.code == "BL202"), "{:#?}", r.diagnostics);
    let (read, _) = read(text);
    assert_eq!(read.jobs[0].tree.get("propagateTags").and_then(Node::as_bool), Some(true));
    let second = format!("{text}---\nResources: {{}}\n");
    let d = one(&second, &opts(), "BL108");
    assert_eq!(d.message, "a template is one YAML document; this file starts a second one here");
}

#[test]
fn duplicate_keys_say_what_cloudformation_keeps() {
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      Type: multinode\n";
    let d = one(text, &Options::default(), "BL102");
    assert_eq!(d.path, "/Resources/Job/Properties/Type");
    assert_eq!(d.message, "`Type` appears twice in this object");
    assert!(d.help.contains("CloudFormation accepts the template and uses the last one"), "{}", d.help);
}

#[test]
fn cloudformation_coerces_scalars_where_the_api_would_not() {
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      SchedulingPriority: \"10\"\n      RetryStrategy: {Attempts: \"11\"}\n      ContainerProperties:\n        Image: busybox\n        ResourceRequirements: [{Type: VCPU, Value: 2}, {Type: MEMORY, Value: 4096}]\n        Privileged: \"false\"\n        Ulimits: [{Name: nofile, HardLimit: 1.5, SoftLimit: 10}]\n";
    let r = analyze(text, &Options::default());
    let found: Vec<(&str, &str)> =
        r.diagnostics.iter().filter(|d| d.code.starts_with("BL2")).map(|d| (d.code, d.path.as_str())).collect();
    assert_eq!(
        found,
        [
            // "11" is converted, and then out of range.
            ("BL206", "/Resources/Job/Properties/RetryStrategy/Attempts"),
            ("BL202", "/Resources/Job/Properties/ContainerProperties/Ulimits/0/HardLimit"),
        ]
    );
    // No JobDefinitionName: CloudFormation generates one.
    assert!(!r.diagnostics.iter().any(|d| d.code == "BL204"));
    // Image is required in a template (it is not in the API).
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Command: [run]\n";
    let d = one(text, &Options::default(), "BL204");
    assert_eq!(d.message, "`ContainerProperties` is missing its required property `Image`");
    assert_eq!(d.path, "/Resources/Job/Properties/ContainerProperties");
}

#[test]
fn unknown_properties_use_the_templates_names() {
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ResourceRetentionPolicy: {SkipDeregisterOnUpdate: true}\n      ContainerProperties:\n        image: busybox\n        InstanceType: m5.large\n";
    let r = analyze(text, &Options::default());
    let found: Vec<(&str, &str, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL201")
        .map(|d| (d.path.as_str(), d.message.as_str(), d.help.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/Resources/Job/Properties/ContainerProperties/image",
                "`image` is not a property of `ContainerProperties` (did you mean `Image`?)",
                "CloudFormation spells properties in PascalCase: `image` is the Batch API's name. Write `Image`."
            ),
            (
                "/Resources/Job/Properties/ContainerProperties/InstanceType",
                "`InstanceType` is not a property of `ContainerProperties`",
                "The Batch API's `ContainerProperties` has `instanceType`, but CloudFormation's `ContainerProperties` does not: CloudFormation refuses a property its schema does not define (`extraneous key [InstanceType] is not permitted`). Set it outside CloudFormation, or leave it out."
            ),
        ]
    );
}

#[test]
fn references_that_name_nothing() {
    let text = "Resources:\n  Job:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      Type: container\n      ContainerProperties:\n        Image: !Sub \"app:${Tag}\"\n        User: !Ref AWS::Nothing\n        Command: [!Foo x]\n";
    let r = analyze(text, &Options::default());
    let found: Vec<(&str, &str, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "BL221" || d.code == "BL222")
        .map(|d| (d.code, d.message.as_str(), &text[d.range.start.offset as usize..d.range.end.offset as usize]))
        .collect();
    assert_eq!(
        found,
        [
            ("BL222", "`Tag` is not a parameter or resource of this template", "${Tag}"),
            ("BL222", "`AWS::Nothing` is not a CloudFormation pseudo-parameter", "!Ref AWS::Nothing"),
            ("BL221", "`Fn::Foo` is not a CloudFormation intrinsic function", "!Foo"),
        ]
    );
}

#[test]
fn a_json_template_and_templates_that_are_not() {
    let text = r#"{"Resources": {"Job": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container", "ContainerProperties": {"Image": "busybox", "Secrets": [{"Name": "A", "ValueFrom": {"Fn::Sub": "/${AWS::Region}/a"}}]}}}}}"#;
    let (read, sink) = read(text);
    assert!(sink.findings().is_empty());
    let value = at(&read.jobs[0].tree, &["containerProperties", "secrets", "0", "valueFrom"]);
    assert_eq!(shown(symbolic(value)), "/${Region:AWS::Region}/a");
    let forced = Options { form: Some(Form::CloudFormation), ..Options::default() };
    let d = one("- a\n- b\n", &forced, "BL218");
    assert_eq!(d.message, "a template is a mapping of its sections (`Resources`, `Parameters`, ...), not an array");
    let d = one("Description: x\n", &forced, "BL218");
    assert_eq!(d.message, "the template has no `Resources` section");
    let d = one(r#"{"Resources": {"Job": {"Type": "AWS::Batch::JobDefinition",}}}"#, &forced, "BL101");
    assert_eq!(d.message, "trailing commas are not allowed in JSON: remove the `,` before `}`");
    let _ = Value::Null;
}

/// A template names its region and account as CloudFormation does (`${AWS::Region}`), so its
/// policy is complete without the options: no BL807, while the same job as the API's JSON,
/// without options, gets one.
#[test]
fn a_template_without_region_or_account_options_needs_no_placeholder_finding() {
    let template = "Resources:
  Job:
    Type: AWS::Batch::JobDefinition
    Properties:
      Type: container
      ContainerProperties:
        Image: busybox
        ExecutionRoleArn: arn:aws:iam::123456789012:role/exec
        Secrets:
          - Name: DB
            ValueFrom: /app/db
";
    let report = analyze(template, &Options::default());
    assert!(report.diagnostics.iter().all(|d| d.code != "BL807"), "{:#?}", report.diagnostics);
    let policy = report.policies.first().expect("a policy");
    let in_form = policy.in_form.as_deref().expect("the policy in the template's form");
    assert!(
        in_form.contains(
            "\n            - !Sub \"arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db\"\n"
        ),
        "{in_form}"
    );
    // The IAM document itself, for use outside the template, keeps what the role's ARN says
    // and the placeholder of the region that no option gave.
    assert_eq!(
        policy.document.statement.first().map(|s| s.resource.clone()),
        Some(vec!["arn:aws:ssm:${Region}:123456789012:parameter/app/db".to_string()])
    );
    let api = r#"{"jobDefinitionName": "j", "type": "container", "containerProperties": {"image": "busybox",
        "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "secrets": [{"name": "DB", "valueFrom": "/app/db"}]}}"#;
    assert_eq!(only(&analyze(api, &Options::default()), "BL807").code, "BL807");
}
