/**
 * @module Input discovery: `-`, files, folders (walked in sorted order) and globs, into the list of
 * units to load. Kustomization folders become render units and Helm chart folders are skipped.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../diagnostics.js';

export type InputUnit =
  | { readonly kind: 'stdin' }
  | { readonly kind: 'file'; readonly path: string; readonly display: string; readonly explicit: boolean }
  | {
      readonly kind: 'kustomization';
      readonly dir: string;
      /** The folder's real path, to match references from other kustomizations. */
      readonly real: string;
      readonly file: string;
      readonly display: string;
    }
  | {
      readonly kind: 'skipped';
      readonly display: string;
      readonly reason: string;
      readonly diagnostic?: Diagnostic;
    }
  | { readonly kind: 'problem'; readonly diagnostic: Diagnostic };

/** The names `kustomize build` looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const CONFIG_FILES = new Set(['.aksward.yaml', '.aksward.yml']);

interface Discovery {
  readonly units: InputUnit[];
  /** Real paths already listed, so a file reached twice (named and walked, or via a link) is read once. */
  readonly seen: Map<string, string>;
}

function problem(file: string, level: 'error' | 'warning', message: string): InputUnit {
  return { kind: 'problem', diagnostic: { code: 'read-error', level, message, file } };
}

async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // a path that vanished while walking: its own name is the best identity left
    return path;
  }
}

async function addKustomization(dir: string, display: string, name: string, state: Discovery): Promise<void> {
  const real = await realPathOf(dir);
  const key = `${real}/${name}`;
  const first = state.seen.get(key);
  const file = join(display, name);
  if (first !== undefined) {
    state.units.push({ kind: 'skipped', display: file, reason: `same kustomization as ${first}` });
    return;
  }
  state.seen.set(key, file);
  state.units.push({ kind: 'kustomization', dir, real, file: join(dir, name), display: file });
}

async function addFile(path: string, display: string, explicit: boolean, state: Discovery): Promise<void> {
  const name = basename(path);
  if (KUSTOMIZATION_FILES.includes(name)) {
    await addKustomization(dirname(path), dirname(display), name, state);
    return;
  }
  const real = await realPathOf(path);
  const first = state.seen.get(real);
  if (first !== undefined) {
    state.units.push({ kind: 'skipped', display, reason: `same file as ${first}` });
    return;
  }
  state.seen.set(real, display);
  if (!explicit && name.startsWith('.') && !CONFIG_FILES.has(name)) {
    state.units.push({ kind: 'skipped', display, reason: 'hidden file' });
    return;
  }
  state.units.push({ kind: 'file', path, display, explicit });
}

/** What a directory entry is, following symbolic links. */
async function entryType(
  entry: Dirent,
  path: string,
): Promise<'file' | 'directory' | 'other' | { error: string }> {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = await stat(path);
    return target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      error: code === 'ELOOP' ? 'symbolic link loop; not followed' : 'broken symbolic link; not followed',
    };
  }
}

/**
 * Walks a folder. Inside a kustomization, files belong to kustomize and only nested kustomizations
 * are listed (the root decides which of them are bases). Symbolic links are followed; a link back
 * to a folder being walked is a loop, reported and not followed.
 */
async function walk(
  dir: string,
  display: string,
  ancestors: ReadonlySet<string>,
  state: Discovery,
  insideKustomization: boolean,
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    state.units.push(
      problem(display, 'error', `cannot read folder: ${(error as { code?: string }).code ?? String(error)}`),
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((entry) => entry.name));
  const kustomization = KUSTOMIZATION_FILES.find((name) => names.has(name));
  if (kustomization !== undefined) await addKustomization(dir, display, kustomization, state);
  else if (names.has('Chart.yaml')) {
    if (!insideKustomization) state.units.push(chartFolder(display));
    return;
  }
  const inside = insideKustomization || kustomization !== undefined;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const childDisplay = join(display, entry.name);
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const type = await entryType(entry, path);
    if (typeof type === 'object') state.units.push(problem(childDisplay, 'warning', type.error));
    else if (type === 'file' && !inside) await addFile(path, childDisplay, false, state);
    else if (type === 'directory' && !entry.name.startsWith('.')) {
      const real = await realPathOf(path);
      if (ancestors.has(real)) {
        state.units.push(
          problem(
            childDisplay,
            'warning',
            'symbolic link loop (leads back to a folder being walked); not followed',
          ),
        );
      } else {
        await walk(path, childDisplay, new Set([...ancestors, real]), state, inside);
      }
    }
  }
}

function chartFolder(display: string): InputUnit {
  const reason = 'Helm chart source; render it: `helm template <chart> | aksward scan -`';
  const diagnostic: Diagnostic = {
    code: 'unsupported-input',
    level: 'warning',
    message: reason,
    file: display,
  };
  return { kind: 'skipped', display, reason, diagnostic };
}

async function statOf(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch {
    // not a path: maybe a glob
    return undefined;
  }
}

async function addPath(given: string, cwd: string, state: Discovery): Promise<void> {
  if (given === '-') {
    state.units.push({ kind: 'stdin' });
    return;
  }
  const path = resolve(cwd, given);
  const display = isAbsolute(given) ? path : relative(cwd, path) || '.';
  const found = await statOf(path);
  if (found?.isDirectory() === true) {
    await walk(path, display, new Set([await realPathOf(path)]), state, false);
  } else if (found !== undefined) {
    await addFile(path, display, true, state);
  } else if (isDynamicPattern(given)) {
    await addGlob(given, cwd, state);
  } else {
    state.units.push(problem(display, 'error', 'no such file or folder'));
  }
}

async function addGlob(pattern: string, cwd: string, state: Discovery): Promise<void> {
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    dot: false,
    followSymbolicLinks: true,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  if (matches.length === 0) {
    state.units.push(problem(pattern, 'error', 'the glob matches no file'));
    return;
  }
  for (const match of matches.sort()) {
    await addFile(match, isAbsolute(pattern) ? match : relative(cwd, match), false, state);
  }
}

/** Lists what to load, in the order given and, within a folder, in sorted order. */
export async function discoverInputs(paths: readonly string[], cwd: string): Promise<InputUnit[]> {
  const state: Discovery = { units: [], seen: new Map() };
  for (const given of paths) await addPath(given, cwd, state);
  return state.units;
}
