/** @module Every input path (`-`, files, folders, globs) into one `ClusterModel`, with diagnostics and a record per input. */
import { readdir, realpath } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { InputRecord } from './diagnostics.js';
import type { InputUnit } from './inputs/discover-inputs.js';
import { discoverInputs } from './inputs/discover-inputs.js';
import { renderKustomization, skipKustomizeBases } from './inputs/kustomize.js';
import type { GraphCheck } from './inputs/kustomize-graph.js';
import { checkKustomizationGraph } from './inputs/kustomize-graph.js';
import { createOriginResolver } from './inputs/kustomize-origins.js';
import { addInlineIgnores, assumedNamespace, loadText } from './inputs/load-text.js';
import type { LoadResult, ModelSink } from './inputs/model-sink.js';
import { createModelSink } from './inputs/model-sink.js';
import { decodeText, overLimit, readInputFile } from './inputs/read-input-file.js';
import type { LoadLimits } from './limits.js';
import type { LoadSink } from './load-sink.js';
import type { KubeObject } from '../model/index.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { NamespaceTally } from './manifests/emit-object.js';
import { loadManifestText } from './manifests/load-manifest-text.js';
import type { TerraformFile } from './terraform/load-terraform.js';
import { loadTerraformModule } from './terraform/load-terraform.js';

export type { LoadResult } from './inputs/model-sink.js';

export interface LoadOptions {
  /** Paths are resolved, and shown, relative to this folder. */
  readonly cwd: string;
  /**
   * Reads standard input for the path `-`: at most `maxBytes + 1` bytes are needed (more is over the
   * limit), so a reader should stop there (`readBoundedStream`).
   */
  readonly readStdin?: (maxBytes: number) => Promise<string | Uint8Array>;
  readonly limits?: Partial<LoadLimits>;
  /** The kubectl to render kustomizations with (default: `kubectl` on PATH); `false`: none. */
  readonly kubectl?: string | false;
  /**
   * Let kustomize fetch remote bases and resources (URLs, git repositories) and read kustomizations
   * outside the repository (`--allow-remote-bases`). Off: such a kustomization is a diagnostic, not rendered.
   */
  readonly allowRemoteBases?: boolean;
  /** Follow symbolic links that lead outside the paths given (`--follow-symlinks`). Off: listed as skipped. */
  readonly followSymlinks?: boolean;
  /**
   * The namespace of namespaced objects that name none (`--namespace`), as `kubectl apply -n` sets it.
   * Unset: they stay namespace-less (read as `default`) and each input's record says how many there are.
   */
  readonly namespace?: string;
}

type FileUnit = Extract<InputUnit, { kind: 'file' }>;

interface Run {
  readonly sink: ModelSink;
  readonly options: LoadOptions;
  /** `.tf` files by folder: a folder's files are one Terraform module. */
  readonly modules: Map<string, FileUnit[]>;
  readonly loadedModules: Set<string>;
  stdinRead: boolean;
  /** The kustomization graph of each kustomization unit. */
  readonly graphs: ReadonlyMap<InputUnit, GraphCheck>;
  /** Real paths of the files some kustomization of the run reads. */
  readonly consumed: ReadonlySet<string>;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const CONFIG_FILES = new Set(['.aksward.yaml', '.aksward.yml']);
const BICEP_REASON = 'compile with `az bicep build` and scan the JSON';
const NOT_RENDERED =
  'kustomization not rendered: it needs what an offline scan does not read (see the diagnostics)';

export async function loadInputs(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const sink = createModelSink({ ...DEFAULT_LIMITS, ...options.limits }, options.namespace);
  const discovered = await discoverInputs(paths, options.cwd, {
    ...(options.followSymlinks === undefined ? {} : { followSymlinks: options.followSymlinks }),
  });
  const units = await skipKustomizeBases(discovered);
  const modules = new Map<string, FileUnit[]>();
  for (const unit of units) {
    if (unit.kind !== 'file' || extname(unit.path) !== '.tf') continue;
    const folder = dirname(unit.path);
    modules.set(folder, [...(modules.get(folder) ?? []), unit]);
  }
  // Every kustomization graph first: a manifest beside a kustomization is read on its own unless one consumes it.
  const graphs = new Map<InputUnit, GraphCheck>();
  for (const unit of units) {
    if (unit.kind !== 'kustomization') continue;
    const allowRemote = options.allowRemoteBases === true;
    graphs.set(
      unit,
      await checkKustomizationGraph(unit.dir, { cwd: options.cwd, allowRemote, limits: sink.limits }),
    );
  }
  const consumed = new Set([...graphs.values()].flatMap((graph) => [...graph.consumed]));
  const run: Run = { sink, options, modules, loadedModules: new Set(), stdinRead: false, graphs, consumed };
  for (const unit of units) await loadUnit(unit, run);
  return sink.result();
}

async function loadUnit(unit: InputUnit, run: Run): Promise<void> {
  const { sink } = run;
  switch (unit.kind) {
    case 'stdin':
      await loadStdin(run);
      return;
    case 'file':
      await loadFile(unit, run);
      return;
    case 'kustomization': {
      const allowRemote = run.options.allowRemoteBases === true;
      const graph =
        run.graphs.get(unit) ??
        (await checkKustomizationGraph(unit.dir, { cwd: run.options.cwd, allowRemote, limits: sink.limits }));
      if (graph.diagnostics.length > 0) {
        graph.diagnostics.forEach((diagnostic) => {
          sink.addDiagnostic(diagnostic);
        });
        sink.addInput({ file: unit.display, objects: 0, reason: NOT_RENDERED });
        return;
      }
      const rendered = await renderKustomization(unit, {
        kubectl: run.options.kubectl,
        limits: sink.limits,
        allowRemote,
        literals: graph.literals,
      });
      if ('diagnostic' in rendered) {
        sink.addDiagnostic(rendered.diagnostic);
        sink.addInput({ file: unit.display, objects: 0, reason: rendered.diagnostic.message });
        return;
      }
      const tally: NamespaceTally = { defaulted: 0 };
      const buffered: KubeObject[] = [];
      const collecting: LoadSink = { ...sink, addObject: (object) => buffered.push(object) };
      const objects = loadManifestText(rendered.text, unit.display, collecting, {
        renderedBy: 'kustomize',
        tally,
      });
      const origins = createOriginResolver({
        originBase: rendered.originBase,
        display: unit.display,
        real: unit.real,
        patches: graph.patches,
        sink,
      });
      for (const object of buffered) sink.addObject(await origins.relocate(object));
      sink.addInput({
        file: unit.display,
        format: 'kustomize',
        objects,
        reason: 'rendered with kubectl kustomize',
        ...assumedNamespace(tally, sink),
      });
      return;
    }
    case 'skipped':
      if (unit.diagnostic) sink.addDiagnostic(unit.diagnostic);
      sink.addInput({ file: unit.display, objects: 0, reason: unit.reason });
      return;
    case 'problem':
      sink.addDiagnostic(unit.diagnostic);
      return;
  }
}

async function loadStdin(run: Run): Promise<void> {
  const file = '<stdin>';
  if (run.stdinRead) {
    run.sink.addInput({ file, objects: 0, reason: 'standard input already read' });
    return;
  }
  run.stdinRead = true;
  const { readStdin } = run.options;
  if (readStdin === undefined) {
    run.sink.addDiagnostic({
      code: 'read-error',
      level: 'error',
      message: 'standard input is not available',
      file,
    });
    return;
  }
  let input: string | Uint8Array;
  const limit = run.sink.limits.maxFileBytes;
  try {
    input = await readStdin(limit);
  } catch (error) {
    const message = `cannot read standard input: ${error instanceof Error ? error.message : String(error)}`;
    run.sink.addDiagnostic({ code: 'read-error', level: 'error', message, file });
    return;
  }
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  const read =
    size > limit
      ? { diagnostic: overLimit(file, run.sink.limits) }
      : typeof input === 'string'
        ? { text: input }
        : decodeText(input, file);
  if ('diagnostic' in read) {
    run.sink.addDiagnostic(read.diagnostic);
    run.sink.addInput({ file, objects: 0, reason: read.diagnostic.message });
    return;
  }
  run.sink.addInput(loadText(read.text, file, run.sink));
}

/** What a file named on the command line that is not read needs: the scan is incomplete until it is. */
const EXPLICIT_ADVICE =
  'name Kubernetes manifests, cluster JSON (az aks show, ARM templates), Terraform folders or role assignments, or leave it out';

/**
 * A file the user named is read or refused: a skip is an error (exit 3) saying what to do, never a quiet
 * line in the inputs section.
 */
function refuseNamed(unit: FileUnit, sink: LoadSink, reason: string, advice = EXPLICIT_ADVICE): void {
  sink.addDiagnostic({
    code: 'unsupported-input',
    level: 'error',
    message: `named on the command line but not read: ${reason}; ${advice}`,
    file: unit.display,
  });
}

/** Dispatches on the file name: walked files of unknown type are skipped; named ones are read as YAML. */
async function loadFile(unit: FileUnit, run: Run): Promise<void> {
  const { sink } = run;
  const name = basename(unit.path);
  const extension = extname(name).toLowerCase();
  const skip = (reason: string, advice?: string): void => {
    if (unit.explicit) refuseNamed(unit, sink, reason, advice);
    sink.addInput({ file: unit.display, objects: 0, reason });
  };
  if (unit.beside !== undefined) {
    await loadBeside(unit, unit.beside, run);
  } else if (CONFIG_FILES.has(name)) {
    if (unit.explicit) refuseNamed(unit, sink, 'aksward configuration', 'give it with --config <file>');
    sink.addInput({
      file: unit.display,
      format: 'config',
      objects: 0,
      reason: 'aksward configuration; not scanned',
    });
  } else if (extension === '.tf') {
    await loadModule(dirname(unit.path), run);
  } else if (extension === '.tfvars') {
    const folderAdvice = 'name its module folder (terraform.tfvars and *.auto.tfvars are read with it)';
    if (!isAutoLoaded(name))
      skip('Terraform variables that Terraform does not load by itself (-var-file)', folderAdvice);
    else if (!run.modules.has(dirname(unit.path)))
      skip('Terraform variables, but no .tf file of its folder is an input', folderAdvice);
  } else if (extension === '.bicep') {
    if (!unit.explicit) {
      sink.addDiagnostic({
        code: 'unsupported-input',
        level: 'info',
        message: BICEP_REASON,
        file: unit.display,
      });
    }
    skip(BICEP_REASON, 'name the compiled template (main.json) instead');
  } else if (MANIFEST_EXTENSIONS.has(extension) || unit.explicit) {
    const read = await readInputFile(unit.path, unit.display, sink.limits);
    if ('diagnostic' in read) {
      sink.addDiagnostic(read.diagnostic);
      sink.addInput({ file: unit.display, objects: 0, reason: read.diagnostic.message });
    } else if (unit.explicit) {
      sink.addInput(loadNamedText(read.text, unit, sink));
    } else {
      // A walked `.json` (package.json, tsconfig.json) that no loader claims is skipped, not a warning.
      const walkedJson = extension === '.json';
      sink.addInput(loadText(read.text, unit.display, sink, { walkedJson, hidden: unit.hidden === true }));
    }
  } else {
    skip('not an input format');
  }
}

/** A named file's text: one that yields nothing, and whose errors do not already say why, is refused. */
function loadNamedText(text: string, unit: FileUnit, sink: LoadSink): InputRecord {
  let errors = 0;
  const counting: LoadSink = {
    ...sink,
    addDiagnostic: (diagnostic) => {
      if (diagnostic.level === 'error') errors++;
      sink.addDiagnostic(diagnostic);
    },
  };
  const record = loadText(text, unit.display, counting);
  if (record.format === undefined && errors === 0) refuseNamed(unit, sink, record.reason ?? 'no input found');
  return record;
}

/**
 * A manifest in a kustomization's folder tree: kustomize's when a kustomization of the run reads it, else
 * read on its own, as `kubectl apply -f` would apply it, and said so (a walked file that is no input is quiet).
 */
async function loadBeside(unit: FileUnit, kustomization: string, run: Run): Promise<void> {
  const real = await realpath(unit.path).catch(() => unit.path);
  if (run.consumed.has(real)) return;
  const { sink } = run;
  const read = await readInputFile(unit.path, unit.display, sink.limits);
  if ('diagnostic' in read) {
    sink.addDiagnostic(read.diagnostic);
    sink.addInput({ file: unit.display, objects: 0, reason: read.diagnostic.message });
    return;
  }
  const record = loadText(read.text, unit.display, sink, {
    walkedJson: extname(unit.path).toLowerCase() === '.json',
    hidden: true,
  });
  const note = `beside ${kustomization}, which does not use it: read on its own`;
  sink.addInput(record.format === undefined ? record : { ...record, reason: note });
}

/** Terraform loads `terraform.tfvars` and every `*.auto.tfvars` of the module folder by itself. */
function isAutoLoaded(name: string): boolean {
  return name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
}

async function variableFiles(folder: string): Promise<string[]> {
  try {
    const names = await readdir(folder);
    // terraform.tfvars first, then *.auto.tfvars in lexical order: Terraform's order (later wins).
    const auto = names.filter((name) => name.endsWith('.auto.tfvars')).sort();
    return [...(names.includes('terraform.tfvars') ? ['terraform.tfvars'] : []), ...auto];
  } catch {
    // the .tf files were just listed; a folder gone since has no variables to add
    return [];
  }
}

async function loadModule(folder: string, run: Run): Promise<void> {
  if (run.loadedModules.has(folder)) return;
  run.loadedModules.add(folder);
  const { sink } = run;
  const units = run.modules.get(folder) ?? [];
  const displayFolder = dirname(units[0]?.display ?? folder);
  const sources = [
    ...units.map((unit) => ({ path: unit.path, display: unit.display })),
    ...(await variableFiles(folder)).map((name) => ({
      path: join(folder, name),
      display: join(displayFolder, name),
    })),
  ];
  const files: TerraformFile[] = [];
  for (const source of sources) {
    const read = await readInputFile(source.path, source.display, sink.limits);
    if ('diagnostic' in read) {
      sink.addDiagnostic(read.diagnostic);
      continue;
    }
    addInlineIgnores(read.text, source.display, sink);
    files.push({ file: source.display, text: read.text });
  }
  const objects = files.length === 0 ? 0 : await loadTerraformModule(files, sink);
  const names = files.map((file) => basename(file.file)).join(', ');
  const record: InputRecord = {
    file: displayFolder,
    format: 'terraform',
    objects,
    reason: `Terraform module: ${names}`,
  };
  sink.addInput(record);
}
