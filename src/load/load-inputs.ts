/** @module Every input path (`-`, files, folders, globs) into one `ClusterModel`, with diagnostics and a record per input. */
import { realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import type { InputRecord } from './diagnostics.js';
import type { InputUnit } from './inputs/discover-inputs.js';
import { discoverInputs } from './inputs/discover-inputs.js';
import { renderKustomization, skipKustomizeBases } from './inputs/kustomize.js';
import type { GraphCheck } from './inputs/kustomize-graph.js';
import { checkKustomizationGraph } from './inputs/kustomize-graph.js';
import { createOriginResolver } from './inputs/kustomize-origins.js';
import { assumedNamespace, loadText } from './inputs/load-text.js';
import type { LoadResult, ModelSink } from './inputs/model-sink.js';
import { createModelSink } from './inputs/model-sink.js';
import type { ReadResult } from './inputs/read-input-file.js';
import { decodeText, overLimit, readInputFile } from './inputs/read-input-file.js';
import { loadBicepFile } from './bicep/load-bicep.js';
import type { LinkedTemplates } from './cluster-json/linked-templates.js';
import { readLinkedTemplates } from './cluster-json/linked-templates.js';
import type { TemplatePlan } from './bicep/template-inputs.js';
import { planTemplateInputs } from './bicep/template-inputs.js';
import type { LoadLimits } from './limits.js';
import type { LoadSink } from './load-sink.js';
import type { KubeObject } from '../model/index.js';
import type { SuppliedParameter } from './cluster-json/template-scope.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { NamespaceTally } from './manifests/emit-object.js';
import { loadManifestText } from './manifests/load-manifest-text.js';
import type { TerraformInputs } from './inputs/terraform-inputs.js';
import {
  finishTerraform,
  isAutoLoadedVarFile,
  isVarFile,
  loadTerraformFolder,
  prepareTerraform,
} from './inputs/terraform-inputs.js';
import type { ClusterScopeMode } from './scopes/assign-scopes.js';
import type { ClusterScope } from './scopes/scope-model.js';
import { scopeModel } from './scopes/scope-model.js';
import type { Timings } from '../engine/timings.js';
import { timed, timedAsync } from '../engine/timings.js';

export type { LoadResult } from './inputs/model-sink.js';
export type { ClusterScopeMode } from './scopes/assign-scopes.js';
export type { ClusterScope } from './scopes/scope-model.js';

/** The model, and the same inputs split into the clusters they form (`--cluster-scope`). */
export interface ScopedLoadResult extends LoadResult {
  readonly clusterScope: ClusterScopeMode;
  /** Sorted by name; one scope for a single cluster, none when nothing was read. */
  readonly scopes: readonly ClusterScope[];
}

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
  /** Terraform var files (`--var-file`), applied after the auto-loaded ones, in the order given. */
  readonly varFiles?: readonly string[];
  /** Terraform variable values (`--var name=value`), above every var file. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Where `TF_VAR_<name>` values come from (the CLI passes the process environment); none when absent. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Which inputs form one cluster (`--cluster-scope`); default `auto`, what the repository layout says. */
  readonly clusterScope?: ClusterScopeMode;
  /** Parameter files (`--parameters`): `.bicepparam` or ARM parameters JSON, applied to their templates. */
  readonly parameters?: readonly string[];
  /**
   * The namespace of namespaced objects that name none (`--namespace`), as `kubectl apply -n` sets it.
   * Unset: they stay namespace-less (read as `default`) and each input's record says how many there are.
   */
  readonly namespace?: string;
  /**
   * Where the reading's time goes, when the caller keeps it (`scan --timings`): finding the inputs, Terraform,
   * kustomizations, each kind of file (read and parsed), and the model built from them.
   */
  readonly timings?: Timings;
}

type FileUnit = Extract<InputUnit, { kind: 'file' }>;

interface Run {
  readonly sink: ModelSink;
  readonly options: LoadOptions;
  /** `.tf` files by folder: a folder's files are one Terraform module. */
  readonly terraform: TerraformInputs;
  /** Parameter files by the template they apply to. */
  readonly templateParameters: TemplatePlan['parameters'];
  stdinRead: boolean;
  /** The kustomization graph of each kustomization unit. */
  readonly graphs: ReadonlyMap<InputUnit, GraphCheck>;
  /** Real paths of the files some kustomization of the run reads. */
  readonly consumed: ReadonlySet<string>;
  /** Reads of the manifest files about to be loaded, started ahead. */
  readonly ahead: ReadAhead;
}

/** Manifest files read ahead of the one being loaded: enough to keep the file system busy, few held at once. */
const READ_AHEAD = 32;

/** What a file is, by its name: how `loadFile` reads it (one not beside a kustomization). */
type FileKind = 'config' | 'terraform' | 'var-file' | 'bicep' | 'manifest' | 'other';

function fileKind(unit: FileUnit): FileKind {
  const name = basename(unit.path);
  const extension = extname(name).toLowerCase();
  if (CONFIG_FILES.has(name)) return 'config';
  if (extension === '.tf') return 'terraform';
  if (isVarFile(name)) return 'var-file';
  if (extension === '.bicep') return 'bicep';
  return MANIFEST_EXTENSIONS.has(extension) || unit.explicit ? 'manifest' : 'other';
}

/** A unit's kind as `--timings` names it: a file's kind (`manifest`, `terraform`, `bicep`...), or the unit's. */
const unitKind = (unit: InputUnit): string => (unit.kind === 'file' ? fileKind(unit) : unit.kind);

/** Whether `loadFile` reads `unit` as a manifest text. */
const isPlainManifest = (unit: FileUnit): boolean =>
  unit.beside === undefined && fileKind(unit) === 'manifest';

/**
 * Units are loaded one at a time, in order (diagnostics and objects keep the inputs' order), but each file's
 * read is several round trips to the file system (stat, open, stat, read, close) where the process would
 * sit idle: the next manifest files' reads are started while one is loaded (5,000 small files: 1 s idle).
 */
class ReadAhead {
  readonly #files: readonly FileUnit[];
  readonly #started = new Map<FileUnit, Promise<ReadResult>>();
  readonly #limits: LoadLimits;
  #next = 0;

  constructor(units: readonly InputUnit[], limits: LoadLimits) {
    this.#files = units.filter((unit): unit is FileUnit => unit.kind === 'file' && isPlainManifest(unit));
    this.#limits = limits;
  }

  /** The read of `unit` (started now if it was not), with the next files' reads started behind it. */
  read(unit: FileUnit): Promise<ReadResult> {
    const at = this.#files.indexOf(unit, this.#next);
    if (at !== -1) {
      // Files passed over were not loaded as manifests after all: their texts are not kept.
      for (let i = this.#next; i < at; i += 1) this.#started.delete(this.#files[i] as FileUnit);
      for (let i = at; i < Math.min(at + READ_AHEAD, this.#files.length); i += 1) this.#start(this.#files[i]);
      this.#next = at + 1;
    }
    const read = this.#started.get(unit) ?? readInputFile(unit.path, unit.display, this.#limits);
    this.#started.delete(unit);
    return read;
  }

  #start(unit: FileUnit | undefined): void {
    if (unit !== undefined && !this.#started.has(unit))
      this.#started.set(unit, readInputFile(unit.path, unit.display, this.#limits));
  }
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const CONFIG_FILES = new Set(['.aksward.yaml', '.aksward.yml']);
const NOT_RENDERED =
  'kustomization not rendered: it needs what an offline scan does not read (see the diagnostics)';

export async function loadInputs(paths: readonly string[], options: LoadOptions): Promise<ScopedLoadResult> {
  const { timings } = options;
  const span = <T>(name: string, work: () => Promise<T>): Promise<T> =>
    timedAsync(timings, 'inputs', name, work);
  const sink = createModelSink({ ...DEFAULT_LIMITS, ...options.limits }, options.namespace);
  const plan = await span('find', async () => {
    const discovered = await discoverInputs(paths, options.cwd, {
      ...(options.followSymlinks === undefined ? {} : { followSymlinks: options.followSymlinks }),
    });
    return planTemplateInputs(
      await skipKustomizeBases(discovered),
      options.parameters ?? [],
      options.cwd,
      sink,
    );
  });
  const { units } = plan;
  const files = units.filter((unit): unit is FileUnit => unit.kind === 'file');
  const terraform = await span('terraform', () =>
    prepareTerraform(
      files.filter((unit) => extname(unit.path) === '.tf'),
      namedVarFiles(paths, options.cwd),
      sink,
      {
        cwd: options.cwd,
        paths,
        ...(options.varFiles ? { varFiles: options.varFiles } : {}),
        ...(options.vars ? { vars: options.vars } : {}),
        ...(options.environment ? { environment: options.environment } : {}),
        ...(options.followSymlinks === undefined ? {} : { followSymlinks: options.followSymlinks }),
      },
    ),
  );
  // Every kustomization graph first: a manifest beside a kustomization is read on its own unless one consumes it.
  const graphs = new Map<InputUnit, GraphCheck>();
  for (const unit of units) {
    if (unit.kind !== 'kustomization') continue;
    const allowRemote = options.allowRemoteBases === true;
    graphs.set(
      unit,
      await span('kustomization', () =>
        checkKustomizationGraph(unit.dir, { cwd: options.cwd, allowRemote, limits: sink.limits }),
      ),
    );
  }
  const consumed = new Set([...graphs.values()].flatMap((graph) => [...graph.consumed]));
  const run: Run = {
    sink,
    options,
    terraform,
    templateParameters: plan.parameters,
    stdinRead: false,
    graphs,
    consumed,
    ahead: new ReadAhead(units, sink.limits),
  };
  for (const unit of units) {
    // A var file named as an input and also walked: it is applied once, and listed with its module.
    if (unit.kind === 'skipped' && terraform.appliedDisplays.has(unit.display)) continue;
    await span(unitKind(unit), () => loadUnit(unit, run));
  }
  await span('terraform', () => finishTerraform(terraform, sink));
  const clusterScope = options.clusterScope ?? 'auto';
  const { loaded, scoped } = timed(timings, 'inputs', 'model', () => {
    const result = sink.result();
    return { loaded: result, scoped: scopeModel(result.model, result.inputs, clusterScope) };
  });
  return {
    model: scoped.model,
    diagnostics: [...loaded.diagnostics, ...scoped.diagnostics],
    inputs: loaded.inputs,
    clusterScope,
    scopes: scoped.scopes,
  };
}

/** `.tfvars` files named on the command line (not globs): var files of their folder's module. */
function namedVarFiles(paths: readonly string[], cwd: string): { path: string; display: string }[] {
  return paths
    .filter((given) => isVarFile(given) && !isAutoLoadedVarFile(basename(given)))
    .map((given) => ({
      path: resolve(cwd, given),
      display: isAbsolute(given) ? resolve(cwd, given) : relative(cwd, resolve(cwd, given)),
    }));
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
  const kind = fileKind(unit);
  if (unit.beside !== undefined) {
    await loadBeside(unit, unit.beside, run);
  } else if (kind === 'config') {
    if (unit.explicit) refuseNamed(unit, sink, 'aksward configuration', 'give it with --config <file>');
    sink.addInput({
      file: unit.display,
      format: 'config',
      objects: 0,
      reason: 'aksward configuration; not scanned',
    });
  } else if (kind === 'terraform') {
    await loadTerraformFolder(dirname(unit.path), run.terraform, sink);
  } else if (kind === 'var-file') {
    // A var file named on the command line is applied (or refused) by prepareTerraform.
    if (run.terraform.applied.has(unit.path) || (unit.explicit && !isAutoLoadedVarFile(name))) return;
    if (!isAutoLoadedVarFile(name))
      skip('Terraform variables that Terraform does not load by itself: pass it with --var-file');
    else if (!run.terraform.folders.has(dirname(unit.path)))
      skip('Terraform variables, but no .tf file of its folder is an input');
  } else if (kind === 'bicep') {
    const input = { path: unit.path, display: unit.display, cwd: run.options.cwd };
    const parameterSets = run.templateParameters.get(unit.path) ?? [];
    if (parameterSets.length === 0) sink.addInput(await loadBicepFile(input, sink));
    for (const parameters of parameterSets)
      sink.addInput(await loadBicepFile({ ...input, parameters }, sink));
  } else if (kind === 'manifest') {
    const read = await run.ahead.read(unit);
    if ('diagnostic' in read) {
      sink.addDiagnostic(read.diagnostic);
      sink.addInput({ file: unit.display, objects: 0, reason: read.diagnostic.message });
    } else {
      // A walked `.json` (package.json, tsconfig.json) that no loader claims is skipped, not a warning.
      const walkedJson = !unit.explicit && extension === '.json';
      const linked = await linkedOf(unit, read.text, run);
      const options = { walkedJson, hidden: unit.hidden === true, ...(linked ? { linked } : {}) };
      // A named file that yields nothing, and whose errors do not already say why, is refused.
      const load = (parameters?: ReadonlyMap<string, SuppliedParameter>): InputRecord => {
        const given = parameters === undefined ? options : { ...options, parameters };
        return unit.explicit
          ? loadNamedText(read.text, unit, sink, given)
          : loadText(read.text, unit.display, sink, given);
      };
      const parameterSets = run.templateParameters.get(unit.path) ?? [];
      if (parameterSets.length === 0) sink.addInput(load());
      for (const { display, values } of parameterSets) {
        const record = load(values);
        const note = `with the parameters of ${display}`;
        sink.addInput({
          ...record,
          reason: record.reason === undefined ? note : `${record.reason}; ${note}`,
        });
      }
    }
  } else {
    skip('not an input format');
  }
}

/** A named file's text: one that yields nothing, and whose errors do not already say why, is refused. */
function loadNamedText(
  text: string,
  unit: FileUnit,
  sink: LoadSink,
  options: Parameters<typeof loadText>[3],
): InputRecord {
  let errors = 0;
  const counting: LoadSink = {
    ...sink,
    addDiagnostic: (diagnostic) => {
      if (diagnostic.level === 'error') errors++;
      sink.addDiagnostic(diagnostic);
    },
  };
  const record = loadText(text, unit.display, counting, options);
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

/** The local templates an ARM template links to (`templateLink`), read before it is loaded. */
async function linkedOf(unit: FileUnit, text: string, run: Run): Promise<LinkedTemplates | undefined> {
  if (!text.includes('templateLink')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    // not JSON: loadText reports it
    return undefined;
  }
  const linked = await readLinkedTemplates(unit.path, unit.display, value, run.sink, run.options.cwd);
  return linked.size > 0 ? linked : undefined;
}
