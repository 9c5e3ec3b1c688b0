/**
 * @module Kustomize offline check: before `kubectl kustomize` runs, the kustomization graph is walked here.
 * Kustomize fetches any URL it is given (`resources: [http://…]`, `github.com/org/repo?ref=v1` runs
 * `git fetch`) and follows local paths anywhere on disk; in CI on an untrusted pull request either can
 * reach the network (a cloud metadata service) or read the runner's files. A remote reference, a path
 * out of the repository, a non-regular file or Helm inflation makes the kustomization not rendered.
 */
import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Document, Node } from 'yaml';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadLimits } from '../limits.js';
import { KUSTOMIZATION_FILES } from './discover-inputs.js';
import { describeEntry, readInputFile } from './read-input-file.js';

export interface GraphOptions {
  /** Shown paths are relative to it; the boundary when no git repository holds the kustomization. */
  readonly cwd: string;
  /** `--allow-remote-bases`: remote references and paths out of the repository are left to kustomize. */
  readonly allowRemote: boolean;
  readonly limits: LoadLimits;
}

export interface GraphCheck {
  /** Why the kustomization must not be rendered; empty when it may be. */
  readonly diagnostics: Diagnostic[];
  /** `secretGenerator` and `configMapGenerator` literals: cut from kustomize's error text. */
  readonly literals: string[];
  /** Real paths of every local file the graph reads: its kustomization files, resources, patches, generator sources. */
  readonly consumed: ReadonlySet<string>;
  /** Real paths of its strategic-merge patch files (`patches[].path`, `patchesStrategicMerge`), in graph order. */
  readonly patches: readonly string[];
}

/** More kustomizations than this in one graph is not a real repository. */
const MAX_KUSTOMIZATIONS = 1000;

/**
 * What kustomize treats as remote (kustomize `api/internal/git/repospec.go` and `api/loader`): a URL
 * (`https://`, `ssh://`, `file://`), `git::` and `gh:` forms, `user@host:path`, `github.com/…`, a
 * `?ref=` query, an Azure DevOps `_git/` path. A superset: a false alarm is a diagnostic, a miss a fetch.
 */
const REMOTE =
  /^(?:git::|gh:|[a-z][a-z0-9+.-]*:\/\/|[\w.~-]+@[\w.-]+[:/]|(?:github|gitlab|bitbucket)\.(?:com|org)[:/])|\?(?:ref|version|timeout|submodules)=|(?:^|\/)_git\//i;

export function isRemoteReference(reference: string): boolean {
  return REMOTE.test(reference.trim());
}

/** A remote reference for a message: scheme and host kept, credentials and query dropped. */
function showRemote(reference: string): string {
  const plain = reference
    .trim()
    .replace(/\?.*$/s, '')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1')
    .replace(/[^\x21-\x7e]/g, '?');
  return plain.length > 120 ? `${plain.slice(0, 120)}…` : plain;
}

/** Fields whose entries are kustomizations (folders) or resource files. */
const BASE_FIELDS = ['resources', 'bases', 'components'];
/** Fields whose entries are plugin configurations: a file, a kustomization folder, or inline YAML. */
const PLUGIN_FIELDS = ['generators', 'transformers', 'validators'];
/** Fields whose entries are file paths. */
const FILE_FIELDS = ['crds', 'configurations', 'patchesstrategicmerge'];
/** Fields of objects whose `path` is a file. */
const PATH_OBJECT_FIELDS = ['patches', 'patchesjson6902', 'replacements'];
const GENERATOR_FIELDS = ['configmapgenerator', 'secretgenerator'];
const HELM_FIELDS = ['helmcharts', 'helmchartinflationgenerator'];
/** Keys of plugin configurations that name something to load. */
const PLUGIN_PATH_KEYS = new Set(['path', 'paths', 'files', 'envs', 'env', 'resources', 'repo']);
const HELM_MESSAGE =
  'Helm inflation (helmCharts) is not run: it would run helm and fetch charts; render it yourself (`kubectl kustomize --enable-helm`) and scan the output; not rendered';

interface Place {
  /** The kustomization (or plugin configuration) file, as shown. */
  readonly file: string;
  /** The folder its paths are relative to. */
  readonly dir: string;
  readonly lines: LineCounter;
  /** Inline YAML inside the kustomization: every problem is on the line of its entry. */
  readonly line?: number;
}

interface Walk {
  readonly options: GraphOptions;
  /** The repository the root kustomization is in: local references may not leave it. */
  readonly boundary: string;
  readonly diagnostics: Diagnostic[];
  readonly literals: string[];
  readonly visited: Set<string>;
  readonly queue: string[];
  readonly consumed: Set<string>;
  readonly patches: string[];
}

const PATCH_FIELDS = new Set(['patches.path', 'patchesstrategicmerge']);

function show(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

export function isInside(real: string, boundary: string): boolean {
  return real === boundary || real.startsWith(boundary.endsWith(sep) ? boundary : boundary + sep);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    // absent: kustomize reports what is missing when it renders
    return false;
  }
}

/** The repository holding `dir`: the nearest folder up with a `.git` entry (a folder, or a worktree's file). */
async function repositoryOf(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    if (await exists(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The boundary of a root kustomization: its git repository; without one, the current folder when the
 * kustomization is in it, else the kustomization's own folder.
 */
export async function boundaryOf(real: string, cwd: string): Promise<string> {
  const repository = await repositoryOf(real);
  if (repository !== undefined) return repository;
  const here = await realpath(cwd).catch(() => resolve(cwd));
  return isInside(real, here) ? here : real;
}

function lineOf(node: Node | null | undefined, place: Place): number | undefined {
  if (place.line !== undefined) return place.line;
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : place.lines.linePos(offset).line;
}

function report(
  walk: Walk,
  place: Place,
  node: Node | null | undefined,
  diagnostic: Omit<Diagnostic, 'file'>,
): void {
  const line = lineOf(node, place);
  walk.diagnostics.push({ ...diagnostic, file: place.file, ...(line === undefined ? {} : { line }) });
}

function resolved(node: unknown, document: Document): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

/**
 * A mapping's values by lower-cased key, every occurrence kept: kustomize matches field names without
 * regard to case (Go's encoding/json) and reads YAML merge keys (`<<`), and a duplicate key must not
 * hide an entry from this check.
 */
function fieldsOf(node: unknown, document: Document, depth = 0): Map<string, Node[]> {
  const fields = new Map<string, Node[]>();
  const map = resolved(node, document);
  if (!isMap(map) || depth > 16) return fields;
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : undefined;
    const value = pair.value as Node | null;
    if (key === undefined || value === null) continue;
    const merged = key === '<<' ? resolved(value, document) : undefined;
    if (merged !== undefined) {
      const sources = isSeq(merged) ? merged.items : [merged];
      for (const source of sources) {
        for (const [name, values] of fieldsOf(source, document, depth + 1))
          fields.set(name, [...(fields.get(name) ?? []), ...values]);
      }
      continue;
    }
    fields.set(key, [...(fields.get(key) ?? []), value]);
  }
  return fields;
}

/** The string entries of a list (or a single string), each with its node for the line. */
function stringsOf(node: unknown, document: Document): { value: string; node: Node }[] {
  const value = resolved(node, document);
  const items = isSeq(value) ? value.items.map((item) => resolved(item, document)) : [value];
  return items.flatMap((item) =>
    isScalar(item) && typeof item.value === 'string' ? [{ value: item.value, node: item }] : [],
  );
}

function itemsOf(node: unknown, document: Document): unknown[] {
  const value = resolved(node, document);
  return isSeq(value) ? value.items.map((item) => resolved(item, document)) : [];
}

type Target = 'base' | 'plugin' | 'file';

function refuseRemote(walk: Walk, place: Place, field: string, entry: { value: string; node: Node }): void {
  report(walk, place, entry.node, {
    code: 'outside-input',
    level: 'error',
    message: `${field}: remote reference ${showRemote(entry.value)}: kustomize would fetch it; not rendered (--allow-remote-bases allows remote bases)`,
  });
}

/** A local or remote path of a kustomization: remote refused, local checked against the boundary. */
async function checkReference(
  walk: Walk,
  place: Place,
  field: string,
  entry: { value: string; node: Node },
  target: Target,
): Promise<void> {
  if (isRemoteReference(entry.value)) {
    if (!walk.options.allowRemote) refuseRemote(walk, place, field, entry);
    return;
  }
  const path = resolve(place.dir, entry.value);
  if (!(await exists(path))) return;
  let real: string;
  let stats: Stats;
  try {
    real = await realpath(path);
    stats = await stat(path);
  } catch {
    // a broken link or a loop: kustomize reports it
    return;
  }
  if (!isInside(real, walk.boundary) && !walk.options.allowRemote) {
    report(walk, place, entry.node, {
      code: 'outside-input',
      level: 'error',
      message: `${field}: ${show(path, walk.options.cwd)} is outside the repository (${show(walk.boundary, walk.options.cwd)}); not rendered`,
    });
    return;
  }
  if (stats.isDirectory()) {
    if (target !== 'file') walk.queue.push(real);
    return;
  }
  if (!stats.isFile()) {
    report(walk, place, entry.node, {
      code: 'read-error',
      level: 'error',
      message: `${field}: ${show(path, walk.options.cwd)} is ${describeEntry(stats)}, not a regular file; not rendered`,
    });
    return;
  }
  walk.consumed.add(real);
  if (PATCH_FIELDS.has(field) && !walk.patches.includes(real)) walk.patches.push(real);
  if (target === 'plugin') await checkPluginFile(walk, path, field);
}

/** Plugin configurations name files and repositories too (a PatchTransformer's `path`); remote ones are refused. */
function checkPluginText(walk: Walk, text: string, place: Place, field: string): void {
  for (const document of parseAllDocuments(text, { lineCounter: place.lines, logLevel: 'error' })) {
    if (!('contents' in document)) continue;
    const visit = (node: unknown, depth: number): void => {
      const value = resolved(node, document);
      if (depth > 64) return;
      if (isSeq(value)) {
        for (const item of value.items) visit(item, depth + 1);
      }
      if (!isMap(value)) return;
      for (const pair of value.items) {
        const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : '';
        if (
          key === 'kind' &&
          isScalar(pair.value) &&
          String(pair.value.value) === 'HelmChartInflationGenerator'
        )
          report(walk, place, pair.value, {
            code: 'unsupported-input',
            level: 'error',
            message: HELM_MESSAGE,
          });
        if (PLUGIN_PATH_KEYS.has(key)) {
          for (const entry of stringsOf(pair.value, document))
            if (isRemoteReference(entry.value) && !walk.options.allowRemote)
              refuseRemote(walk, place, field, entry);
        }
        visit(pair.value, depth + 1);
      }
    };
    visit(document.contents, 0);
  }
}

async function checkPluginFile(walk: Walk, path: string, field: string): Promise<void> {
  const file = show(path, walk.options.cwd);
  const read = await readInputFile(path, file, walk.options.limits);
  if ('diagnostic' in read) {
    walk.diagnostics.push(read.diagnostic);
    return;
  }
  checkPluginText(walk, read.text, { file, dir: dirname(path), lines: new LineCounter() }, field);
}

async function checkGenerators(
  walk: Walk,
  place: Place,
  field: string,
  nodes: Node[],
  document: Document,
): Promise<void> {
  for (const generator of nodes.flatMap((node) => itemsOf(node, document))) {
    const fields = fieldsOf(generator, document);
    for (const literal of (fields.get('literals') ?? []).flatMap((node) => stringsOf(node, document)))
      walk.literals.push(literal.value);
    for (const name of ['files', 'envs', 'env']) {
      for (const entry of (fields.get(name) ?? []).flatMap((node) => stringsOf(node, document))) {
        // `files` entries are `[key=]path`
        const equals = name === 'files' ? entry.value.indexOf('=') : -1;
        const value = equals === -1 ? entry.value : entry.value.slice(equals + 1);
        await checkReference(walk, place, `${field}.${name}`, { value, node: entry.node }, 'file');
      }
    }
  }
}

/** Checks one kustomization file's references; the folders it names go on the queue. */
async function checkKustomizationFile(walk: Walk, path: string): Promise<void> {
  const file = show(path, walk.options.cwd);
  const real = await realpath(path).catch(() => path);
  if (!isInside(real, walk.boundary) && !walk.options.allowRemote) {
    const message = `the kustomization file leads outside the repository (${show(walk.boundary, walk.options.cwd)}); not rendered`;
    walk.diagnostics.push({ code: 'outside-input', level: 'error', message, file });
    return;
  }
  walk.consumed.add(real);
  const read = await readInputFile(path, file, walk.options.limits);
  if ('diagnostic' in read) {
    walk.diagnostics.push(read.diagnostic);
    return;
  }
  const place: Place = { file, dir: dirname(path), lines: new LineCounter() };
  const document = parseDocument(read.text, {
    lineCounter: place.lines,
    uniqueKeys: false,
    prettyErrors: true,
    // The library's warnings ("Keys with collection values will be stringified…") go to
    // process.emitWarning, outside our diagnostics; errors are read from the document.
    logLevel: 'error',
  });
  const [error] = document.errors;
  if (error !== undefined) {
    // the parser's message may quote the text (a secret literal); the line says where
    const line = error.linePos?.[0].line;
    walk.diagnostics.push({
      code: 'parse-error',
      level: 'error',
      message: 'kustomization is not valid YAML; not rendered',
      file,
      ...(line === undefined ? {} : { line }),
    });
    return;
  }
  const fields = fieldsOf(document.contents, document);
  const entries = (name: string) => (fields.get(name) ?? []).flatMap((node) => stringsOf(node, document));
  for (const field of BASE_FIELDS)
    for (const entry of entries(field)) await checkReference(walk, place, field, entry, 'base');
  for (const field of PLUGIN_FIELDS) {
    for (const entry of entries(field)) {
      // an entry with a line break is an inline plugin configuration
      if (entry.value.includes('\n')) {
        const line = lineOf(entry.node, place);
        const inline = { ...place, lines: new LineCounter(), ...(line === undefined ? {} : { line }) };
        checkPluginText(walk, entry.value, inline, field);
      } else await checkReference(walk, place, field, entry, 'plugin');
    }
  }
  for (const field of FILE_FIELDS) {
    for (const entry of entries(field)) {
      // patchesStrategicMerge also takes an inline patch
      if (!entry.value.includes('\n')) await checkReference(walk, place, field, entry, 'file');
    }
  }
  for (const field of PATH_OBJECT_FIELDS) {
    for (const item of (fields.get(field) ?? []).flatMap((node) => itemsOf(node, document))) {
      for (const entry of (fieldsOf(item, document).get('path') ?? []).flatMap((node) =>
        stringsOf(node, document),
      ))
        await checkReference(walk, place, `${field}.path`, entry, 'file');
    }
  }
  for (const openapi of fields.get('openapi') ?? []) {
    for (const entry of (fieldsOf(openapi, document).get('path') ?? []).flatMap((node) =>
      stringsOf(node, document),
    ))
      await checkReference(walk, place, 'openapi.path', entry, 'file');
  }
  for (const field of GENERATOR_FIELDS)
    await checkGenerators(walk, place, field, fields.get(field) ?? [], document);
  for (const field of HELM_FIELDS) {
    const [node] = fields.get(field) ?? [];
    if (node !== undefined && !(isSeq(node) && node.items.length === 0))
      report(walk, place, node, { code: 'unsupported-input', level: 'error', message: HELM_MESSAGE });
  }
}

async function kustomizationFileIn(dir: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILES) if (await exists(join(dir, name))) return join(dir, name);
  return undefined;
}

/**
 * Walks the kustomization graph from the kustomization in `dir` (its bases, components and every file
 * it names). No diagnostic means rendering stays offline and inside the repository.
 */
export async function checkKustomizationGraph(dir: string, options: GraphOptions): Promise<GraphCheck> {
  const real = await realpath(dir).catch(() => resolve(dir));
  const walk: Walk = {
    options,
    boundary: await boundaryOf(real, options.cwd),
    diagnostics: [],
    literals: [],
    visited: new Set(),
    queue: [real],
    consumed: new Set(),
    patches: [],
  };
  for (let folder = walk.queue.shift(); folder !== undefined; folder = walk.queue.shift()) {
    if (walk.visited.has(folder)) continue;
    walk.visited.add(folder);
    if (walk.visited.size > MAX_KUSTOMIZATIONS) {
      walk.diagnostics.push({
        code: 'limit-exceeded',
        level: 'error',
        message: `more than ${MAX_KUSTOMIZATIONS} kustomizations in one graph; not rendered`,
        file: show(dir, options.cwd),
      });
      break;
    }
    const file = await kustomizationFileIn(folder);
    if (file !== undefined) await checkKustomizationFile(walk, file);
  }
  const { diagnostics, literals, consumed, patches } = walk;
  return { diagnostics, literals, consumed, patches };
}
