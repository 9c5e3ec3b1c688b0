import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { FileSet } from '../../../src/fix/file-set.js';
import type { DocumentIdentity } from '../../../src/fix/file-set.js';
import type { YamlEdit } from '../../../src/fix/workloads/yaml-edit.js';
import { editDocumentText } from '../../../src/fix/workloads/yaml-edit.js';

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
