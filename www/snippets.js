// What the policy panel shows for one execution role: the policy, the role's trust policy,
// and the same policy as Terraform and CloudFormation.

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const POLICY_NAME = 'batchlint-read-secrets';

/** `arn:aws:iam::123456789012:role/path/name` -> `name`; null when there is no usable ARN. */
export function roleName(roleArn) {
  if (!roleArn) return null;
  const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  return m ? m[1] : null;
}

/** A file-name-safe slug for the role. */
export function slug(roleArn) {
  return (roleName(roleArn) ?? 'execution-role').replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 64) || 'execution-role';
}

export function policyJson(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function trustJson() {
  return `${JSON.stringify(TRUST_POLICY, null, 2)}\n`;
}

/** HCL keeps `${` and `%{` literal only doubled (`$${`, `%%{`), in quoted strings and heredocs alike. */
export function hclTemplateLiteral(text) {
  // A function, not the string '$${': in a replacement string `$$` stands for one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A quoted HCL string: backslashes, quotes and control characters escaped, templates kept literal. */
export function hclString(text) {
  const escaped = text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${hclTemplateLiteral(escaped)}"`;
}

export function terraform(policy) {
  const name = roleName(policy.roleArn);
  const id = (name ?? 'execution_role').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^([^a-z_])/, '_$1');
  // A heredoc takes no backslash escapes, but `${` and `%{` start templates there too.
  const json = hclTemplateLiteral(JSON.stringify(policy.document, null, 2));
  return [
    `resource "aws_iam_role_policy" "${id}_secrets" {`,
    `  name   = ${hclString(POLICY_NAME)}`,
    `  role   = ${hclString(name ?? 'REPLACE_WITH_ROLE_NAME')}`,
    '  policy = <<-EOT',
    ...json.split('\n').map((l) => `    ${l}`),
    '  EOT',
    '}',
    '',
  ].join('\n');
}

export function cloudFormation(policy) {
  const name = roleName(policy.roleArn);
  const resource = {
    BatchExecutionRoleSecretsPolicy: {
      Type: 'AWS::IAM::RolePolicy',
      Properties: { RoleName: name ?? 'REPLACE_WITH_ROLE_NAME', PolicyName: POLICY_NAME, PolicyDocument: policy.document },
    },
  };
  return `${JSON.stringify({ Resources: resource }, null, 2)}\n`;
}

/** The view of the policy in the input's own form, as the library writes it (`inForm`). */
function inFormView(policy, form, base) {
  if (form === 'cloudformation') {
    const json = policy.inForm.trimStart().startsWith('{');
    return { id: 'in-form', label: 'CloudFormation', text: policy.inForm, file: `${base}-policy.cfn.${json ? 'json' : 'yaml'}`, type: json ? 'application/json' : 'text/yaml' };
  }
  return { id: 'in-form', label: 'Terraform', text: policy.inForm, file: `${base}-policy.tf`, type: 'text/plain' };
}

/** The tabs of a policy card: id, label, text, download file name. A template's or module's
 * policy comes first in its own form; the API's JSON gets Terraform and CloudFormation views. */
export function views(policy, form = 'api') {
  const base = slug(policy.roleArn);
  const json = { id: 'policy', label: 'Policy', text: policyJson(policy.document), file: `${base}-policy.json`, type: 'application/json' };
  const trust = { id: 'trust', label: 'Trust policy', text: trustJson(), file: `${base}-trust-policy.json`, type: 'application/json' };
  if (typeof policy.inForm === 'string') return [inFormView(policy, form, base), json, trust];
  return [
    json,
    trust,
    { id: 'terraform', label: 'Terraform', text: terraform(policy), file: `${base}-policy.tf`, type: 'text/plain' },
    { id: 'cfn', label: 'CloudFormation', text: cloudFormation(policy), file: `${base}-policy.cfn.json`, type: 'application/json' },
  ];
}
