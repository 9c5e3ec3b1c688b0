// Scaffolds a rule: src/rules/<surface>/<id>.ts, its line in src/rules/<surface>/index.ts (sorted by id),
// test/fixtures/rules/<id>/{valid,invalid}.basic.yaml and test/rules/<surface>/<id>.test.ts.
// Usage: npm run new-rule -- <surface> <id> [--root <repository>]
// The generated rule is a working example (it requires an `app` label on Deployments) with TODO markers:
// replace its check, fixtures and metadata, then run `npm run docs`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ID = /^(no|require)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** `no-host-pid` → `noHostPid`: the registry's import name. */
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The surfaces, read from the source (no build needed). */
function readSurfaces(root) {
  const text = readFileSync(path.join(root, 'src', 'rules', 'types.ts'), 'utf8');
  const list = /export const SURFACES = \[([^\]]*)\]/.exec(text)?.[1];
  if (list === undefined) throw new Error('src/rules/types.ts: SURFACES not found');
  return [...list.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);
}

/**
 * Adds `import <name> from './<id>.js';` and `<name>,` to a surface index, both in id order. Refuses an
 * index whose array is not exactly its imports in order, rather than guess where the line goes.
 */
export function insertIntoIndex(text, id) {
  const lines = text.split('\n');
  const importLine = /^import (\w+) from '\.\/([a-z0-9-]+)\.js';$/;
  const imports = lines.flatMap((line, index) => {
    const match = importLine.exec(line);
    return match ? [{ index, name: match[1], id: match[2] }] : [];
  });
  const open = lines.findIndex((line) => /^export const rules: readonly AnyRule\[\] = \[\]?;?$/.test(line));
  if (open === -1) throw new Error('the index has no `export const rules: readonly AnyRule[] = [` line');
  const inline = lines[open].endsWith('[];');
  const close = inline ? open : lines.findIndex((line, index) => index > open && line === '];');
  const entries = inline ? [] : lines.slice(open + 1, close).map((line) => line.trim().replace(/,$/, ''));
  if (entries.join() !== imports.map((i) => i.name).join())
    throw new Error('the rules array is not its imports in order: add the rule by hand');
  const all = [...imports, { name: camel(id), id }].sort((a, b) => (a.id < b.id ? -1 : 1));
  const head = lines.slice(0, open);
  // The rule imports go where the first one was (after the last other import when there is none).
  const lastOther = head.findLastIndex((line) => line.startsWith('import '));
  const at = imports[0]?.index ?? lastOther + 1;
  const kept = head.filter((line) => !importLine.test(line));
  const keptAt = head.slice(0, at).filter((line) => !importLine.test(line)).length;
  return [
    ...kept.slice(0, keptAt),
    ...all.map((i) => `import ${i.name} from './${i.id}.js';`),
    ...kept.slice(keptAt),
    'export const rules: readonly AnyRule[] = [',
    ...all.map((i) => `  ${i.name},`),
    '];',
    ...lines.slice(close + 1),
  ].join('\n');
}

/** Formats with the repository's prettier settings when prettier is installed. */
async function format(file, text) {
  const prettier = await import('prettier').catch(() => undefined);
  if (prettier === undefined) return text;
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

function ruleTemplate(surface, id, version) {
  return `/** @module ${id}: TODO say in one line what the rule checks. */
import { objectSubject } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

export default defineRule({
  id: '${id}',
  // TODO: what holds when the rule passes, as one sentence without a full stop.
  title: 'Deployments carry an app label',
  surface: '${surface}',
  severity: 'medium',
  rationale: 'TODO: why it matters: what an attacker gains, or what breaks, when it does not hold.',
  remediation: {
    summary: 'TODO: what to change.',
    manifest: 'metadata:\\n  labels:\\n    app: <name>\\n',
  },
  reads: ['manifests'],
  peers: {},
  // TODO: cite the part of the guidance the rule relies on, and the documentation it follows.
  references: [GUIDANCE.guide],
  since: '${version}',
  check(context) {
    // TODO: replace this example check (every Deployment has an \`app\` label). Report a pass for each
    // compliant subject: testRule requires a valid fixture to be assessed, not merely free of findings.
    for (const object of context.model.objects) {
      if (object.kind !== 'Deployment') continue;
      const subject = objectSubject(object);
      if (object.labels['app'] !== undefined) {
        context.report({ subject, path: ['metadata', 'labels'], status: 'pass', message: \`\${subject.display} has an app label.\` });
        continue;
      }
      context.report({ subject, path: ['metadata', 'labels'], message: \`\${subject.display} has no app label.\` });
    }
  },
});
`;
}

const deployment = (labels) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${labels}spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: myregistry.azurecr.io/web@sha256:0000000000000000000000000000000000000000000000000000000000000000
`;

function testTemplate(surface, id) {
  return `/** @module Tests for ${id}. */
import { testRule } from '../../helpers/test-rule.js';

// TODO: one fixture per scenario and per input format the rule reads.
testRule('${id}', {
  valid: ['valid.basic.yaml'],
  invalid: [
    {
      fixture: 'invalid.basic.yaml',
      findings: [{ subject: 'Deployment/shop/web', path: 'metadata.labels', line: 3 }],
    },
  ],
});
`;
}

function parseArgs(argv) {
  const positional = [];
  let root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = path.resolve(argv[++i] ?? '');
    else positional.push(argv[i]);
  }
  return { root, surface: positional[0], id: positional[1], extra: positional.slice(2) };
}

export async function newRule({ root, surface, id }) {
  const surfaces = readSurfaces(root);
  if (surface === undefined || id === undefined) throw new Error('usage: npm run new-rule -- <surface> <id>');
  if (!surfaces.includes(surface))
    throw new Error(`unknown surface "${surface}" (expected one of ${surfaces.join(', ')})`);
  if (!ID.test(id)) throw new Error(`"${id}" is not an id: no-<risk> or require-<control>, kebab-case`);
  const taken = surfaces
    .map((s) => path.join(root, 'src', 'rules', s, `${id}.ts`))
    .concat([path.join(root, 'test', 'fixtures', 'rules', id)])
    .filter((file) => existsSync(file));
  if (taken.length > 0)
    throw new Error(
      `rule id "${id}" exists already (${path.relative(root, taken[0])}); ids are never reused`,
    );
  const indexFile = path.join(root, 'src', 'rules', surface, 'index.ts');
  const index = insertIntoIndex(readFileSync(indexFile, 'utf8'), id);
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const fixtures = path.join(root, 'test', 'fixtures', 'rules', id);
  const files = new Map([
    [path.join(root, 'src', 'rules', surface, `${id}.ts`), ruleTemplate(surface, id, version)],
    [indexFile, index],
    [path.join(fixtures, 'valid.basic.yaml'), deployment('  labels:\n    app: web\n')],
    [path.join(fixtures, 'invalid.basic.yaml'), deployment('')],
    [path.join(root, 'test', 'rules', surface, `${id}.test.ts`), testTemplate(surface, id)],
  ]);
  const formatted = await Promise.all(
    [...files].map(async ([file, text]) => [file, await format(file, text)]),
  );
  for (const [file, text] of formatted) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return [...files.keys()].map((file) => path.relative(root, file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  try {
    if (args.extra.length > 0) throw new Error(`unexpected arguments: ${args.extra.join(' ')}`);
    const written = await newRule(args);
    process.stdout.write(
      `${written.map((file) => `  ${file}\n`).join('')}Next: replace the TODOs, run the test, then npm run docs.\n`,
    );
  } catch (error) {
    process.stderr.write(`new-rule: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
