/** The diffs of a fix plan carry no secret value, and still apply with git apply. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeUnifiedDiff } from '../../../src/fix/secrets/safe-diff.js';
import { editDocumentText } from '../../../src/fix/workloads/yaml-edit.js';

const SECRET = 'sk_live_51HkQ8vTESTKEY0000';
const holds = (line: string): boolean => line.includes(SECRET);

/** Applies the diff with git apply in a scratch folder and returns the file as it then reads. */
function gitApply(before: string, diff: string, unidiffZero = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksward-safe-diff-'));
  writeFileSync(path.join(dir, 'f.yaml'), before);
  writeFileSync(path.join(dir, 'p.diff'), diff);
  execFileSync('git', ['apply', ...(unidiffZero ? ['--unidiff-zero'] : []), 'p.diff'], {
    cwd: dir,
    stdio: 'pipe',
  });
  return readFileSync(path.join(dir, 'f.yaml'), 'utf8');
}

const lines = (n: number, from = 1): string[] =>
  Array.from({ length: n }, (_, i) => `line ${String(i + from)}`);

describe('safeUnifiedDiff', () => {
  it('stops the context at a secret line: an insertion right after it applies', () => {
    const before = [...lines(5), `  value: ${SECRET}`, ...lines(5, 7)].join('\n') + '\n';
    const after = [...lines(5), `  value: ${SECRET}`, '  added: true', ...lines(5, 7)].join('\n') + '\n';
    const { diff, manual } = safeUnifiedDiff('f.yaml', before, after, holds);
    expect(manual).toEqual([]);
    expect(diff).toBeDefined();
    expect(diff).not.toContain(SECRET);
    expect(diff).toContain('+  added: true');
    expect(gitApply(before, diff ?? '')).toBe(after);
  });

  it('empties a file: every line removed, none added, and git apply leaves it empty', () => {
    const before = lines(4).join('\n') + '\n';
    const { diff, manual } = safeUnifiedDiff('f.yaml', before, '', holds);
    expect(manual).toEqual([]);
    expect(diff).toBe(
      [
        'diff --git a/f.yaml b/f.yaml',
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -1,4 +0,0 @@',
        ...lines(4).map((l) => `-${l}`),
      ].join('\n') + '\n',
    );
    expect(gitApply(before, diff ?? '')).toBe('');
  });

  it('empties a file that holds a secret: left to the instructions, with no diff', () => {
    const before = ['# credentials', `  value: ${SECRET}`].join('\n') + '\n';
    const { diff, manual } = safeUnifiedDiff('f.yaml', before, '', holds);
    expect(diff).toBeUndefined();
    expect(manual).toEqual([
      'f.yaml lines 1-2: delete these lines (a secret value is there; it is not shown)',
    ]);
  });

  it('stops the context at a secret line: an insertion right before it applies', () => {
    const before = [...lines(5), `  value: ${SECRET}`, ...lines(5, 7)].join('\n') + '\n';
    const after = [...lines(5), '  added: true', `  value: ${SECRET}`, ...lines(5, 7)].join('\n') + '\n';
    const { diff, unidiffZero } = safeUnifiedDiff('f.yaml', before, after, holds);
    expect(diff).not.toContain(SECRET);
    expect(unidiffZero).toBe(true);
    expect(gitApply(before, diff ?? '', unidiffZero)).toBe(after);
  });

  it('leaves a change that removes a secret line to a line-addressed instruction', () => {
    const before = [...lines(5), `  value: ${SECRET}`, ...lines(10, 7)].join('\n') + '\n';
    const middle = [...lines(5), '  valueFrom: {secretKeyRef: {name: s, key: k}}', ...lines(10, 7)];
    const after = [...middle.slice(0, 14), 'line 14b', ...middle.slice(14)].join('\n') + '\n';
    const { diff, manual } = safeUnifiedDiff('f.yaml', before, after, holds);
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatch(
      /^f\.yaml line 6: replace the line \(a secret value is there; it is not shown\) with\n {2}valueFrom/,
    );
    expect(manual.join('\n')).not.toContain(SECRET);
    expect(diff).not.toContain(SECRET);
    // The hand edit first, then the diff.
    const byHand = before.replace(`  value: ${SECRET}`, '  valueFrom: {secretKeyRef: {name: s, key: k}}');
    expect(gitApply(byHand, diff ?? '')).toBe(after);
  });

  it('gives no diff when the only change is a secret line, and keeps the diff of a file with no secret', () => {
    const before = `a\n  password: ${SECRET}\nb\n`;
    const removed = safeUnifiedDiff('f.yaml', before, 'a\nb\n', holds);
    expect(removed.diff).toBeUndefined();
    expect(removed.manual).toEqual([
      'f.yaml line 2: delete this line (a secret value is there; it is not shown)',
    ]);
    const plain = safeUnifiedDiff('f.yaml', 'a\nb\nc\n', 'a\nB\nc\n', holds);
    expect(plain.diff).toBe(
      'diff --git a/f.yaml b/f.yaml\n--- a/f.yaml\n+++ b/f.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
    );
  });

  describe('a stream of documents, diffed document by document', () => {
    const documentText = (i: number): string =>
      [
        ...(i % 7 === 0 ? ['# the workload of team ' + String(i)] : []),
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: w${String(i)}`,
        '  namespace: shop',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        `          image: registry.example/app:${String(i % 3)}`,
        '          ports:',
        '            - containerPort: 8080',
        '',
      ].join('\n');
    const documents = Array.from({ length: 40 }, (_, i) => documentText(i));
    const stream = (docs: readonly string[], marker: string): string =>
      docs
        .map((d, i) => (i === 0 ? d : `${i % 5 === 0 ? `${marker} # part ${String(i)}` : marker}\n${d}`))
        .join('');
    // Every third document hardened as the plan edits workloads: keys added, a value replaced.
    const edited = documents.map((d, i) =>
      i % 3 === 0
        ? editDocumentText(d, [
            { path: ['spec', 'template', 'spec', 'automountServiceAccountToken'], value: false },
            {
              path: [
                'spec',
                'template',
                'spec',
                'containers',
                0,
                'securityContext',
                'allowPrivilegeEscalation',
              ],
              value: false,
            },
            {
              path: ['spec', 'template', 'spec', 'containers', 0, 'image'],
              value: 'registry.example/app@sha256:00',
            },
          ]).text
        : d,
    );

    it('gives the diff of the whole file, and it applies', () => {
      const before = stream(documents, '---');
      const after = stream(edited, '---');
      const { diff } = safeUnifiedDiff('f.yaml', before, after, holds);
      expect(diff).toBeDefined();
      expect(diff?.match(/^@@ /gm)).toHaveLength(14);
      expect(gitApply(before, diff ?? '')).toBe(after);
      // The same texts with the markers turned into comments are diffed as one: the same hunks.
      const whole = safeUnifiedDiff('f.yaml', stream(documents, '#---'), stream(edited, '#---'), holds);
      expect(whole.diff?.replaceAll('#---', '---')).toBe(diff);
    });

    /** The stream of some documents, each with its marker (named by its index, as in `stream`). */
    const streamOf = (entries: readonly (readonly [number, string])[], marker = '---'): string =>
      entries
        .map(([i, d], k) => (k === 0 ? d : `${i % 5 === 0 ? `${marker} # part ${String(i)}` : marker}\n${d}`))
        .join('');

    it('matches the documents when one is removed: the removed one goes whole, and it applies', () => {
      const before = stream(documents, '---');
      const after = streamOf(edited.flatMap((d, i) => (i === 10 ? [] : [[i, d] as const])));
      const { diff } = safeUnifiedDiff('f.yaml', before, after, holds);
      expect(gitApply(before, diff ?? '')).toBe(after);
      // w10 is removed with its marker as one block of lines: no line of it is paired with another document's.
      const removed = `--- # part 10\n${documents[10] ?? ''}`.replace(/\n$/, '').split('\n');
      expect(diff).toContain(`\n${removed.map((line) => `-${line}`).join('\n')}\n`);
    });

    /** A RoleBinding of namespace shop, with `extra` lines at the end of its metadata. */
    const binding = (name: string, role: string, extra: readonly string[] = []): string =>
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: RoleBinding',
        'metadata:',
        `  name: ${name}`,
        '  namespace: shop',
        ...extra,
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: Role',
        `  name: ${role}`,
        '',
      ].join('\n');

    it('removes a document whole, not the end of one and the start of the next', () => {
      const bindings = [binding('rb-1', 'reader'), binding('rb-2', 'admin'), binding('rb-3', 'reader')];
      const before = bindings.join('---\n');
      const after = [bindings[0], bindings[2]].join('---\n');
      const { diff } = safeUnifiedDiff('f.yaml', before, after, holds);
      expect(gitApply(before, diff ?? '')).toBe(after);
      const changed = (diff ?? '').split('\n').filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line));
      expect(changed).toEqual(
        ['---', ...(bindings[1] ?? '').replace(/\n$/, '').split('\n')].map((l) => `-${l}`),
      );
    });

    it('removes a document whole when the one after it is edited in the same change', () => {
      // rb-1 removed, rb-2 labelled: without matching the documents first, the diff kept rb-1's first lines and
      // removed its end with rb-2's first lines.
      const labelled = binding('rb-2', 'reader', ['  labels:', '    team: shop']);
      const before = [binding('rb-1', 'reader'), binding('rb-2', 'reader'), binding('rb-3', 'admin')].join(
        '---\n',
      );
      const after = [labelled, binding('rb-3', 'admin')].join('---\n');

      const { diff } = safeUnifiedDiff('f.yaml', before, after, holds);
      expect(gitApply(before, diff ?? '')).toBe(after);
      const changed = (diff ?? '').split('\n').filter((line) => /^[-+](?![-+]{2} [ab]\/)/.test(line));
      expect(changed).toEqual([
        ...binding('rb-1', 'reader')
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => `-${l}`),
        '----',
        '+  labels:',
        '+    team: shop',
      ]);
    });

    it('applies whatever documents are removed, added or edited (property)', () => {
      const extra = (i: number): string =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra-${String(i)}\n`;
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('keep', 'edit', 'remove', 'add-after'), {
            minLength: documents.length,
            maxLength: documents.length,
          }),
          fc.constantFrom('---', '--- # next'),
          (ops, marker) => {
            const entries: (readonly [number, string])[] = [];
            ops.forEach((op, i) => {
              if (op === 'keep' || op === 'add-after') entries.push([i, documents[i] ?? '']);
              if (op === 'edit') entries.push([i, edited[i % 3 === 0 ? i : 0] ?? '']);
              if (op === 'add-after') entries.push([i + 1000, extra(i)]);
            });
            const before = stream(documents, '---');
            const after = streamOf(entries, marker);
            const { diff } = safeUnifiedDiff('f.yaml', before, after, holds);
            expect(diff === undefined ? before : gitApply(before, diff)).toBe(after);
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
