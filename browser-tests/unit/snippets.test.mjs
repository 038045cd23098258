// www/snippets.js: the Terraform view keeps every `${`, `%{`, quote and backslash literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraform, hclString } from '../../www/snippets.js';

test('quoted HCL strings escape templates, quotes, backslashes and control characters', () => {
  assert.equal(hclString('plain'), '"plain"');
  assert.equal(hclString('a${b}'), '"a$${b}"');
  assert.equal(hclString('a%{if x}'), '"a%%{if x}"');
  assert.equal(hclString('$${kept}'), '"$$${kept}"');
  assert.equal(hclString('q"b\\'), '"q\\"b\\\\"');
  assert.equal(hclString('l1\nl2\tt\r\u0001'), '"l1\\nl2\\tt\\r\\u0001"');
});

test('Terraform: the role name and the heredoc keep `${` and `%{` literal', () => {
  const policy = {
    roleArn: 'arn:aws:iam::123456789012:role/ops/run-${env}-%{x}"\\',
    document: { Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: ['arn:aws:ssm:${Region}:${Account}:parameter/a%{b}'] }] },
  };
  assert.equal(terraform(policy), [
    'resource "aws_iam_role_policy" "run_env_x__secrets" {',
    '  name   = "batchlint-read-secrets"',
    '  role   = "run-$${env}-%%{x}\\"\\\\"',
    '  policy = <<-EOT',
    '    {',
    '      "Version": "2012-10-17",',
    '      "Statement": [',
    '        {',
    '          "Sid": "S",',
    '          "Effect": "Allow",',
    '          "Action": [',
    '            "ssm:GetParameters"',
    '          ],',
    '          "Resource": [',
    '            "arn:aws:ssm:$${Region}:$${Account}:parameter/a%%{b}"',
    '          ]',
    '        }',
    '      ]',
    '    }',
    '  EOT',
    '}',
    '',
  ].join('\n'));
  assert.match(terraform({ roleArn: null, document: { Statement: [] } }), /\n {2}role {3}= "REPLACE_WITH_ROLE_NAME"\n/);
});
