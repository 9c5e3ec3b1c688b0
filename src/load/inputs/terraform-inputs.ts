/**
 * @module Terraform inputs on disk: a folder's `.tf` files are one module; a folder that another scanned
 * module calls (`source = "../.."`) is read through that call, with its arguments, not again as a root.
 * Var files (auto-loaded, named on the command line, `--var-file`), `TF_VAR_` and `--var` values apply
 * to root modules. Local module sources are read only inside the paths given.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { InputRecord } from '../diagnostics.js';
import type { AssignedValue } from '../terraform/hcl-expressions.js';
import { outlineHcl } from '../terraform/hcl-outline.js';
import type { ModuleFolder, ModuleReader, TerraformFile } from '../terraform/load-terraform.js';
import { loadTerraformRoot } from '../terraform/load-terraform.js';
import { moduleFolder } from '../terraform/module-tree.js';
import { assignedValues, environmentVariables } from '../terraform/variable-values.js';
import { inputBoundaries, isInsideInputs } from './discover-inputs.js';
import { boundaryOf, isInside } from './kustomize-graph.js';
import { addInlineIgnores } from './load-text.js';
import type { ModelSink } from './model-sink.js';
import { readInputFile } from './read-input-file.js';

export interface TerraformOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  /** `--var-file`, in the order given (paths relative to cwd). */
  readonly varFiles?: readonly string[];
  /** `--var name=value`. */
  readonly vars?: Readonly<Record<string, string>>;
  /** The environment `TF_VAR_<name>` values come from. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly followSymlinks?: boolean;
}

interface Folder {
  /** Displayed folder (what the files' displayed names start with). */
  readonly display: string;
  readonly path: string;
  readonly files: { readonly path: string; readonly display: string }[];
  /** Var files named for this module (positional `.tfvars` inputs, `--var-file`). */
  readonly varFiles: { readonly path: string; readonly display: string }[];
}

export interface TerraformInputs {
  readonly folders: Map<string, Folder>;
  /** Real paths of the scanned folders another scanned module calls, with who calls them. */
  readonly called: Map<string, string>;
  /** Calls between scanned folders, by real path: caller → callees. */
  readonly edges: Map<string, string[]>;
  /** Display names of the var files applied to some module. */
  readonly appliedDisplays: Set<string>;
  /** Real paths of folders read (as a root or through a call). */
  readonly reached: Set<string>;
  readonly loaded: Set<string>;
  readonly boundaries: readonly string[];
  readonly options: TerraformOptions;
  values?: Promise<{ inputs: Map<string, AssignedValue>; environment: Map<string, AssignedValue> }>;
  /** Texts of module files already noted for inline ignores. */
  readonly noted: Set<string>;
  /** Paths of the var files applied to some module (a walked one is then not listed as skipped). */
  readonly applied: Set<string>;
}

/** Terraform loads terraform.tfvars(.json) and every *.auto.tfvars(.json) of the module folder by itself. */
export function isAutoLoadedVarFile(name: string): boolean {
  return /^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(name);
}

export function isVarFile(name: string): boolean {
  return /\.tfvars(\.json)?$/.test(name);
}

async function realOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // gone since it was listed: its own name is the best identity left
    return path;
  }
}

/** Local module sources named by the `module` blocks of a text, found with the outline (no HCL parse). */
function localSources(text: string): string[] {
  const out: string[] = [];
  for (const block of outlineHcl(text).blocks) {
    const span = block.type === 'module' ? block.attributeSpans.get('source') : undefined;
    const source = span
      ? /^"(\.\.?\/[^"]*)"$/.exec(text.slice(span.valueStart, span.valueEnd))?.[1]
      : undefined;
    if (source !== undefined) out.push(source);
  }
  return out;
}

/** Groups the `.tf` files by folder and finds which scanned folders other scanned folders call. */
export async function prepareTerraform(
  files: readonly { readonly path: string; readonly display: string }[],
  explicitVarFiles: readonly { readonly path: string; readonly display: string }[],
  sink: ModelSink,
  options: TerraformOptions,
): Promise<TerraformInputs> {
  const folders = new Map<string, Folder>();
  for (const file of files) {
    const path = dirname(file.path);
    const folder = folders.get(path) ?? { display: dirname(file.display), path, files: [], varFiles: [] };
    folder.files.push(file);
    folders.set(path, folder);
  }
  const run: TerraformInputs = {
    folders,
    called: new Map(),
    edges: new Map(),
    appliedDisplays: new Set(),
    reached: new Set(),
    loaded: new Set(),
    boundaries: await inputBoundaries(options.paths, options.cwd),
    options,
    noted: new Set(),
    applied: new Set(),
  };
  const reals = new Map<string, string>();
  for (const path of folders.keys()) reals.set(await realOf(path), path);
  for (const folder of folders.values()) {
    const real = await realOf(folder.path);
    for (const file of folder.files) {
      const read = await readInputFile(file.path, file.display, sink.limits);
      if ('diagnostic' in read || !read.text.includes('module')) continue;
      for (const source of localSources(read.text)) {
        const target = await realOf(resolve(folder.path, source));
        if (!reals.has(target) || target === real) continue;
        run.called.set(target, folder.display);
        run.edges.set(real, [...(run.edges.get(real) ?? []), target]);
      }
    }
  }
  assignVarFiles(run, explicitVarFiles, sink);
  return run;
}

/**
 * A var file applies to the root module of its folder when that folder is scanned; a `--var-file` kept
 * elsewhere (`envs/prod.tfvars`) applies to every root module, as `terraform plan -var-file` does to the one
 * it plans. A var file with no module to apply to is an error: the user named it, it is never skipped silently.
 */
function assignVarFiles(
  run: TerraformInputs,
  explicit: readonly { readonly path: string; readonly display: string }[],
  sink: ModelSink,
): void {
  const given = (run.options.varFiles ?? []).map((file) => ({
    path: resolve(run.options.cwd, file),
    display: file,
    flag: true,
  }));
  for (const file of [...explicit.map((f) => ({ ...f, flag: false })), ...given]) {
    const own = run.folders.get(dirname(file.path));
    const targets = own ? [own] : file.flag ? [...run.folders.values()] : [];
    if (targets.length === 0) {
      const message = file.flag
        ? 'a --var-file, but no Terraform module is among the inputs: also pass the module’s folder'
        : 'Terraform variables for the module of this folder, whose .tf files are not inputs: pass the folder (aksward scan <folder> --var-file <file>)';
      sink.addDiagnostic({ code: 'unsupported-input', level: 'error', message, file: file.display });
      sink.addInput({ file: file.display, objects: 0, reason: message });
      continue;
    }
    for (const target of targets) target.varFiles.push(file);
    run.applied.add(file.path);
    run.appliedDisplays.add(file.display);
  }
}

function values(run: TerraformInputs, sink: ModelSink): NonNullable<TerraformInputs['values']> {
  run.values ??= (async () => ({
    inputs: await assignedValues(new Map(Object.entries(run.options.vars ?? {})), '--var', sink),
    environment: await assignedValues(environmentVariables(run.options.environment ?? {}), 'TF_VAR_', sink),
  }))();
  return run.values;
}

async function readFiles(
  sources: readonly { readonly path: string; readonly display: string }[],
  run: TerraformInputs,
  sink: ModelSink,
  varFile = false,
): Promise<TerraformFile[]> {
  const files: TerraformFile[] = [];
  for (const source of sources) {
    const read = await readInputFile(source.path, source.display, sink.limits);
    if ('diagnostic' in read) {
      sink.addDiagnostic(read.diagnostic);
      continue;
    }
    if (!run.noted.has(source.display)) {
      run.noted.add(source.display);
      addInlineIgnores(read.text, source.display, sink);
    }
    files.push({ file: source.display, text: read.text, ...(varFile ? { varFile: true } : {}) });
  }
  return files;
}

async function autoVarFiles(folder: Folder): Promise<{ path: string; display: string }[]> {
  try {
    // Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) lexically.
    const rank = (name: string): number => ['terraform.tfvars', 'terraform.tfvars.json'].indexOf(name) >>> 0;
    const names = (await readdir(folder.path))
      .filter(isAutoLoadedVarFile)
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    return names.map((name) => ({ path: join(folder.path, name), display: join(folder.display, name) }));
  } catch {
    // the .tf files were just listed; a folder gone since has no variables to add
    return [];
  }
}

/**
 * Where a module's files may be read from: the paths given, and the repository holding the caller (as
 * kustomize references and Bicep modules are read), so `source = "../.."` in an example reaches its module.
 */
function isAllowed(real: string, run: TerraformInputs, repository: string | undefined): boolean {
  return isInsideInputs(real, run.boundaries) || (repository !== undefined && isInside(real, repository));
}

async function isReadableEntry(
  path: string,
  run: TerraformInputs,
  repository: string | undefined,
): Promise<boolean> {
  let stats: Stats;
  try {
    stats = await lstat(path);
    if (stats.isSymbolicLink()) {
      if (!run.options.followSymlinks && !isAllowed(await realpath(path), run, repository)) return false;
      stats = await stat(path);
    }
  } catch {
    // a broken link or a file gone while listing: not part of the module
    return false;
  }
  return stats.isFile();
}

function moduleReader(run: TerraformInputs, sink: ModelSink): ModuleReader {
  return {
    async read(callerFolder, source): Promise<ModuleFolder> {
      const display = moduleFolder(callerFolder, source);
      const path = resolve(run.options.cwd, display);
      const real = await realOf(path);
      const callerReal = await realOf(resolve(run.options.cwd, callerFolder));
      const repository = await boundaryOf(callerReal, run.options.cwd);
      if (!isAllowed(real, run, repository))
        return {
          refused:
            'it is outside the paths given and the repository holding the caller; scan a folder that holds both the caller and the module',
        };
      let names: string[];
      try {
        names = (await readdir(path)).filter((name) => name.endsWith('.tf')).sort();
      } catch (error) {
        return { refused: `cannot read the folder (${(error as { code?: string }).code ?? 'unreadable'})` };
      }
      const sources: { path: string; display: string }[] = [];
      for (const name of names)
        if (await isReadableEntry(join(path, name), run, repository))
          sources.push({ path: join(path, name), display: join(display, name) });
      if (sources.length === 0) return { refused: 'the folder has no .tf file' };
      run.reached.add(real);
      return { folder: display, identity: real, files: await readFiles(sources, run, sink) };
    },
  };
}

/** Reads one folder as a root module, unless another scanned module calls it (then it is read through that call). */
export async function loadTerraformFolder(
  path: string,
  run: TerraformInputs,
  sink: ModelSink,
  asRoot = false,
): Promise<void> {
  if (run.loaded.has(path)) return;
  const folder = run.folders.get(path);
  if (!folder) return;
  const real = await realOf(path);
  const caller = run.called.get(real);
  if (caller !== undefined && !asRoot) return;
  run.loaded.add(path);
  run.reached.add(real);
  const files = [
    ...(await readFiles([...folder.files, ...(await autoVarFiles(folder))], run, sink)),
    ...(await readFiles(folder.varFiles, run, sink, true)),
  ];
  const { inputs, environment } = await values(run, sink);
  const result =
    files.length === 0
      ? { clusters: 0, followed: [] }
      : await loadTerraformRoot(files, sink, {
          folder: folder.display,
          identity: real,
          reader: moduleReader(run, sink),
          inputs,
          environment,
        });
  const names = files
    .filter((f) => f.varFile !== true)
    .map((file) => basename(file.file))
    .join(', ');
  const named = folder.varFiles.map((f) => f.display);
  const record: InputRecord = {
    file: folder.display,
    format: 'terraform',
    objects: result.clusters,
    reason: [
      `Terraform module: ${names}`,
      ...(named.length > 0 ? [`var files: ${named.join(', ')}`] : []),
      ...(result.followed.length > 0 ? [`modules: ${result.followed.join(', ')}`] : []),
    ].join('; '),
  };
  sink.addInput(record);
}

/** Real paths of the scanned folders reachable, through local module calls, from folders nobody calls. */
async function reachableFromRoots(run: TerraformInputs): Promise<Set<string>> {
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const path of run.folders.keys()) {
    const real = await realOf(path);
    if (!run.called.has(real)) stack.push(real);
  }
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(run.edges.get(next) ?? []));
  }
  return seen;
}

/**
 * The called folders left: read through a call, not read because that call failed (its diagnostic says
 * why), or called only from a cycle of modules, which no root reaches: those are read as roots.
 */
export async function finishTerraform(run: TerraformInputs, sink: ModelSink): Promise<void> {
  const reachable = await reachableFromRoots(run);
  for (const [path, folder] of run.folders) {
    const real = await realOf(path);
    const caller = run.called.get(real);
    if (run.loaded.has(path) || caller === undefined) continue;
    if (!reachable.has(real) && !run.reached.has(real)) {
      await loadTerraformFolder(path, run, sink, true);
      continue;
    }
    const how = run.reached.has(real)
      ? 'read through that call, with its arguments'
      : 'that call was not followed (see the diagnostics), so it is not read';
    sink.addInput({
      file: folder.display,
      format: 'terraform',
      objects: 0,
      reason: `Terraform module called by ${caller}: ${how}`,
    });
  }
}
