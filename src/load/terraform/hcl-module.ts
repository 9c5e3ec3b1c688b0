/** @module Reads the files of one Terraform module (HCL and tfvars) into resources with resolvable values. */
import path from 'node:path';
import type * as Hcl2json from '@cdktf/hcl2json';
import type { LoadSink } from '../load-sink.js';
import {
  createResolver,
  type ModuleScope,
  type Resolver,
  type VariableDeclaration,
} from './hcl-expressions.js';
import { outlineHcl, type OutlineBlock } from './hcl-outline.js';
import { describeHclError } from '../parse-errors.js';
import { findLongHeredoc, MAX_HEREDOC_LINES } from './heredoc-limit.js';
import { hclView } from './hcl-view.js';
import { isRecord, type TfReference, type TfResource } from './tf-resource.js';

export interface TerraformFile {
  readonly file: string;
  readonly text: string;
  /** A var file the user named (`--var-file`, or a `.tfvars` given as an input): applied after the auto-loaded ones. */
  readonly varFile?: boolean;
}

export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  readonly json: Record<string, unknown>;
  readonly outline: OutlineBlock;
}

/** hcl2json starts a Go WebAssembly runtime as soon as it is imported: only a run that reads HCL pays for it. */
let hcl2json: Promise<typeof Hcl2json> | undefined;

export async function parseHcl(
  file: string,
  text: string,
  sink: LoadSink,
): Promise<Record<string, unknown> | undefined> {
  const bytes = Buffer.byteLength(text);
  if (bytes > sink.limits.maxHclBytes) {
    sink.addDiagnostic({
      code: 'limit-exceeded',
      level: 'error',
      message: `${bytes} bytes of HCL is over limits.maxHclBytes (${sink.limits.maxHclBytes}); the file is not read, the other files of the module are`,
      file,
    });
    return undefined;
  }
  const long = findLongHeredoc(text);
  if (long) {
    sink.addDiagnostic({
      code: 'limit-exceeded',
      level: 'error',
      message: `a heredoc of ${long.lines} lines is over the limit of ${MAX_HEREDOC_LINES} lines per heredoc; the file is not read`,
      file,
      line: long.line,
    });
    return undefined;
  }
  const { parse } = await (hcl2json ??= import('@cdktf/hcl2json'));
  try {
    const json: unknown = await parse(file, text);
    return isRecord(json) ? json : {};
  } catch (error) {
    const problem = describeHclError(error);
    sink.addDiagnostic({
      code: 'parse-error',
      level: 'error',
      message: `${problem.message}; the other files of the module are still read`,
      file,
      ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column }),
    });
    return undefined;
  }
}

type FileKind = 'config' | 'tfvars' | 'override' | 'json-config' | 'other-tfvars' | 'other';

function fileKind(file: string): FileKind {
  const base = path.basename(file);
  // Terraform loads terraform.tfvars(.json) and *.auto.tfvars(.json) by itself; other .tfvars need -var-file.
  if (/^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/.test(base)) return 'tfvars';
  if (/\.tfvars(\.json)?$/.test(base)) return 'other-tfvars';
  if (/^override\.tf(\.json)?$|_override\.tf(\.json)?$/.test(base)) return 'override';
  if (base.endsWith('.tf.json')) return 'json-config';
  return base.endsWith('.tf') ? 'config' : 'other';
}

/**
 * Terraform's order: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) in lexical order,
 * then the var files named on the command line in the order given; later wins.
 */
function tfvarsOrder(a: TerraformFile, b: TerraformFile): number {
  const rank = (f: TerraformFile) => {
    if (f.varFile === true) return 3;
    const base = path.basename(f.file);
    return base === 'terraform.tfvars' ? 0 : base === 'terraform.tfvars.json' ? 1 : 2;
  };
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || a.varFile === true) return byRank;
  return path.basename(a.file) < path.basename(b.file) ? -1 : 1;
}

async function readTfvars(files: readonly TerraformFile[], sink: LoadSink): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  // A stable sort: var files named by the user keep the order given.
  for (const { file, text } of [...files].sort(tfvarsOrder)) {
    let json: unknown;
    if (file.endsWith('.json')) {
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        sink.addDiagnostic({
          code: 'parse-error',
          level: 'error',
          message: 'invalid JSON in a tfvars file',
          file,
        });
        continue;
      }
    } else json = await parseHcl(file, text, sink);
    if (isRecord(json)) for (const [name, value] of Object.entries(json)) values.set(name, value);
  }
  return values;
}

function noteSkipped(file: string, kind: FileKind, sink: LoadSink): void {
  const messages: Partial<Record<FileKind, string>> = {
    override: 'Terraform override files are not merged: the settings they change are not seen',
    'json-config': 'Terraform JSON configuration (.tf.json) is not read; scan the plan JSON instead',
    'other-tfvars': 'Terraform loads this file only with -var-file: its values are not applied',
  };
  const message = messages[kind];
  if (message) sink.addDiagnostic({ code: 'unsupported-input', level: 'warning', message, file });
}

const isFalse = (value: unknown): boolean => value === false || value === 'false' || value === '${false}';

/** Values a module gets from outside its own files (see ModuleScope for the precedence). */
export type ScopeValues = Pick<ModuleScope, 'tfvars' | 'inputs' | 'environment' | 'modules'>;

export function collectScope(parsed: readonly ParsedFile[], values: ScopeValues): ModuleScope {
  const variables = new Map<string, VariableDeclaration>();
  const locals = new Map<string, unknown>();
  for (const { json } of parsed) {
    if (isRecord(json.variable)) {
      for (const [name, blocks] of Object.entries(json.variable)) {
        const declaration = Array.isArray(blocks) && isRecord(blocks[0]) ? blocks[0] : {};
        // `sensitive = true` (hcl2json keeps the literal); anything that is not plainly false counts.
        const sensitive = 'sensitive' in declaration && !isFalse(declaration.sensitive);
        variables.set(
          name,
          'default' in declaration
            ? { hasDefault: true, default: declaration.default, sensitive }
            : { hasDefault: false, sensitive },
        );
      }
    }
    const blocks: unknown[] = Array.isArray(json.locals) ? json.locals : [];
    for (const block of blocks)
      if (isRecord(block)) for (const [k, v] of Object.entries(block)) locals.set(k, v);
  }
  return { variables, locals, ...values };
}

function hclResource(
  type: string,
  name: string,
  body: Record<string, unknown>,
  file: ParsedFile,
  resolver: Resolver,
  prefix: string,
): TfResource {
  const block = file.outline.blocks.find(
    (b) => b.type === 'resource' && b.labels[0] === type && b.labels[1] === name,
  );
  const at = { file: file.file, line: block?.line ?? 1 };
  const repetition = 'count' in body ? 'count' : 'for_each' in body ? 'for_each' : undefined;
  return {
    type,
    name,
    address: `${prefix}${type}.${name}`,
    at,
    view: hclView({ body, resolver, outline: block, at }),
    ...(repetition ? { repetition } : {}),
    references(attribute, target): TfReference {
      const raw = body[attribute];
      if (raw === undefined) return false;
      const references = resolver.references(raw);
      // This module names resources by their address inside it: `module.aks.azurerm_x.y` from the root.
      const local = target.address.startsWith(prefix) ? target.address.slice(prefix.length) : undefined;
      if (local !== undefined && references.has(local)) return true;
      // It names another resource or a data source: not this one.
      if (references.size > 0) return false;
      const value = resolver.resolve(raw);
      return value.kind === 'unknown' ? { unknown: `${attribute} ${value.reason}` } : false;
    },
  };
}

export function collectResources(
  parsed: readonly ParsedFile[],
  resolver: Resolver,
  prefix = '',
): TfResource[] {
  const out: TfResource[] = [];
  for (const file of parsed) {
    if (!isRecord(file.json.resource)) continue;
    for (const [type, byName] of Object.entries(file.json.resource)) {
      if (!isRecord(byName)) continue;
      for (const [name, bodies] of Object.entries(byName)) {
        const body: unknown = Array.isArray(bodies) ? bodies[0] : bodies;
        if (isRecord(body)) out.push(hclResource(type, name, body, file, resolver, prefix));
      }
    }
  }
  return out;
}

/** Where `var.name` or `local.name` is declared: its `variable` block, or its attribute in a `locals` block. */
function declarationOf(
  key: string,
  parsed: readonly ParsedFile[],
): { file: string; line: number } | undefined {
  const [root, name] = key.split('.');
  for (const { file, outline } of parsed) {
    for (const block of outline.blocks) {
      if (root === 'var' && block.type === 'variable' && block.labels[0] === name)
        return { file, line: block.line };
      const line = root === 'local' && block.type === 'locals' ? block.attributes.get(name ?? '') : undefined;
      if (line !== undefined) return { file, line };
    }
  }
  return undefined;
}

/**
 * Terraform rejects variables and locals that refer to each other in a cycle; aksward reads their values
 * as unknown, so the controls reading them are not assessed, and says where the cycle starts.
 */
function noteCycle(cycle: readonly string[], parsed: readonly ParsedFile[], sink: LoadSink): void {
  const [first = ''] = cycle;
  const at = declarationOf(first, parsed);
  sink.addDiagnostic({
    code: 'unresolved-value',
    level: 'warning',
    message: `${cycle.join(' → ')}: a reference cycle; these values are unknown`,
    file: at?.file ?? parsed[0]?.file ?? '',
    ...(at ? { line: at.line } : {}),
  });
}

/** The module's configuration files, parsed (a syntax error skips that file only), and its var files' values. */
export async function parseHclModule(
  files: readonly TerraformFile[],
  sink: LoadSink,
): Promise<{ parsed: ParsedFile[]; tfvars: Map<string, unknown> }> {
  const parsed: ParsedFile[] = [];
  const tfvarsFiles: TerraformFile[] = [];
  for (const entry of files) {
    const kind = entry.varFile === true ? 'tfvars' : fileKind(entry.file);
    if (kind === 'tfvars') tfvarsFiles.push(entry);
    else if (kind !== 'config') noteSkipped(entry.file, kind, sink);
    else {
      const json = await parseHcl(entry.file, entry.text, sink);
      if (json) parsed.push({ ...entry, json, outline: outlineHcl(entry.text) });
    }
  }
  return { parsed, tfvars: await readTfvars(tfvarsFiles, sink) };
}

/** The resolver of one module instance; cycles among its variables and locals are diagnostics. */
export function moduleResolver(parsed: readonly ParsedFile[], scope: ModuleScope, sink: LoadSink): Resolver {
  const onCycle = (cycle: readonly string[]): void => {
    noteCycle(cycle, parsed, sink);
  };
  return createResolver(scope, onCycle);
}
