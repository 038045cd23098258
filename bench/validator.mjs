// The baseline a JS developer would reach for: JSON.parse, then an ajv validator compiled from
// the CloudFormation schema for AWS::Batch::JobDefinition with the API's member names
// (fixtures/jobdefinition.api.schema.json, derived by derive-schema.mjs). Structure only.
import { readFileSync } from "node:fs";
import Ajv from "ajv";

export function compileValidators() {
  const schema = JSON.parse(readFileSync(new URL("fixtures/jobdefinition.api.schema.json", import.meta.url), "utf8"));
  const ajv = new Ajv({ strict: false });
  ajv.addSchema(schema, "jobdef");
  const single = ajv.getSchema("jobdef");
  const describe = ajv.compile({
    type: "object",
    required: ["jobDefinitions"],
    properties: {
      jobDefinitions: { type: "array", items: { $ref: "jobdef#/definitions/DescribedJobDefinition" } },
      nextToken: { type: "string" },
    },
    additionalProperties: false,
  });
  /** The validator for a parsed document: the describe wrapper when it has `jobDefinitions`. */
  return (value) => (value !== null && typeof value === "object" && "jobDefinitions" in value ? describe : single);
}
