/** @module Hand-built models and rules for engine tests, independent of the loaders. */
import type { ClusterModel, InlineIgnore, KubeObject } from '../../src/model/index.js';
import { objectSubject } from '../../src/model/index.js';
import { defineRule } from '../../src/rules/define-rule.js';

export function kubeObject(
  kind: string,
  name: string,
  options: { namespace?: string; annotations?: Record<string, string>; file?: string; line?: number } = {},
): KubeObject {
  const file = options.file ?? 'manifests/app.yaml';
  const line = options.line ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind,
    name,
    namespace: options.namespace,
    labels: {},
    annotations: options.annotations ?? {},
    body: { kind, metadata: { name } },
    origin: { file, documentIndex: 0, basePath: [], at: { file, line } },
  };
}

export function model(objects: KubeObject[], inlineIgnores: InlineIgnore[] = []): ClusterModel {
  return {
    clusters: [],
    objects,
    inlineIgnores,
    roleAssignments: [],
    roleDefinitions: [],
    // The fake locator puts every property three lines below the object's start.
    locate: (origin) => ({ file: origin.file, line: origin.at.line + 3 }),
  };
}

/** Fails every object whose name starts with "bad", passes the others. */
export const namingRule = defineRule({
  id: 'no-bad-names',
  title: 'Objects are not named bad',
  surface: 'workloads',
  severity: 'high',
  rationale: 'Test rule.',
  remediation: { summary: 'Rename it.' },
  reads: ['manifests'],
  peers: {},
  references: [],
  since: '0.1.0',
  check({ model: m, report }) {
    for (const object of m.objects) {
      report({
        subject: objectSubject(object),
        path: ['spec', 'template'],
        status: object.name.startsWith('bad') ? 'fail' : 'pass',
        message: `${object.name} checked`,
      });
    }
  },
});

/** Cannot decide anything. */
export const undecidedRule = defineRule({
  ...namingRule,
  id: 'undecided',
  surface: 'posture',
  severity: 'critical',
  check({ model: m, report }) {
    for (const object of m.objects) {
      report({ subject: objectSubject(object), status: 'not-assessed', message: 'the input does not say' });
    }
  },
});
