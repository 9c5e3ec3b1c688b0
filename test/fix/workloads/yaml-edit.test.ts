import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { splitDocuments } from '../../../src/load/manifests/split-documents.js';
import { yamlFiles } from '../../helpers/yaml-corpus.js';
import { FileSet } from '../../../src/fix/file-set.js';
import type { DocumentIdentity } from '../../../src/fix/file-set.js';
import type { YamlEdit, YamlPath } from '../../../src/fix/workloads/yaml-edit.js';
import { editDocumentText, resumeEdits } from '../../../src/fix/workloads/yaml-edit.js';

const POD = `# keep me
apiVersion: v1
kind: Pod
metadata: {name: x}
spec:
  containers:
  - name: a # comment
    image: nginx
    securityContext:
      privileged: true
      capabilities:
        add: [NET_ADMIN]
  - name: b
    image: x
    securityContext: {}
---
kind: Pod
metadata:
  name: other
`;

const X: DocumentIdentity = { kind: 'Pod', name: 'x' };
const OTHER: DocumentIdentity = { kind: 'Pod', name: 'other' };

/** Edits document `index` of POD as the plan edits a manifest (its file set): the new text and the edits not made. */
function editPod(index: number, identity: DocumentIdentity, edits: readonly YamlEdit[]) {
  const files = new FileSet([['pod.yaml', POD]]);
  const { failed } = files.editDocument('pod.yaml', index, identity, edits);
  return { text: files.get('pod.yaml') ?? '', failed };
}

describe('editing a document of a manifest', () => {
  it('replaces a scalar in place and keeps comments and the other documents', () => {
    const { text, failed } = editPod(0, X, [
      { path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false },
    ]);
    expect(failed).toEqual([]);
    expect(text).toBe(POD.replace('privileged: true', 'privileged: false'));
  });

  it('adds missing keys at the mapping indentation, sequences as the document writes them', () => {
    const { text } = editPod(0, X, [
      { path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false },
      { path: ['spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' },
      { path: ['spec', 'automountServiceAccountToken'], value: false },
    ]);
    expect(text).toContain('        add: [NET_ADMIN]\n      allowPrivilegeEscalation: false\n  - name: b');
    expect(text).toContain(
      '    securityContext: {}\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  automountServiceAccountToken: false\n---',
    );
    expect(parseAllDocuments(text).map((d) => d.errors.length)).toEqual([0, 0]);
  });

  it('rewrites a flow mapping on the way in flow style', () => {
    const { text } = editPod(0, X, [
      { path: ['spec', 'containers', 1, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
    ]);
    expect(text).toContain('    securityContext: { capabilities: { drop: [ ALL ] } }\n');
    const doc = parseAllDocuments(text)[0];
    expect(doc?.toJS()).toMatchObject({
      spec: { containers: [{}, { securityContext: { capabilities: { drop: ['ALL'] } } }] },
    });
  });

  it('deletes a key with its value lines', () => {
    const { text } = editPod(0, X, [
      { path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add'], delete: true },
    ]);
    expect(text).not.toContain('NET_ADMIN');
    const pod = parseAllDocuments(text)[0]?.toJS() as {
      spec: { containers: { securityContext: unknown }[] };
    };
    expect(pod.spec.containers[0]?.securityContext).toEqual({ privileged: true, capabilities: null });
  });

  it('edits the second document by index and reports a path it cannot take', () => {
    const { text, failed } = editPod(1, OTHER, [
      { path: ['metadata', 'labels', 'app'], value: 'x' },
      { path: ['spec', 'containers', 3, 'image'], value: 'y' },
    ]);
    expect(text.endsWith('metadata:\n  name: other\n  labels:\n    app: x\n')).toBe(true);
    expect(failed).toHaveLength(1);
  });
});

describe('editDocumentText: appending to a list', () => {
  const POD = [
    'spec:',
    '  containers:',
    '    - name: web # the front end',
    '      image: nginx',
    '      volumeMounts:',
    '        - name: cache',
    '          mountPath: /cache',
    '  volumes:',
    '    - name: cache',
    '      emptyDir: {}',
    '',
  ].join('\n');

  it('appends an object after the last item, at its indentation, comments kept', () => {
    const { text, failed } = editDocumentText(POD, [
      { path: ['spec', 'volumes'], append: { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io' } } },
      { path: ['spec', 'containers', 0, 'volumeMounts'], append: { name: 'secrets', mountPath: '/mnt/s' } },
    ]);
    expect(failed).toEqual([]);
    expect(text).toBe(
      [
        'spec:',
        '  containers:',
        '    - name: web # the front end',
        '      image: nginx',
        '      volumeMounts:',
        '        - name: cache',
        '          mountPath: /cache',
        '        - name: secrets',
        '          mountPath: /mnt/s',
        '  volumes:',
        '    - name: cache',
        '      emptyDir: {}',
        '    - name: secrets',
        '      csi:',
        '        driver: secrets-store.csi.k8s.io',
        '',
      ].join('\n'),
    );
  });

  it('creates the list when it is missing', () => {
    const { text, failed } = editDocumentText('spec:\n  containers:\n    - name: web\n', [
      { path: ['spec', 'containers', 0, 'volumeMounts'], append: { name: 's', readOnly: true } },
    ]);
    expect(failed).toEqual([]);
    expect(text).toBe(
      'spec:\n  containers:\n    - name: web\n      volumeMounts:\n        - name: s\n          readOnly: true\n',
    );
  });
});

describe('editDocumentText: edits planned on one parse, made together', () => {
  // Workload documents as they come: the examples' manifests, cut into documents as the loader cuts them, and
  // shapes they do not show (flow collections, lists at the key's column, no newline at the end, CRLF).
  const examples = yamlFiles('examples').flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return splitDocuments(text)
      .map(({ start, end }) => text.slice(start, end))
      .filter((d) => /^kind: (Deployment|Pod|StatefulSet|DaemonSet|CronJob|Job)\s*$/m.test(d));
  });
  const shapes = [
    POD,
    'kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: true}\n  - {name: b, image: x}\n',
    'kind: Pod\nspec:\n  containers:\n    - name: a\n      image: x\n      ports:\n        - containerPort: 80',
    'kind: Pod\r\nspec:\r\n  containers:\r\n    - name: a\r\n      image: x\r\n',
    'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n            - name: TOKEN\n              value: abc\n      volumes: []\n',
  ];
  const documents = [...examples, ...shapes];
  const base = (kind: 'pod' | 'template'): YamlPath =>
    kind === 'pod' ? ['spec'] : ['spec', 'template', 'spec'];
  // Values that read alike as text (`10001` and '10001', `true` and 'true', 0 and -0): each is written as its type.
  const value = fc.oneof(
    fc.boolean(),
    fc.constantFrom('RuntimeDefault', 'x', 'on', '10001', '', 'true', 'null', '0', '-0', 0, -0, null),
    fc.nat(70000),
  );
  const edit: fc.Arbitrary<YamlEdit> = fc
    .tuple(
      fc.constantFrom<'pod' | 'template'>('pod', 'template'),
      fc.nat(1),
      fc.constantFrom(
        ...([
          ['automountServiceAccountToken'],
          ['serviceAccountName'],
          ['securityContext', 'seccompProfile', 'type'],
          ['securityContext', 'runAsNonRoot'],
          ['hostNetwork'],
          ['volumes'],
          ['c', 'securityContext', 'allowPrivilegeEscalation'],
          ['c', 'securityContext', 'capabilities', 'drop'],
          ['c', 'securityContext', 'capabilities', 'add'],
          ['c', 'securityContext', 'runAsUser'],
          ['c', 'securityContext', 'readOnlyRootFilesystem'],
          ['c', 'securityContext', 'privileged'],
          ['c', 'securityContext'],
          ['c', 'volumeMounts'],
          ['c', 'env', 0, 'value'],
          ['c', 'env', 0, 'valueFrom', 'secretKeyRef'],
          ['c', 'image'],
          ['c', 'resources', 'limits', 'memory'],
        ] as YamlPath[]),
      ),
      fc.constantFrom('set', 'append', 'delete', 'set-object'),
      value,
    )
    .map(([kind, container, tail, action, v]) => {
      const path = [...base(kind), ...(tail[0] === 'c' ? ['containers', container, ...tail.slice(1)] : tail)];
      if (action === 'delete') return { path, delete: true as const };
      if (action === 'append')
        return { path, append: typeof v === 'boolean' ? { name: 'secrets', readOnly: v } : v };
      return {
        path,
        value:
          action === 'set-object' ? { name: 'vault', key: String(v) } : tail.includes('drop') ? ['ALL'] : v,
      };
    });

  it('gives the text and the failed edits of one parse per edit', () => {
    expect(examples.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.constantFrom(...documents),
        fc.array(edit, { minLength: 1, maxLength: 10 }),
        (text, edits) => {
          const batched = editDocumentText(text, edits);
          const reference = editDocumentText(text, edits, undefined, { batched: false });
          expect(batched.text).toBe(reference.text);
          expect(batched.failed).toEqual(reference.failed);
        },
      ),
      { numRuns: 2000, seed: 20261207 },
    );
  });

  it('gives the same text and failed edits when later edits resume on the first parse', () => {
    let resumed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...documents),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        (text, first, second) => {
          const earlier = editDocumentText(text, first);
          const reference = editDocumentText(earlier.text, second, undefined, { batched: false });
          if (earlier.point === undefined) return;
          expect(earlier.point.text).toBe(earlier.text);
          const later = resumeEdits(earlier.point, second);
          expect(later.text).toBe(reference.text);
          expect(later.failed).toEqual(reference.failed);
          // The first edits' point is left as it was: a third call from it gives the second's text again.
          expect(resumeEdits(earlier.point, second).text).toBe(reference.text);
          resumed += 1;
        },
      ),
      { numRuns: 2000, seed: 20261207 },
    );
    expect(resumed).toBeGreaterThan(1900);
  });

  it('writes each value as its type, values that read alike as text included', () => {
    const values = [
      '0',
      0,
      -0,
      '-0',
      'true',
      true,
      'null',
      null,
      '10001',
      10001,
      '',
      'yes',
      1e21,
      'RuntimeDefault',
    ];
    for (const round of [1, 2])
      for (const v of values)
        expect(
          editDocumentText('a: 1\n', [{ path: ['a'], value: v }]).text,
          `${String(round)}: ${JSON.stringify(v)}`,
        ).toBe(`a: ${stringify(v).trimEnd()}\n`);
  });

  it('adds a key and the keys below it as one insert, inner lines before outer ones', () => {
    const text = 'spec:\n  containers:\n    - name: a\n';
    const edits: YamlEdit[] = [
      { path: ['spec', 'automountServiceAccountToken'], value: false },
      { path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true },
      { path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['ALL'] },
      { path: ['spec', 'securityContext', 'seccompProfile', 'type'], value: 'RuntimeDefault' },
    ];
    const expected = [
      'spec:',
      '  containers:',
      '    - name: a',
      '      securityContext:',
      '        runAsNonRoot: true',
      '        capabilities:',
      '          drop:',
      '            - ALL',
      '  automountServiceAccountToken: false',
      '  securityContext:',
      '    seccompProfile:',
      '      type: RuntimeDefault',
      '',
    ].join('\n');
    expect(editDocumentText(text, edits).text).toBe(expected);
    expect(editDocumentText(text, edits, undefined, { batched: false }).text).toBe(expected);
  });
});
