/**
 * @module Input discovery: `-`, files, folders (walked in sorted order) and globs, into the list of
 * units to load. Kustomization folders become render units and Helm chart folders are skipped.
 * Only regular files become units, and symbolic links are followed only while they stay inside the
 * paths given (unless `followSymlinks`): a pull request must not make the scan read `/proc` or `/etc`.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../diagnostics.js';
import { notRegularFile } from './read-input-file.js';

export type InputUnit =
  | { readonly kind: 'stdin' }
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly display: string;
      readonly explicit: boolean;
      /**
       * A hidden file, or a file in a hidden folder (`.deploy/`, `.github/`): read, but skipped without a
       * warning unless it holds an input format (CI workflows and tool settings are not manifests).
       */
      readonly hidden?: boolean;
      /**
       * A manifest in the folder tree of this kustomization (as shown): kustomize's to read when the
       * kustomization graph consumes it, else read on its own (`kubectl apply -f` beside `kubectl apply -k`).
       */
      readonly beside?: string;
    }
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

export interface DiscoverOptions {
  /** Follow symbolic links that lead outside the paths given (default: list them as skipped). */
  readonly followSymlinks?: boolean;
}

/** The names `kustomize build` looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Folders never walked, each listed in the inputs with its reason. */
const SKIPPED_FOLDERS = new Map([
  ['.git', 'version-control data; not walked'],
  ['.hg', 'version-control data; not walked'],
  ['.svn', 'version-control data; not walked'],
  ['node_modules', 'installed Node.js packages; not walked'],
  ['.terraform', 'Terraform’s cache of downloaded modules and providers; not walked'],
]);
const CONFIG_FILES = new Set(['.aksward.yaml', '.aksward.yml']);
const TERRAFORM_EXTENSIONS = new Set(['.tf', '.tfvars']);
const OUTSIDE_LINK =
  'symbolic link leading outside the paths given; not followed (--follow-symlinks follows it)';

interface Discovery {
  readonly units: InputUnit[];
  /** Real paths already listed, so a file reached twice (named and walked, or via a link) is read once. */
  readonly seen: Map<string, string>;
  /** Where the paths given are (real folders, last component as given): links may not lead out of them. */
  readonly boundaries: readonly string[];
  readonly followSymlinks: boolean;
}

function problem(file: string, level: 'error' | 'warning', message: string): InputUnit {
  return { kind: 'problem', diagnostic: { code: 'read-error', level, message, file } };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(error);
}

async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // a path that vanished while walking: its own name is the best identity left
    return path;
  }
}

/** A path given, located: its folder's real path and its own name, so a given link is not resolved. */
async function locate(path: string): Promise<string> {
  return join(await realPathOf(dirname(path)), basename(path));
}

function isInside(real: string, boundaries: readonly string[]): boolean {
  return boundaries.some(
    (boundary) => real === boundary || real.startsWith(boundary.endsWith(sep) ? boundary : boundary + sep),
  );
}

/** The folder a glob starts from: its segments up to the first with a wildcard. */
function globBase(pattern: string, cwd: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return resolve(cwd, fixed.join('/') || '.');
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

/**
 * A Terraform file belongs to every folder that holds it (a test fixture's `variables.tf ->
 * ../variables.tf` must not take the file from its module), so it is read once per real folder.
 */
async function identityOf(path: string): Promise<string> {
  const real = await realPathOf(path);
  if (!TERRAFORM_EXTENSIONS.has(extname(path).toLowerCase())) return real;
  return `${await realPathOf(dirname(path))}\0${real}`;
}

async function addFile(
  path: string,
  display: string,
  explicit: boolean,
  hidden: boolean,
  state: Discovery,
  beside?: string,
): Promise<void> {
  const name = basename(path);
  if (KUSTOMIZATION_FILES.includes(name)) {
    await addKustomization(dirname(path), dirname(display), name, state);
    return;
  }
  const identity = await identityOf(path);
  const first = state.seen.get(identity);
  if (first !== undefined) {
    state.units.push({ kind: 'skipped', display, reason: `same file as ${first}` });
    return;
  }
  state.seen.set(identity, display);
  const isHidden = !explicit && !CONFIG_FILES.has(name) && (hidden || name.startsWith('.'));
  state.units.push({
    kind: 'file',
    path,
    display,
    explicit,
    ...(isHidden ? { hidden: true } : {}),
    ...(beside === undefined ? {} : { beside }),
  });
}

/** Files in a kustomization's tree that may be manifests applied on their own. */
const BESIDE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

type Entry =
  | { readonly kind: 'file' }
  | { readonly kind: 'directory'; readonly real: string }
  | { readonly kind: 'refused'; readonly unit: InputUnit };

function refusedLink(display: string, level: 'error' | 'warning'): Entry {
  const diagnostic: Diagnostic = { code: 'outside-input', level, message: OUTSIDE_LINK, file: display };
  return { kind: 'refused', unit: { kind: 'skipped', display, reason: OUTSIDE_LINK, diagnostic } };
}

function refusedEntry(stats: Stats, display: string, level: 'error' | 'warning'): Entry {
  const diagnostic = notRegularFile(stats, display, level);
  return { kind: 'refused', unit: { kind: 'skipped', display, reason: diagnostic.message, diagnostic } };
}

/**
 * What a path is, without opening it: a regular file, a folder, or refused (a link out of the paths
 * given, a device, FIFO or socket, a broken link). A path named by the user is refused with an error.
 */
async function inspect(path: string, display: string, explicit: boolean, state: Discovery): Promise<Entry> {
  const level = explicit ? 'error' : 'warning';
  let stats: Stats;
  try {
    stats = await lstat(path);
  } catch (error) {
    return { kind: 'refused', unit: problem(display, level, `cannot read: ${errorCode(error)}`) };
  }
  if (stats.isSymbolicLink()) {
    let real: string;
    try {
      real = await realpath(path);
      stats = await stat(path);
    } catch (error) {
      const message =
        errorCode(error) === 'ELOOP'
          ? 'symbolic link loop; not followed'
          : 'broken symbolic link; not followed';
      return { kind: 'refused', unit: problem(display, level, message) };
    }
    if (!state.followSymlinks && !isInside(real, state.boundaries)) return refusedLink(display, level);
  }
  if (stats.isDirectory()) return { kind: 'directory', real: await realPathOf(path) };
  if (stats.isFile()) return { kind: 'file' };
  return refusedEntry(stats, display, level);
}

/**
 * Walks a folder. Inside a kustomization, nested kustomizations are listed (the root decides which of
 * them are bases) and manifests are listed as beside it: the kustomization graph decides which are its own. A link back to a folder being walked is a
 * loop, reported and not followed. Hidden folders are walked; the folders of SKIPPED_FOLDERS are listed.
 */
async function walk(
  dir: string,
  display: string,
  ancestors: ReadonlySet<string>,
  state: Discovery,
  context: { readonly insideKustomization: boolean; readonly hidden: boolean; readonly beside?: string },
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    state.units.push(problem(display, 'error', `cannot read folder: ${errorCode(error)}`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((entry) => entry.name));
  const kustomization = KUSTOMIZATION_FILES.find((name) => names.has(name));
  if (kustomization !== undefined) await addKustomization(dir, display, kustomization, state);
  else if (names.has('Chart.yaml')) {
    if (!context.insideKustomization) state.units.push(chartFolder(display));
    return;
  }
  const beside = kustomization === undefined ? context.beside : join(display, kustomization);
  const inside = context.insideKustomization || kustomization !== undefined;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const childDisplay = join(display, entry.name);
    const skippedFolder = SKIPPED_FOLDERS.get(entry.name);
    if (skippedFolder !== undefined) {
      if (!inside) state.units.push({ kind: 'skipped', display: childDisplay, reason: skippedFolder });
      continue;
    }
    // Inside a kustomization, folders and manifests matter; its other files are kustomize's to read.
    const manifest = BESIDE_EXTENSIONS.has(extname(entry.name).toLowerCase());
    if (inside && !entry.isDirectory() && !entry.isSymbolicLink() && !manifest) continue;
    if (inside && KUSTOMIZATION_FILES.includes(entry.name)) continue;
    const found = await inspect(path, childDisplay, false, state);
    const hidden = context.hidden || entry.name.startsWith('.');
    if (found.kind === 'refused') {
      if (!inside || found.unit.kind === 'problem') state.units.push(found.unit);
    } else if (found.kind === 'file') {
      if (!inside) await addFile(path, childDisplay, false, context.hidden, state);
      else if (manifest) await addFile(path, childDisplay, false, context.hidden, state, beside);
    } else if (ancestors.has(found.real)) {
      state.units.push(
        problem(
          childDisplay,
          'warning',
          'symbolic link loop (leads back to a folder being walked); not followed',
        ),
      );
    } else {
      await walk(path, childDisplay, new Set([...ancestors, found.real]), state, {
        insideKustomization: inside,
        hidden,
        ...(beside === undefined ? {} : { beside }),
      });
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

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    // not a path: maybe a glob
    return false;
  }
}

async function addPath(given: string, cwd: string, state: Discovery): Promise<void> {
  if (given === '-') {
    state.units.push({ kind: 'stdin' });
    return;
  }
  const path = resolve(cwd, given);
  const display = isAbsolute(given) ? path : relative(cwd, path) || '.';
  if (!(await exists(path))) {
    if (isDynamicPattern(given)) await addGlob(given, cwd, state);
    else state.units.push(problem(display, 'error', 'no such file or folder'));
    return;
  }
  const found = await inspect(path, display, true, state);
  if (found.kind === 'refused') state.units.push(found.unit);
  else if (found.kind === 'file') await addFile(path, display, true, false, state);
  else await walk(path, display, new Set([found.real]), state, { insideKustomization: false, hidden: false });
}

async function addGlob(pattern: string, cwd: string, state: Discovery): Promise<void> {
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    dot: false,
    followSymbolicLinks: state.followSymlinks,
    expandDirectories: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  if (matches.length === 0) {
    state.units.push(problem(pattern, 'error', 'the glob matches no file'));
    return;
  }
  for (const match of matches.sort()) {
    const display = isAbsolute(pattern) ? match : relative(cwd, match);
    const found = await inspect(match, display, false, state);
    if (found.kind === 'refused') state.units.push(found.unit);
    else if (found.kind === 'file') await addFile(match, display, false, false, state);
  }
}

/** Where the paths given are (real folders, last component as given): what the scan may read. */
export async function inputBoundaries(paths: readonly string[], cwd: string): Promise<string[]> {
  const boundaries: string[] = [];
  for (const given of paths) {
    if (given === '-') continue;
    const path = resolve(cwd, given);
    boundaries.push(
      await locate(!(await exists(path)) && isDynamicPattern(given) ? globBase(given, cwd) : path),
    );
  }
  return boundaries;
}

/** Whether a real path is inside the paths given. */
export function isInsideInputs(real: string, boundaries: readonly string[]): boolean {
  return isInside(real, boundaries);
}

/** Lists what to load, in the order given and, within a folder, in sorted order. */
export async function discoverInputs(
  paths: readonly string[],
  cwd: string,
  options: DiscoverOptions = {},
): Promise<InputUnit[]> {
  const state: Discovery = {
    units: [],
    seen: new Map(),
    boundaries: await inputBoundaries(paths, cwd),
    followSymlinks: options.followSymlinks === true,
  };
  for (const given of paths) await addPath(given, cwd, state);
  return state.units;
}
