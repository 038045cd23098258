// @ts-check
// The policies of all inputs merged by execution role. This is the only place that merges:
// when the library exports its own `mergePolicies`, this module is what it replaces.

/** @typedef {import("../batchlint.js").RolePolicy} RolePolicy */
/** @typedef {import("../batchlint.js").PolicyDocument} PolicyDocument */
/** @typedef {import("../batchlint.js").PolicyStatement} PolicyStatement */
/** @typedef {{ roleArn: string | null, files: string[], document: PolicyDocument }} MergedPolicy */

// The library's statement order; a Sid it does not know yet goes last.
const SID_ORDER = ["ReadSsmParameters", "ReadSecretsManagerSecrets", "DecryptWithCustomerManagedKeys", "DecryptWithAliasedKeys"];
const rank = (/** @type {string} */ sid) => (SID_ORDER.includes(sid) ? SID_ORDER.indexOf(sid) : SID_ORDER.length);

/** Sorted, without repeats. */
const union = (/** @type {string[][]} */ ...lists) => [...new Set(lists.flat())].sort();

/** Statements with one Sid as one: `Action` and `Resource` unioned, and the `Condition`
 * values unioned per operator and key. */
function mergeStatements(/** @type {PolicyStatement[]} */ statements) {
  const [first] = statements;
  /** @type {PolicyStatement} */
  const merged = {
    Sid: first.Sid,
    Effect: first.Effect,
    Action: union(...statements.map((s) => s.Action)),
    Resource: union(...statements.map((s) => s.Resource)),
  };
  /** @type {Map<string, Map<string, string[][]>>} */
  const conditions = new Map();
  for (const s of statements) {
    for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
      if (!conditions.has(operator)) conditions.set(operator, new Map());
      const byKey = /** @type {Map<string, string[][]>} */ (conditions.get(operator));
      for (const [key, values] of Object.entries(keys)) byKey.set(key, [...(byKey.get(key) ?? []), values]);
    }
  }
  if (conditions.size > 0) {
    const sorted = (/** @type {Map<string, any>} */ map) => [...map.keys()].sort();
    merged.Condition = Object.fromEntries(
      sorted(conditions).map((operator) => {
        const byKey = /** @type {Map<string, string[][]>} */ (conditions.get(operator));
        return [operator, Object.fromEntries(sorted(byKey).map((key) => [key, union(.../** @type {string[][]} */ (byKey.get(key)))]))];
      }),
    );
  }
  return merged;
}

/**
 * One policy per execution role over all inputs, in the order the roles first appear, with
 * the inputs that use each: a role shared by several job definitions needs one policy with
 * all their grants (a `put-role-policy` per file would keep only the last file's).
 * @param {{ file: string, policies: RolePolicy[] }[]} inputs
 * @returns {MergedPolicy[]}
 */
export function mergePolicies(inputs) {
  /** @type {Map<string | null, { files: string[], version: string, statements: Map<string, PolicyStatement[]> }>} */
  const roles = new Map();
  for (const { file, policies } of inputs) {
    for (const { roleArn, document } of policies) {
      if (!roles.has(roleArn)) roles.set(roleArn, { files: [], version: document.Version, statements: new Map() });
      const role = /** @type {{ files: string[], version: string, statements: Map<string, PolicyStatement[]> }} */ (roles.get(roleArn));
      if (!role.files.includes(file)) role.files.push(file);
      for (const s of document.Statement) role.statements.set(s.Sid, [...(role.statements.get(s.Sid) ?? []), s]);
    }
  }
  return [...roles].map(([roleArn, { files, version, statements }]) => ({
    roleArn,
    files,
    document: { Version: version, Statement: [...statements.values()].map(mergeStatements).sort((a, b) => rank(a.Sid) - rank(b.Sid)) },
  }));
}
