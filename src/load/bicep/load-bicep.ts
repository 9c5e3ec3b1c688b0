/**
 * @module A Bicep file, with its local modules, into cluster definitions: parsed here (no Bicep compiler),
 * compiled into the template `bicep build` would write, and read by the ARM template loader, so findings
 * point at Bicep lines. Registry modules and template specs are reported as not assessed.
 */
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic, DiagnosticCode, DiagnosticLevel, InputRecord } from '../diagnostics.js';
import type { LoadSink } from '../load-sink.js';
import { includeBoundary, outsideBoundary } from '../inputs/included-file.js';
import { readInputFile } from '../inputs/read-input-file.js';
import type { JsonObject } from '../cluster-json/json-tree.js';
import { loadArmTemplate } from '../cluster-json/load-arm-template.js';
import { createReporter } from '../cluster-json/problem-reporter.js';
import type { SuppliedParameter } from '../cluster-json/template-scope.js';
import type { ValueReader } from '../cluster-json/resource-view.js';
import { buildCluster } from '../normalize/build-cluster.js';
import { unknownClusterSource } from '../normalize/unknown-cluster.js';
import type { RemoteClusterModule } from './bicep-compile.js';
import { compileBicep } from './bicep-compile.js';
import { parseBicep } from './bicep-parser.js';
import type { Declaration } from './bicep-syntax.js';

/** Local modules nested deeper than this are not followed (as nested ARM deployments). */
export const MAX_MODULE_DEPTH = 8;
/** Module files read for one Bicep input, at most: a bound on what one hostile file can make the scan read. */
export const MAX_MODULE_FILES = 200;

interface ParsedFile {
  readonly display: string;
  readonly declarations: readonly Declaration[];
}

/** The files of one Bicep input: its own and its local modules', by absolute path; `undefined` when unreadable. */
interface FileSet {
  readonly files: Map<string, ParsedFile | undefined>;
  readonly sink: LoadSink;
  readonly cwd: string;
  /** Modules are read only inside it (`includeBoundary`). */
  readonly boundary: string;
  /** Registry modules and template specs that name AKS, by `file:line` (a module file compiled twice counts once). */
  readonly remote: Map<string, RemoteClusterModule & { readonly file: string }>;
}

const REMOTE = /^(br|ts)(\/[^:]*)?:/i;

function diagnostic(
  code: DiagnosticCode,
  level: DiagnosticLevel,
  message: string,
  file: string,
  line?: number,
): Diagnostic {
  return { code, level, message, file, ...(line === undefined ? {} : { line }) };
}

/** Reads and parses a Bicep file; problems become diagnostics and the file reads as `undefined`. */
export async function readBicep(
  path: string,
  display: string,
  sink: LoadSink,
): Promise<ParsedFile | { readonly problem: string }> {
  const read = await readInputFile(path, display, sink.limits);
  if ('diagnostic' in read) {
    sink.addDiagnostic(read.diagnostic);
    return { problem: read.diagnostic.message };
  }
  sink.registerText(display, read.text);
  const parsed = parseBicep(read.text);
  if (!parsed.ok) {
    const message = `malformed Bicep: ${parsed.message}; the file is not read`;
    sink.addDiagnostic(diagnostic('parse-error', 'error', message, display, parsed.line));
    return { problem: message };
  }
  return { display, declarations: parsed.declarations };
}

const localModules = (declarations: readonly Declaration[]): string[] =>
  declarations.flatMap((d) => (d.kind === 'module' && !REMOTE.test(d.path) ? [d.path] : []));

/** Reads every local module a file reaches (breadth first), within MAX_MODULE_FILES. */
async function readModules(path: string, parsed: ParsedFile, set: FileSet): Promise<void> {
  set.files.set(path, parsed);
  const queue: [string, ParsedFile][] = [[path, parsed]];
  while (queue.length > 0) {
    const [from, file] = queue.shift() as [string, ParsedFile];
    for (const target of localModules(file.declarations)) {
      const absolute = resolve(dirname(from), target);
      if (set.files.has(absolute)) continue;
      if (set.files.size >= MAX_MODULE_FILES) {
        set.files.set(absolute, undefined);
        continue;
      }
      const display = relative(set.cwd, absolute) || absolute;
      const outside = await outsideBoundary(absolute, display, set.boundary, set.cwd);
      if (outside) {
        set.sink.addDiagnostic(outside);
        set.files.set(absolute, undefined);
        continue;
      }
      const read = await readBicep(absolute, display, set.sink);
      set.files.set(absolute, 'problem' in read ? undefined : read);
      if (!('problem' in read)) queue.push([absolute, read]);
    }
  }
}

/** Compiles a file, and its modules as nested deployments; a module cycle or one too deep is reported. */
function compileFile(path: string, set: FileSet, stack: readonly string[]): JsonObject {
  const parsed = set.files.get(path) as ParsedFile;
  const report = (
    message: string,
    line: number,
    level: DiagnosticLevel = 'warning',
    code: DiagnosticCode = 'unresolved-value',
  ): void => {
    set.sink.addDiagnostic(diagnostic(code, level, message, parsed.display, line));
  };
  return compileBicep(parsed.declarations, parsed.display, {
    report,
    remoteCluster: (module) => {
      set.remote.set(`${parsed.display}:${module.line}`, { ...module, file: parsed.display });
    },
    module: (target, line) => {
      const absolute = resolve(dirname(path), target);
      if (stack.includes(absolute)) {
        report(`module ${target} includes itself (a cycle); not read again`, line, 'error');
        return undefined;
      }
      if (stack.length >= MAX_MODULE_DEPTH) {
        report(`module ${target} is nested deeper than ${MAX_MODULE_DEPTH} modules; not read`, line, 'error');
        return undefined;
      }
      if (!set.files.has(absolute)) {
        report(
          `module ${target} is beyond the ${MAX_MODULE_FILES} module files read per input; not read`,
          line,
          'error',
        );
        return undefined;
      }
      if (set.files.get(absolute) === undefined) {
        report(
          `module ${target} could not be read (see its diagnostic); what it deploys is not assessed`,
          line,
          'error',
        );
        return undefined;
      }
      return compileFile(absolute, set, [...stack, absolute]);
    },
  });
}

export interface BicepInput {
  readonly path: string;
  readonly display: string;
  readonly cwd: string;
  /** Parameter values from a `.bicepparam` or parameters JSON file, and that file's name for the record. */
  readonly parameters?: { readonly display: string; readonly values: ReadonlyMap<string, SuppliedParameter> };
}

/** Parses, compiles and loads one Bicep file; returns its record for the inputs section. */
export async function loadBicepFile(input: BicepInput, sink: LoadSink): Promise<InputRecord> {
  const { path, display } = input;
  const read = await readBicep(path, display, sink);
  if ('problem' in read) return { file: display, objects: 0, reason: read.problem };
  const boundary = await includeBoundary(path, input.cwd);
  const set: FileSet = { files: new Map(), sink, cwd: input.cwd, boundary, remote: new Map() };
  await readModules(path, read, set);
  const template = compileFile(path, set, [path]);
  const reader: ValueReader = {
    file: display,
    report: createReporter(display, sink),
    reporterFor: (file) => createReporter(file, sink),
  };
  const objects = loadArmTemplate(template, sink, reader, {
    format: 'bicep',
    ...(input.parameters ? { supplied: input.parameters.values } : {}),
  });
  const remote = addRemoteModuleClusters(set, display);
  for (const [modulePath, module] of set.files) {
    if (modulePath === path || module === undefined) continue;
    sink.addInput({
      file: module.display,
      format: 'bicep',
      objects: 0,
      reason: `Bicep module of ${display}`,
    });
  }
  const using = input.parameters ? `, with the parameters of ${input.parameters.display}` : '';
  const modules = set.files.size - 1;
  const note = `${modules > 0 ? `Bicep, with ${modules} local module file(s)` : 'Bicep'}${using}`;
  if (objects + remote === 0)
    return { file: display, format: 'bicep', objects, reason: `${note}: no AKS cluster-side resource` };
  return { file: display, format: 'bicep', objects: objects + remote, reason: note };
}

/**
 * A cluster per registry module or template spec whose reference names AKS: its cluster-level controls are
 * not assessed (never passed), as for a Terraform registry AKS module. Returns how many.
 */
function addRemoteModuleClusters(set: FileSet, main: string): number {
  for (const module of set.remote.values()) {
    const reason = `the cluster is deployed by ${module.what} ${module.path} (module ${module.name}), which is not read: aksward does not fetch modules; scan the template bicep build writes, which embeds it`;
    const at = { file: module.file, line: module.line };
    const id = module.file === main ? `module ${module.name}` : `module ${module.name} (${module.file})`;
    const pools = { unknown: reason, at, path: id };
    const spec = { format: 'bicep', name: module.name, id, at, reason, pools } as const;
    set.sink.addCluster(buildCluster(unknownClusterSource(spec)));
  }
  return set.remote.size;
}

/** The local module paths a Bicep text names (for telling modules from entry points among walked files). */
export function moduleReferences(path: string, text: string): string[] {
  const parsed = parseBicep(text);
  if (!parsed.ok) return [];
  return localModules(parsed.declarations).map((target) => join(dirname(path), target));
}
