/** The plan's file set: YAML documents addressed as the loader numbered them, whatever was removed before. */
import { describe, expect, it } from 'vitest';
import { load, loadAll } from 'js-yaml';
import { FileChanges, FileSet } from '../../src/fix/file-set.js';
import { editDocumentText } from '../../src/fix/workloads/yaml-edit.js';

const FILE = 'all.yaml';
const TEXT = `# namespace shop
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
---
kind: RoleBinding
metadata:
  name: default-deployer
---
# the web tier
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
---
kind: Service
metadata:
  name: web
`;

const SECCOMP = {
  path: ['spec', 'template', 'spec', 'securityContext', 'seccompProfile', 'type'],
  value: 'RuntimeDefault',
};

const SECRET = { kind: 'Secret', name: 'db' };
const BINDING = { kind: 'RoleBinding', name: 'default-deployer' };
const DEPLOYMENT = { kind: 'Deployment', name: 'web' };
const SERVICE = { kind: 'Service', name: 'web' };

const kinds = (text: string): unknown[] => loadAll(text).map((d) => (d as { kind?: string } | null)?.kind);

describe('FileSet', () => {
  it('edits the document the loader numbered after documents before it were removed', () => {
    const files = new FileSet([[FILE, TEXT]]);
    expect(files.removeDocument(FILE, 0, SECRET)?.after).not.toContain('kind: Secret');
    expect(files.removeDocument(FILE, 1, BINDING)?.after).not.toContain('RoleBinding');
    const { change, failed } = files.editDocument(FILE, 2, DEPLOYMENT, [SECCOMP]);
    expect(failed).toEqual([]);
    const after = files.get(FILE) ?? '';
    expect(change?.after).toBe(after);
    expect(kinds(after)).toEqual(['Deployment', 'Service']);
    const [deployment, service] = loadAll(after) as { spec?: { template?: { spec?: object } } }[];
    expect(deployment?.spec?.template?.spec).toMatchObject({
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(service?.spec).toBeUndefined();
    // The comment before the Deployment stays with it; the one before the Secret went with the Secret.
    expect(after.startsWith('---\n# the web tier\nkind: Deployment')).toBe(true);
  });

  it('keeps what lies between documents when one is removed or edited: an ended empty document, a trailing comment', () => {
    const secret = 'kind: Secret\nmetadata: { name: db }\n...\n';
    const between = '# an empty document, ended\n...\n';
    // A document ended by \`...\` holds that line; the comment after the last is no document's.
    const service = '---\nkind: Service\nmetadata: { name: web }\n...\n';
    const trailing = '# the end\n';
    const text = `${secret}${between}${service}${trailing}`;
    const first = new FileSet([[FILE, text]]);
    expect(first.removeDocument(FILE, 0, SECRET)?.after).toBe(`${between}${service}${trailing}`);
    expect(first.removeDocument(FILE, 1, SERVICE)?.after).toBe(`${between}${trailing}`);
    const last = new FileSet([[FILE, text]]);
    expect(last.removeDocument(FILE, 1, SERVICE)?.after).toBe(`${secret}${between}${trailing}`);
    const edited = new FileSet([[FILE, text]]);
    const patch = { path: ['metadata', 'labels', 'app'], value: 'web' };
    expect(edited.editDocument(FILE, 1, SERVICE, [patch]).change?.after).toBe(
      `${secret}${between}---\nkind: Service\nmetadata: { name: web, labels: { app: web } }\n...\n${trailing}`,
    );
  });

  it('says a removed document takes no edit and cannot be removed twice', () => {
    const files = new FileSet([[FILE, TEXT]]);
    files.removeDocument(FILE, 1, BINDING);
    expect(files.removeDocument(FILE, 1, BINDING)).toBeUndefined();
    expect(files.editDocument(FILE, 1, BINDING, [SECCOMP])).toEqual({ change: undefined, failed: [SECCOMP] });
    expect(files.editDocument('other.yaml', 0, DEPLOYMENT, [SECCOMP]).failed).toEqual([SECCOMP]);
  });

  it('replaces a document’s content and keeps its --- apart from the document before it', () => {
    const files = new FileSet([[FILE, TEXT]]);
    const change = files.replaceDocument(
      FILE,
      1,
      BINDING,
      '# generated\nkind: RoleBinding\nmetadata:\n  name: narrowed\n',
    );
    expect(kinds(change?.after ?? '')).toEqual(['Secret', 'RoleBinding', 'Deployment', 'Service']);
    expect(change?.after).toContain('---\nkind: RoleBinding\nmetadata:\n  name: narrowed\n---\n');
    expect(change?.after).not.toContain('# generated');
  });

  it('finds a document by a line of the text the loader read, even after lines were added above it', () => {
    const files = new FileSet([[FILE, TEXT]]);
    files.editDocument(FILE, 0, SECRET, [{ path: ['metadata', 'labels', 'team'], value: 'a' }]);
    expect(files.documentAtLine(FILE, 6)).toBe(1);
    expect(files.documentAtLine(FILE, 11)).toBe(2);
    expect(files.documentAtLine(FILE, 22)).toBe(3);
    expect(files.documentAtLine(FILE, 99)).toBeUndefined();
    expect(files.removeDocument(FILE, files.documentAtLine(FILE, 6) ?? -1, BINDING)?.after).not.toContain(
      'RoleBinding',
    );
  });

  it('keeps the loader’s numbering through a text set whole that keeps the documents', () => {
    const files = new FileSet([[FILE, TEXT]]);
    files.removeDocument(FILE, 0, SECRET);
    files.set(FILE, (files.get(FILE) ?? '').replace('image: nginx', 'image: nginx:1.27'));
    files.editDocument(FILE, 3, SERVICE, [{ path: ['metadata', 'labels', 'app'], value: 'web' }]);
    const service = loadAll(files.get(FILE) ?? '').at(-1);
    expect(service).toEqual({ kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } } });
  });
});

describe('FileSet: a document that holds another object', () => {
  it('takes no edit, no removal and no replacement', () => {
    const files = new FileSet([[FILE, TEXT]]);
    // Document 2 is the Deployment: an object numbered 2 in another stream (a kustomization's output) is not it.
    const stranger = { kind: 'ServiceAccount', name: 'web' };
    expect(files.editDocument(FILE, 2, stranger, [SECCOMP])).toEqual({
      change: undefined,
      failed: [SECCOMP],
    });
    expect(files.removeDocument(FILE, 2, stranger)).toBeUndefined();
    expect(
      files.replaceDocument(FILE, 2, { kind: 'Deployment', name: 'api' }, 'kind: Deployment\n'),
    ).toBeUndefined();
    expect(files.get(FILE)).toBe(TEXT);
  });
});

describe('FileSet.editDocument', () => {
  it('edits one document of a stream as the loader numbers them, and leaves the others byte for byte', () => {
    const files = new FileSet([[FILE, TEXT]]);
    const { failed } = files.editDocument(FILE, 3, SERVICE, [
      { path: ['metadata', 'labels', 'app'], value: 'web' },
    ]);
    const text = files.get(FILE) ?? '';
    expect(failed).toEqual([]);
    expect(text.startsWith(TEXT)).toBe(true);
    expect(load(text.slice(TEXT.lastIndexOf('---') + 4))).toEqual({
      kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web' } },
    });
    const other = new FileSet([[FILE, TEXT]]);
    expect(other.editDocument(FILE, 4, SERVICE, [SECCOMP])).toEqual({ change: undefined, failed: [SECCOMP] });
    expect(other.get(FILE)).toBe(TEXT);
  });
});

describe('FileSet.editDocument: a document edited again', () => {
  const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];
  const steps = [
    [SECCOMP, { path: [...CONTAINER, 'securityContext', 'runAsNonRoot'], value: true }],
    [
      { path: [...CONTAINER, 'securityContext', 'readOnlyRootFilesystem'], value: true },
      { path: [...CONTAINER, 'image'], value: 'nginx:1.27' },
      { path: ['spec', 'template', 'spec', 'automountServiceAccountToken'], value: false },
    ],
  ];

  it('gives the text of one parse per edit, whatever came between the two edits', () => {
    // The reference: each step's edits on a fresh parse of the document as the step before left it.
    let reference = TEXT.slice(TEXT.indexOf('# the web tier'), TEXT.lastIndexOf('---'));
    for (const edits of steps)
      reference = editDocumentText(reference, edits, undefined, { batched: false }).text;
    const files = new FileSet([[FILE, TEXT]]);
    expect(files.editDocument(FILE, 2, DEPLOYMENT, steps[0] ?? []).failed).toEqual([]);
    // Between the two steps: a document before it removed, the Service after it edited.
    files.removeDocument(FILE, 0, SECRET);
    files.editDocument(FILE, 3, SERVICE, [{ path: ['metadata', 'labels', 'app'], value: 'web' }]);
    const second = files.editDocument(FILE, 2, DEPLOYMENT, steps[1] ?? []);
    expect(second.failed).toEqual([]);
    expect(second.change?.after).toContain(reference);
    expect(files.get(FILE)).toContain(`---\n${reference}---\nkind: Service`);
    // An edit said to be the last keeps no parse: one after it parses anew, to the same text.
    for (const forget of [false, true]) {
      const again = new FileSet([[FILE, TEXT]]);
      again.editDocument(FILE, 2, DEPLOYMENT, steps[0] ?? [], { final: !forget });
      if (forget) again.forgetEdits();
      expect(again.editDocument(FILE, 2, DEPLOYMENT, steps[1] ?? []).change?.after).toContain(reference);
    }
  });

  it('checks the document anew after an edit of its name, or a replacement of its content', () => {
    const files = new FileSet([[FILE, TEXT]]);
    files.editDocument(FILE, 2, DEPLOYMENT, [{ path: ['metadata', 'name'], value: 'api' }]);
    expect(files.editDocument(FILE, 2, DEPLOYMENT, [SECCOMP])).toEqual({
      change: undefined,
      failed: [SECCOMP],
    });
    expect(files.editDocument(FILE, 2, { kind: 'Deployment', name: 'api' }, [SECCOMP]).failed).toEqual([]);

    const replaced = new FileSet([[FILE, TEXT]]);
    replaced.editDocument(FILE, 2, DEPLOYMENT, steps[0] ?? []);
    replaced.replaceDocument(FILE, 2, DEPLOYMENT, 'kind: Deployment\nmetadata:\n  name: web\n');
    const after = replaced.editDocument(FILE, 2, DEPLOYMENT, [{ path: ['spec', 'replicas'], value: 2 }]);
    expect(after.failed).toEqual([]);
    expect(replaced.get(FILE)).toContain(
      '---\n# the web tier\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n---',
    );
  });
});

describe('FileChanges', () => {
  it('keeps one change per file, from the text before its first change to the text after its last', () => {
    const files = new FileSet(new Map([[FILE, TEXT]]));
    const changes = new FileChanges();
    changes.add(files.removeDocument(FILE, 0, { kind: 'Secret', name: 'db' }));
    changes.add(undefined);
    changes.add(files.removeDocument(FILE, 1, { kind: 'RoleBinding', name: 'default-deployer' }));
    changes.add({ file: 'other.yaml', before: 'a: 1\n', after: 'a: 1\n' });
    expect(changes.list()).toEqual([{ file: FILE, before: TEXT, after: files.get(FILE) }]);
    expect(files.get(FILE)).not.toContain('kind: Secret');
    expect(files.get(FILE)).not.toContain('kind: RoleBinding');
  });
});
