/**
 * @module Kustomize: only root kustomizations are rendered (`kubectl kustomize <dir>`); a folder
 * that another kustomization of the same run lists in `resources`, `bases` or `components` is its
 * base, and rendering it alone would report objects the overlay changes.
 */
import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
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

/** Runs `kubectl kustomize <dir>`; a missing or failing kubectl is a diagnostic (the scan is incomplete). */
export function renderKustomization(
  unit: KustomizationUnit,
  kubectl: string | false | undefined,
  limits: LoadLimits,
): Promise<{ text: string } | { diagnostic: Diagnostic }> {
  if (kubectl === false) return Promise.resolve(failure(unit.display, NOT_FOUND));
  const options = {
    timeout: RENDER_TIMEOUT_MS,
    maxBuffer: limits.maxFileBytes,
    encoding: 'utf8' as const,
    windowsHide: true,
  };
  return new Promise((done) => {
    execFile(kubectl ?? 'kubectl', ['kustomize', unit.dir], options, (error, stdout, stderr) => {
      if (error === null) {
        done({ text: stdout });
        return;
      }
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') done(failure(unit.display, NOT_FOUND));
      else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
        done(
          failure(
            unit.display,
            `kubectl kustomize output is over limits.maxFileBytes (${limits.maxFileBytes})`,
            'limit-exceeded',
          ),
        );
      } else if (error.killed)
        done(failure(unit.display, `kubectl kustomize timed out after ${RENDER_TIMEOUT_MS / 1000} s`));
      else done(failure(unit.display, `kubectl kustomize failed: ${firstLines(stderr) || error.message}`));
    });
  });
}
