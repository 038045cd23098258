// Type-checked by `deno check` against the shipped batchlint.d.ts (scripts/test-edge.sh).
import init, { analyze, analyzeBytes, initSync, rules, version } from "batchlint";
import type { AnalyzeOptions, Diagnostic, PolicyStatement, Report, RuleMetadata, SecretReference, Severity } from "batchlint";

await init();
const options: AnalyzeOptions = { region: "eu-west-1", accountId: "123456789012", kmsKeys: ["alias/app"] };
const report: Report = analyze('{"a": 1}', options);
const fromObject: Report = analyze({ jobDefinitionName: "x" });
const fromBytes: Report = analyzeBytes(new Uint8Array([123, 125]), null);
const first: Diagnostic | undefined = report.diagnostics[0];
const severity: Severity | undefined = first?.severity;
const offset: number | undefined = first?.range.start.offset;
const refs: SecretReference[] = fromObject.references;
const statements: PolicyStatement[] = fromBytes.policies.flatMap((p) => p.document.Statement);
const all: RuleMetadata[] = rules();
const v: string = version();
// @ts-expect-error: an unknown option
analyze("{}", { regoin: "eu-west-1" });
// @ts-expect-error: the input is a string or an object
analyze(42);
// @ts-expect-error: kmsKeys is a list
analyze("{}", { kmsKeys: "alias/app" });
// @ts-expect-error: diagnostics are typed, not any
const wrong: number = report.diagnostics[0].message;
console.log(severity, offset, refs.length, statements.length, all.length, v, typeof initSync, wrong);
