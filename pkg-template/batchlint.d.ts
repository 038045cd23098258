// The types of every entry of the package (batchlint.d.cts is a copy for `require`). They need
// no DOM or Node types. tests/it/types.rs holds the object types to the Rust serde form.

/** The job's context. Everything is optional: what is missing shows up as a placeholder in the policy, with a warning. */
export interface AnalyzeOptions {
  /** The region the job runs in, e.g. `eu-west-1`. */
  region?: string | null;
  /** The 12-digit account the job runs in. */
  accountId?: string | null;
  /** `aws`, `aws-cn`, `aws-us-gov`, ...; derived from the region when not given. */
  partition?: string | null;
  /** Customer-managed KMS keys: key ARNs, key IDs, `alias/...` names or alias ARNs. */
  kmsKeys?: string[] | null;
  /** The form of the input, when it is not to be told from its content. */
  form?: Form | null;
  /** `"findings"`: only the diagnostics, for checking as the user types (empty `references` and `policies`). Default `"full"`. */
  report?: "full" | "findings" | null;
  /** The input's path (`infra/main.tf`): the names of the files below are relative to its directory, and findings in them name them (`Diagnostic.file`). */
  path?: string | null;
  /** The files a Terraform module reads with `file()` and `templatefile()`, by path relative to the input's directory: path → text. */
  files?: Record<string, string> | null;
}

export type Severity = "error" | "warning" | "info";

/** 1-based line and column (UTF-16 code units, as JS strings, Monaco and CodeMirror count) and a 0-based UTF-16 offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** An option a finding can be about. */
export type OptionName = "region" | "accountId" | "partition" | "kmsKeys";

export interface Diagnostic {
  /** The rule's stable code, e.g. `BL301`. */
  code: string;
  severity: Severity;
  message: string;
  /** RFC 6901 JSON Pointer into the input; `""` is the whole document. */
  path: string;
  /** The option the finding is about, or null for a finding about the input (an option's finding has the path `""` and an empty range at the start). */
  option: OptionName | null;
  /** The file the range is in, when it is not the input but a file the input reads (Terraform's `file()`), named relative to the input's directory as the options name the input's `path`. */
  file?: string;
  range: Range;
  help: string;
}

export type ReferenceSource = "secrets" | "secretOptions" | "repositoryCredentials";

export type ReferenceKind = "ssmParameterName" | "ssmParameterArn" | "ssmSecretsManagerReference" | "secretsManagerArn" | "secretsManagerName" | "invalid";

/** One permission the execution role needs for a reference. */
export interface Grant {
  action: string;
  resource: string;
}

export interface SecretReference {
  /** JSON Pointer to the `valueFrom` (or `credentialsParameter`) string. */
  path: string;
  source: ReferenceSource;
  /** The environment variable or log option it sets; null for repository credentials. */
  name: string | null;
  jobDefinition: string | null;
  /** The template's or module's resource that holds the job definition (`Resources.NightlyJob`, `aws_batch_job_definition.nightly`); null in the API's JSON. */
  resource: string | null;
  /** JSON Pointer to the container. */
  container: string;
  containerName: string | null;
  executionRoleArn: string | null;
  /** The string as written. */
  valueFrom: string;
  kind: ReferenceKind;
  partition: string | null;
  region: string | null;
  account: string | null;
  resourceName: string | null;
  jsonKey: string | null;
  versionStage: string | null;
  versionId: string | null;
  /** The ARN that the policy grants (placeholders where region or account are unknown). */
  resourceArn: string | null;
  /** Every permission this reference needs; empty when the reference is invalid or its job definition is an INACTIVE revision. */
  grants: Grant[];
  /** The file the range is in, when it is not the input (see `Diagnostic.file`). */
  file?: string;
  /** Where the reference is in the input. */
  range: Range;
}

/** An IAM policy statement, with IAM's member names. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  /** Operator → condition key → values; absent when the statement has no condition. */
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

/** One policy document for one execution role (`roleArn` null for containers that name no role). */
export interface RolePolicy {
  roleArn: string | null;
  document: PolicyDocument;
  /**
   * The same policy in the input's own form, ready to paste into it: for a CloudFormation
   * template the execution role's `Policies` entry (or an `AWS::IAM::RolePolicy`), in YAML or
   * JSON as the template is; for Terraform an `aws_iam_role_policy` with `jsonencode`. The
   * job's own partition, region and account are written as the form names them
   * (`${AWS::Region}`, `data.aws_region.current.name`). Null for the API's JSON.
   */
  inForm: string | null;
}

/** The forms batchlint reads: the Batch API's JSON, a CloudFormation template (JSON or YAML, SAM and CDK output too), a Terraform module, `terraform show -json` output. */
export type Form = "api" | "cloudformation" | "terraform" | "terraform-plan";

/** Everything batchlint found in one input. */
export interface Report {
  /** The form the input was read in. */
  form: Form;
  diagnostics: Diagnostic[];
  references: SecretReference[];
  policies: RolePolicy[];
}

export type RuleFamily = "security" | "syntax" | "shape" | "value-from" | "region-and-account" | "execution-role" | "names" | "platform" | "policy" | "info";

/**
 * A rule's metadata: `summary` names the problem, `help` says what to do, `why` what fails
 * without it. Each rule's bad and good examples are in the docs (docs/rules.md).
 */
export interface RuleMetadata {
  code: string;
  name: string;
  family: RuleFamily;
  severity: Severity;
  summary: string;
  help: string;
  why: string;
}

/** A URL (`URL` or anything with an `href`), without needing the DOM's types. */
export interface UrlLike {
  readonly href: string;
}

/**
 * What `init` takes: a URL or path of the .wasm, a fetch `Response`, the bytes, a compiled
 * `WebAssembly.Module` (typed `object` so that no DOM types are needed), or a promise of one;
 * wasm-bindgen's `{ module_or_path }` form too.
 */
export type InitInput = string | UrlLike | ArrayBuffer | ArrayBufferView | object | PromiseLike<string | UrlLike | ArrayBuffer | ArrayBufferView | object>;

/**
 * Checks a job definition and writes the execution-role policy. `input` is the text, or a
 * plain object, which is serialised with `JSON.stringify(input, null, 2)` first (positions
 * then refer to that text). Findings are returned, never thrown; misuse (options of the wrong
 * shape, an input of another type) throws a `TypeError`.
 */
export function analyze(input: string | object, options?: AnalyzeOptions | null): Report;

/** Like `analyze`, for the bytes of a file that may not be UTF-8 (invalid UTF-8 is a finding, BL105). */
export function analyzeBytes(input: ArrayBuffer | ArrayBufferView, options?: AnalyzeOptions | null): Report;

/** An analyzer with its options read once, for checking the same context on every keystroke. */
export class Analyzer {
  constructor(options?: AnalyzeOptions | null);
  analyze(input: string | object): Report;
  analyzeBytes(input: ArrayBuffer | ArrayBufferView): Report;
}

/** One execution role's policy over several reports. */
export interface MergedPolicy {
  roleArn: string | null;
  /** The indexes of the reports whose references it covers. */
  inputs: number[];
  document: PolicyDocument;
  /** The document's size as IAM counts it: characters without whitespace (a role's inline policies may have 10,240). */
  size: number;
}

/**
 * Merges the policies of several reports (the files of one run) by execution role: a role that
 * several files use needs one policy with the reads of all of them, exactly as narrow as one
 * report of all their references would have. `options` are the ones the reports were made with.
 */
export function mergePolicies(reports: Report[], options?: AnalyzeOptions | null): MergedPolicy[];

/** Every rule's metadata, ordered by code. */
export function rules(): RuleMetadata[];

/** The version of batchlint, e.g. `0.1.0`. */
export function version(): string;

/**
 * Loads the module. The browser and default entry need it once before the first check (it
 * fetches `batchlint_bg.wasm` next to the entry when given nothing); the Node, Workers and
 * Vercel Edge entries load the module themselves, and take one here only to override it.
 */
export function init(input?: InitInput): Promise<void>;

/** Like `init`, synchronously, from the bytes or a compiled `WebAssembly.Module`. */
export function initSync(input: ArrayBuffer | ArrayBufferView | object): void;

export default init;
