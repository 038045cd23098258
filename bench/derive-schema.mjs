// Derives the JSON Schema that the ajv baseline compiles from the CloudFormation resource schema
// for AWS::Batch::JobDefinition (fixtures/cfn-lint-aws-batch-jobdefinition.schema.json):
// - property names (in `properties` and `required`) PascalCase → the API's lower camel case
//   (`ContainerProperties` → `containerProperties`, `EFSVolumeConfiguration` → `efsVolumeConfiguration`);
// - CloudFormation-only keywords ajv does not know are dropped (insertionOrder, enumCaseInsensitive,
//   tagging, readOnlyProperties, ...); `format` values like `AWS::IAM::Role.Arn` are dropped too;
// - `definitions.DescribedJobDefinition` is the root plus the members that DescribeJobDefinitions
//   adds (revision, status, containerOrchestrationType), for the `describe` workload.
//
//   node bench/derive-schema.mjs          writes fixtures/jobdefinition.api.schema.json
//   node bench/derive-schema.mjs --check  exits 1 if that file is stale
import { readFileSync, writeFileSync } from "node:fs";

const here = (p) => new URL(p, import.meta.url);
const SOURCE = here("fixtures/cfn-lint-aws-batch-jobdefinition.schema.json");
const TARGET = here("fixtures/jobdefinition.api.schema.json");

const KEEP = new Set([
  "$ref", "type", "properties", "additionalProperties", "patternProperties", "items", "required",
  "enum", "const", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
  "uniqueItems", "oneOf", "anyOf", "allOf", "not", "definitions", "description",
]);

/** `ContainerProperties` → `containerProperties`; a leading acronym is lowered whole (`EFSVolume…` → `efsVolume…`). */
export function camel(name) {
  const m = /^([A-Z]+)(?=[A-Z][a-z]|$)/.exec(name);
  if (m) return m[1].toLowerCase() + name.slice(m[1].length);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function convert(node, inMap) {
  if (Array.isArray(node)) return node.map((n) => convert(n, false));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (inMap) { out[camel(key)] = convert(value, false); continue; }
    if (!KEEP.has(key)) continue;
    if (key === "properties") out.properties = convert(value, true);
    else if (key === "definitions") out.definitions = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, false)]));
    else if (key === "required") out.required = value.map(camel);
    else if (key === "patternProperties") out.patternProperties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, false)]));
    else out[key] = convert(value, false);
  }
  return out;
}

export function derive() {
  const cfn = JSON.parse(readFileSync(SOURCE, "utf8"));
  const schema = convert(cfn, false);
  const { definitions, ...root } = schema;
  definitions.DescribedJobDefinition = {
    ...root,
    properties: {
      ...root.properties,
      revision: { type: "integer" },
      status: { type: "string" },
      containerOrchestrationType: { type: "string" },
    },
  };
  return { $comment: "Derived by bench/derive-schema.mjs from the cfn-lint schema for AWS::Batch::JobDefinition; do not edit.", ...schema, definitions };
}

const text = JSON.stringify(derive(), null, 2) + "\n";
if (process.argv.includes("--check")) {
  if (readFileSync(TARGET, "utf8") !== text) { console.error("bench/fixtures/jobdefinition.api.schema.json is stale: run node bench/derive-schema.mjs"); process.exit(1); }
} else if (import.meta.url.endsWith(process.argv[1]?.split("/").pop() ?? "")) {
  writeFileSync(TARGET, text);
  console.log("wrote bench/fixtures/jobdefinition.api.schema.json");
}
