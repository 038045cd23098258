// Deterministic benchmark workloads: AWS Batch job definitions in the RegisterJobDefinition
// (API, lower camel case) form, pretty-printed with two spaces as a console editor holds them.
//
//   small     one container, one secret (~600 B)
//   typical   Fargate, 10 secrets, 8 environment variables, log configuration (~3 KB)
//   limit     as many secrets as fit in the 24 KiB RegisterJobDefinition limit (~300)
//   huge      ~10,000 secrets (1 MB), beyond the AWS limit, for scaling
//   describe  DescribeJobDefinitions output with 100 job definitions
//
// `node bench/workloads.mjs --write [dir]` writes <name>.json files (default bench/workloads/),
// which the native bench (benches/analyze.rs) reads.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";

export const OPTIONS = { region: "eu-west-1", accountId: "123456789012" };
const ACCOUNT = OPTIONS.accountId;
const REGION = OPTIONS.region;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/batch-execution`;

const pad = (i, n = 5) => String(i).padStart(n, "0");

/** The i-th secret: a mix of SSM names, SSM ARNs and Secrets Manager ARNs (some with a JSON key). */
function secret(i) {
  const name = `SECRET_${pad(i)}`;
  switch (i % 4) {
    case 0: return { name, valueFrom: `/prod/app/secret-${pad(i)}` };
    case 1: return { name, valueFrom: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/prod/app/param-${pad(i)}` };
    case 2: return { name, valueFrom: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/app/db-${pad(i)}-AbCdEf` };
    default: return { name, valueFrom: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:prod/app/api-${pad(i)}-AbCdEf:password::` };
  }
}

function environment(n) {
  return Array.from({ length: n }, (_, i) => ({ name: `SETTING_${pad(i, 2)}`, value: `value-${i}` }));
}

function ec2Job(name, secrets) {
  return {
    jobDefinitionName: name,
    type: "container",
    containerProperties: {
      image: "public.ecr.aws/docker/library/busybox:latest",
      command: ["echo", "hello"],
      executionRoleArn: ROLE,
      resourceRequirements: [{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "2048" }],
      secrets: Array.from({ length: secrets }, (_, i) => secret(i)),
    },
  };
}

function fargateJob(name, secrets, env) {
  return {
    jobDefinitionName: name,
    type: "container",
    platformCapabilities: ["FARGATE"],
    parameters: { inputBucket: "example-input" },
    retryStrategy: { attempts: 2 },
    timeout: { attemptDurationSeconds: 3600 },
    containerProperties: {
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/reports:1.4.2`,
      command: ["python", "-m", "reports.nightly", "Ref::inputBucket"],
      jobRoleArn: `arn:aws:iam::${ACCOUNT}:role/batch-job`,
      executionRoleArn: ROLE,
      resourceRequirements: [{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "2048" }],
      environment: environment(env),
      secrets: Array.from({ length: secrets }, (_, i) => secret(i)),
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": "/aws/batch/reports", "awslogs-region": REGION, "awslogs-stream-prefix": "nightly" },
      },
      networkConfiguration: { assignPublicIp: "DISABLED" },
      fargatePlatformConfiguration: { platformVersion: "LATEST" },
    },
    tags: { team: "data", costCenter: "1234" },
    propagateTags: true,
  };
}

const text = (value) => JSON.stringify(value, null, 2);

/** The largest `make(n)` whose compact text (as SDKs send it) stays within `limit` bytes. */
function fit(make, limit) {
  const text = (value) => JSON.stringify(value);
  let lo = 1, hi = 1;
  while (Buffer.byteLength(text(make(hi))) <= limit) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (Buffer.byteLength(text(make(mid))) <= limit) lo = mid; else hi = mid;
  }
  return text(make(lo));
}

function describe(count) {
  const jobDefinitions = Array.from({ length: count }, (_, i) => {
    const job = fargateJob(`reports-${pad(i, 3)}`, 3 + (i % 8), 4);
    return {
      jobDefinitionName: job.jobDefinitionName,
      jobDefinitionArn: `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/${job.jobDefinitionName}:${1 + (i % 5)}`,
      revision: 1 + (i % 5),
      status: "ACTIVE",
      ...job,
      containerOrchestrationType: "ECS",
    };
  });
  return text({ jobDefinitions });
}

/** name → JSON text, in size order. */
export function workloads() {
  return {
    small: text(ec2Job("small", 1)),
    typical: text(fargateJob("typical", 10, 8)),
    limit: fit((n) => fargateJob("limit", n, 8), 24 * 1024),
    huge: fit((n) => fargateJob("huge", n, 8), 1024 * 1024),
    describe: describe(100),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--write");
  if (at < 0) {
    for (const [name, t] of Object.entries(workloads())) console.log(`${name}\t${Buffer.byteLength(t)} B`);
  } else {
    const dir = process.argv[at + 1] ?? join(dirname(fileURLToPath(import.meta.url)), "workloads");
    mkdirSync(dir, { recursive: true });
    for (const [name, t] of Object.entries(workloads())) writeFileSync(join(dir, `${name}.json`), t);
    console.log(`wrote ${Object.keys(workloads()).length} workloads to ${dir}`);
  }
}
