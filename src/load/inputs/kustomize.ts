/**
 * @module Kustomize: only root kustomizations are rendered (`kubectl kustomize <dir>`); a folder
 * that another kustomization of the same run lists in `resources`, `bases` or `components` is its
 * base, and rendering it alone would report objects the overlay changes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadLimits } from '../limits.js';
import type { InputUnit } from './discover-inputs.js';

type KustomizationUnit = Extract<InputUnit, { kind: 'kustomization' }>;

const REFERENCE_FIELDS = ['resources', 'bases', 'components'] as const;
/** Remote references (`https://…`, `git@…`, `github.com/org/repo?ref=v1`) are fetched by kustomize, not walked. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=/i;

/** Local entries of a kustomization's `resources`, `bases` and `components`. */
export function kustomizationReferences(text: string): string[] {
  let document: unknown;
  try {
    document = parse(text, { prettyErrors: false, logLevel: 'error' });
  } catch {
    // a broken kustomization lists nothing; rendering it reports the error
    return [];
  }
  if (typeof document !== 'object' || document === null) return [];
  const fields = document as Record<string, unknown>;
  return REFERENCE_FIELDS.flatMap((field) => {
    const entries = fields[field];
    if (!Array.isArray(entries)) return [];
    return entries.filter((entry): entry is string => typeof entry === 'string' && !REMOTE.test(entry));
  });
}

async function referencedFolders(unit: KustomizationUnit): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(unit.file, 'utf8');
  } catch {
    // rendering reports what is wrong with it
    return [];
  }
  const folders: string[] = [];
  for (const reference of kustomizationReferences(text)) {
    const target = resolve(unit.dir, reference);
    try {
      if ((await stat(target)).isDirectory()) folders.push(await realpath(target));
    } catch {
      // a missing resource: kustomize reports it when rendering
    }
  }
  return folders;
}

/** Replaces every kustomization that another one of the run references by a "base of" skip. */
export async function skipKustomizeBases(units: readonly InputUnit[]): Promise<InputUnit[]> {
  const baseOf = new Map<string, string>();
  for (const unit of units) {
    if (unit.kind !== 'kustomization') continue;
    for (const folder of await referencedFolders(unit)) {
      if (folder !== unit.real && !baseOf.has(folder)) baseOf.set(folder, unit.display);
    }
  }
  return units.map((unit) => {
    const overlay = unit.kind === 'kustomization' ? baseOf.get(unit.real) : undefined;
    if (unit.kind !== 'kustomization' || overlay === undefined) return unit;
    return { kind: 'skipped', display: unit.display, reason: `kustomize base of ${overlay}` };
  });
}

const RENDER_TIMEOUT_MS = 120_000;
const NOT_FOUND = 'kubectl not found: install kubectl to render kustomizations';

/** kubectl logs through klog: `E1123 15:34:41.743061   29965 run.go:72] "command failed" err="…"`. */
const KLOG_HEADER = /^[EWIF]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] (?:"command failed" err=)?/;

/**
 * Kustomize errors print the offending object as a Go value (`missing metadata.name in object {{v1 Secret}
 * {{ x} map[] map[kubectl.kubernetes.io/last-applied-configuration:{...}]}}`): its annotations, and so
 * any secret value they hold, would reach the diagnostic. Every `{…}` and `map[…]` is cut to `{…}`.
 */
export function redactObjectDumps(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const opens = char === '{' || (char === '[' && text.slice(Math.max(0, i - 3), i) === 'map');
    if (opens) {
      if (depth === 0) out = `${char === '[' ? out.slice(0, -3) : out}{…}`;
      depth++;
    } else if (depth > 0 && (char === '}' || char === ']')) depth--;
    else if (depth > 0 && (char === '[' || char === '{')) depth++;
    else if (depth === 0) out += char;
  }
  return out;
}

function firstLines(text: string, count = 3): string {
  const lines = redactObjectDumps(text)
    .split('\n')
    .map((line) => line.trim().replace(KLOG_HEADER, '').slice(0, 400));
  return lines
    .filter((line) => line !== '' && !line.startsWith('# Warning:'))
    .slice(0, count)
    .join(' | ');
}

function failure(
  file: string,
  message: string,
  code: Diagnostic['code'] = 'render-failed',
): { diagnostic: Diagnostic } {
  return { diagnostic: { code, level: 'error', message, file } };
}

/**
 * Kustomize quotes generator literals in its errors (`literal sources [hunter2 password=hunter3]: invalid
 * literal source hunter2`). The literal lists and sources are cut, and so is every literal the
 * kustomization graph holds, as a whole and by its value.
 */
export function redactLiterals(text: string, literals: readonly string[]): string {
  let out = text
    .replace(/literal sources \[[^\]\n]*\]?/g, 'literal sources […]')
    .replace(/invalid literal source [^\n]*?(, expected|$)/gm, 'invalid literal source …$1');
  const secrets = literals.flatMap((literal) => {
    const equals = literal.indexOf('=');
    return equals === -1 ? [literal] : [literal, literal.slice(equals + 1)];
  });
  // longest first, so a value inside a whole `key=value` is not cut before it; one-letter values would cut words
  for (const secret of [...new Set(secrets)]
    .filter((s) => s.trim().length > 1)
    .sort((a, b) => b.length - a.length))
    out = out.split(secret).join('…');
  return out;
}

/** A loopback port nothing listens on: every proxied request fails at once. */
const DEAD_PROXY = 'http://127.0.0.1:9';
/** What kubectl keeps of the environment (no tokens or credentials of the runner reach it). */
const KEPT_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'USERPROFILE', 'LANG'];
/** With --allow-remote-bases, also what fetching needs. */
const REMOTE_VARIABLES = [
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSH_AUTH_SOCK',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'XDG_CONFIG_HOME',
];

/**
 * The environment of `kubectl kustomize`, a second line of defence behind the graph check: only a few
 * variables of ours, and offline, every HTTP(S) proxy is a dead loopback port (Go sends every non-loopback
 * request through it) and git may use no transport at all (GIT_ALLOW_PROTOCOL names none).
 */
export function kustomizeEnvironment(env: NodeJS.ProcessEnv, allowRemote: boolean): NodeJS.ProcessEnv {
  const kept = allowRemote ? [...KEPT_VARIABLES, ...REMOTE_VARIABLES] : KEPT_VARIABLES;
  const out: NodeJS.ProcessEnv = Object.fromEntries(
    kept.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])),
  );
  if (allowRemote) return out;
  return {
    ...out,
    HTTP_PROXY: DEAD_PROXY,
    HTTPS_PROXY: DEAD_PROXY,
    ALL_PROXY: DEAD_PROXY,
    http_proxy: DEAD_PROXY,
    https_proxy: DEAD_PROXY,
    all_proxy: DEAD_PROXY,
    NO_PROXY: '',
    no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

export interface RenderOptions {
  /** The kubectl to run (default `kubectl` on PATH); `false`: none. */
  readonly kubectl: string | false | undefined;
  readonly limits: LoadLimits;
  readonly allowRemote: boolean;
  /** Generator literals of the graph, cut from error text. */
  readonly literals: readonly string[];
}

type Rendered = { text: string; originBase?: string } | { diagnostic: Diagnostic };

/** One `kubectl kustomize <dir>` run; `retry` says a failure may be the wrapper's own and the plain run decides. */
function runKustomize(
  dir: string,
  unit: KustomizationUnit,
  render: RenderOptions & { readonly kubectl: string | undefined },
): Promise<{ text: string } | { diagnostic: Diagnostic; retry: boolean }> {
  const { kubectl, limits } = render;
  const options = {
    timeout: RENDER_TIMEOUT_MS,
    maxBuffer: limits.maxFileBytes,
    encoding: 'utf8' as const,
    windowsHide: true,
    env: kustomizeEnvironment(process.env, render.allowRemote),
  };
  return new Promise((done) => {
    execFile(kubectl ?? 'kubectl', ['kustomize', dir], options, (error, stdout, stderr) => {
      if (error === null) {
        done({ text: stdout });
        return;
      }
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') done({ ...failure(unit.display, NOT_FOUND), retry: false });
      else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
        const message = `kubectl kustomize output is over limits.maxFileBytes (${limits.maxFileBytes})`;
        done({ ...failure(unit.display, message, 'limit-exceeded'), retry: false });
      } else if (error.killed) {
        const message = `kubectl kustomize timed out after ${RENDER_TIMEOUT_MS / 1000} s`;
        done({ ...failure(unit.display, message), retry: false });
      } else {
        const reason = firstLines(redactLiterals(stderr, render.literals)) || 'exit status ' + String(code);
        done({ ...failure(unit.display, `kubectl kustomize failed: ${reason}`), retry: true });
      }
    });
  });
}

/** The annotations the wrapper asks kustomize for; removed from every rendered object. */
export const ORIGIN_ANNOTATIONS = [
  'config.kubernetes.io/origin',
  'alpha.config.kubernetes.io/transformations',
];

/**
 * Renders the kustomization through a wrapper in a temporary folder that lists it as its only resource
 * and asks for `buildMetadata: [originAnnotations]`: each object then names the file (or generator) it
 * came from, relative to the wrapper (`originBase`). The user's files are never written. A wrapper that
 * kustomize refuses (a root that is a Component, paths across drives) leaves the plain rendering.
 */
async function renderWithOrigins(
  unit: KustomizationUnit,
  render: RenderOptions & { readonly kubectl: string | undefined },
): Promise<{ text: string; originBase: string } | { diagnostic: Diagnostic; retry: boolean }> {
  let base: string;
  try {
    base = await realpath(await mkdtemp(join(tmpdir(), 'aksward-kustomize-')));
  } catch {
    // no temporary folder: the plain rendering, without origins
    return { diagnostic: failure(unit.display, 'no temporary folder').diagnostic, retry: true };
  }
  try {
    const target = relative(base, unit.real).split(sep).join('/');
    if (isAbsolute(target))
      return { diagnostic: failure(unit.display, 'other drive').diagnostic, retry: true };
    const wrapper = `resources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`;
    await writeFile(join(base, 'kustomization.yaml'), wrapper);
    const rendered = await runKustomize(base, unit, render);
    return 'text' in rendered ? { text: rendered.text, originBase: base } : rendered;
  } catch {
    // the wrapper could not be written: the plain rendering, without origins
    return { diagnostic: failure(unit.display, 'wrapper not written').diagnostic, retry: true };
  } finally {
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Runs `kubectl kustomize` with kustomize's defaults: load restrictor on (LoadRestrictionsRootOnly),
 * no Helm, no plugins, no exec, with origin annotations when kustomize accepts the wrapper. A missing or
 * failing kubectl is a diagnostic (the scan is incomplete).
 */
export async function renderKustomization(unit: KustomizationUnit, render: RenderOptions): Promise<Rendered> {
  const { kubectl } = render;
  if (kubectl === false) return failure(unit.display, NOT_FOUND);
  const options = { ...render, kubectl };
  const withOrigins = await renderWithOrigins(unit, options);
  if ('text' in withOrigins || !withOrigins.retry) return withOrigins;
  const plain = await runKustomize(unit.dir, unit, options);
  return 'text' in plain ? plain : { diagnostic: plain.diagnostic };
}
