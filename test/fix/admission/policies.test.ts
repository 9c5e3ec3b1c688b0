/**
 * The generated ValidatingAdmissionPolicies, evaluated with a CEL engine over every fixture of the rules
 * they enforce: a policy denies exactly the workloads its rule fails.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadInputs } from '../../../src/load/load-inputs.js';
import { runAudit } from '../../../src/engine/run-audit.js';
import { findRule } from '../../../src/rules/index.js';
import { extractWorkloads } from '../../../src/model/index.js';
import {
  admissionArtifacts,
  admissionPolicies,
  EXEMPT_NAMESPACES,
} from '../../../src/fix/admission/policies.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/rules');
const DEFAULT_REGISTRIES = ['mcr.microsoft.com', '*.azurecr.io'];

/** JSON as CEL sees Kubernetes objects: maps, and integers as int. */
function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object')
    return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
}

/** Evaluates a policy as the API server does: its variables in order, then its validations. */
function admits(policyDoc: Record<string, unknown>, object: unknown): boolean {
  const spec = policyDoc.spec as {
    variables: { name: string; expression: string }[];
    validations: { expression: string }[];
  };
  const variables = new Map<string, unknown>();
  const bindings = { object: toCel(object), variables };
  for (const variable of spec.variables)
    variables.set(variable.name, run(variable.expression, bindings as never, { funcs: strings }));
  return spec.validations.every((v) => {
    const result = run(v.expression, bindings as never, { funcs: strings });
    // An evaluation error is a broken policy, not a denial: the API server would answer with an error.
    if (typeof result !== 'boolean') throw new Error(`${v.expression}: evaluated to a ${typeof result}`);
    return result;
  });
}

const policies = admissionPolicies(DEFAULT_REGISTRIES);
const policyDocs = parseAllDocuments(admissionArtifacts(policies).policies).map(
  (d) => d.toJS() as Record<string, unknown>,
);

describe('admission policies agree with their rules on every fixture', () => {
  for (const policy of policies) {
    it(policy.rule, async () => {
      const rule = findRule(policy.rule);
      if (!rule) throw new Error(policy.rule);
      const dir = path.join(FIXTURES, policy.rule);
      const doc = policyDocs.find((d) => (d.metadata as { name: string }).name === policy.name);
      if (!doc) throw new Error(policy.name);
      let checked = 0;
      for (const fixture of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
        const loaded = await loadInputs([path.join(dir, fixture)], { cwd: dir, kubectl: false });
        const result = runAudit(loaded.model, { rules: [rule], today: '2026-12-06' });
        for (const workload of extractWorkloads(loaded.model.objects)) {
          if (EXEMPT_NAMESPACES.includes(workload.namespace)) continue;
          const own = result.findings.filter(
            (f) => f.subject.kind === workload.kind && f.subject.name === workload.name,
          );
          // Not assessed: the manifest cannot decide (the image's user); admission may go either way.
          if (own.some((f) => f.status === 'not-assessed')) continue;
          const failed = own.some((f) => f.status === 'fail');
          // Containers added to a replica Pod (kubectl debug) are admitted on that Pod.
          const objects = [workload.object, ...workload.attachedContainers.map((c) => c.declaredIn)];
          const admitted = objects.every((o) => admits(doc, o.body));
          expect(admitted, `${fixture} ${workload.display}`).toBe(!failed);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1);
    });
  }
});

describe('admission artifacts', () => {
  it('bind every policy in Warn+Audit first and in Deny second, exempting AKS system namespaces', () => {
    const { audit, deny } = admissionArtifacts(policies);
    const actions = (text: string) =>
      parseAllDocuments(text).map(
        (d) => (d.toJS() as { spec: { validationActions: string[] } }).spec.validationActions,
      );
    expect(actions(audit)).toEqual(policies.map(() => ['Warn', 'Audit']));
    expect(actions(deny)).toEqual(policies.map(() => ['Deny']));
    expect(audit).toContain('kube-system');
  });
});
