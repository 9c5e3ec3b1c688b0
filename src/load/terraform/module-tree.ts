/**
 * @module A Terraform root module and the local modules it calls, as Terraform instantiates them: each
 * call's arguments bound to the module's variables, its outputs readable by the caller (`module.x.y`).
 * Remote modules (registry, git, URLs) are not read: they are named in a diagnostic.
 */
import path from 'node:path';
import type { SourceLocation } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import type { AssignedValue, ModuleOutputs, Resolved, Resolver } from './hcl-expressions.js';
import {
  collectResources,
  collectScope,
  moduleResolver,
  parseHclModule,
  type ParsedFile,
  type ScopeValues,
  type TerraformFile,
} from './hcl-module.js';
import type { OutlineBlock } from './hcl-outline.js';
import { isRecord, type TfResource } from './tf-resource.js';

/** The `.tf` files of a local module source, or why they are not read. */
export type ModuleFolder =
  | { readonly folder: string; readonly identity: string; readonly files: readonly TerraformFile[] }
  | { readonly refused: string };

/** Reads local module sources (I/O stays with the caller, which knows the inputs' boundaries). */
export interface ModuleReader {
  /** `source` as written in the call, relative to `folder`, the calling module's displayed folder. */
  read(folder: string, source: string): Promise<ModuleFolder>;
}

/** A module call aksward cannot read: its cluster checks need the cluster it may define. */
export interface RemoteModule {
  readonly address: string;
  readonly source: string;
  readonly version?: string;
  readonly at: SourceLocation;
}

export interface ModuleTree {
  readonly resources: TfResource[];
  readonly remote: RemoteModule[];
  /** `module.aks → modules/aks` for the inputs section. */
  readonly followed: string[];
}

/** Arguments of a module block that are Terraform's, not the module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface Walk {
  readonly sink: LoadSink;
  readonly reader: ModuleReader | undefined;
  readonly tree: ModuleTree;
  /** Module instances created so far, against limits.maxModuleInstances. */
  instances: number;
}

interface Instance {
  readonly parsed: readonly ParsedFile[];
  readonly folder: string;
  readonly prefix: string;
  /** Real folders of the modules from the root to this one, for cycles. */
  readonly chain: readonly string[];
}

const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

/** A value computed once; read again while it is being computed (a cycle), it is unknown. */
function once(compute: () => Resolved, what: string): () => Resolved {
  let state: 'idle' | 'busy' | 'done' = 'idle';
  let value: Resolved = { kind: 'unknown', reason: `${what} depends on itself through module outputs` };
  return () => {
    if (state !== 'idle') return value;
    state = 'busy';
    value = compute();
    state = 'done';
    return value;
  };
}

function outputsOf(parsed: readonly ParsedFile[]): Map<string, unknown> {
  const outputs = new Map<string, unknown>();
  for (const { json } of parsed) {
    if (!isRecord(json.output)) continue;
    for (const [name, blocks] of Object.entries(json.output)) {
      const block: unknown = Array.isArray(blocks) ? blocks[0] : blocks;
      if (isRecord(block) && 'value' in block) outputs.set(name, block.value);
    }
  }
  return outputs;
}

/** What the caller reads of one child instance: its outputs, resolved in the child's scope. */
function childOutputs(parsed: readonly ParsedFile[], resolver: Resolver, call: string) {
  const outputs = outputsOf(parsed);
  const cache = new Map<string, () => Resolved>();
  return {
    output(name: string): Resolved {
      if (!outputs.has(name)) return { kind: 'unknown', reason: `module.${call} has no output ${name}` };
      let read = cache.get(name);
      if (!read) {
        read = once(() => resolver.resolve(outputs.get(name)), `module.${call}.${name}`);
        cache.set(name, read);
      }
      return read();
    },
    references(name: string): ReadonlySet<string> {
      const refs = resolver.references(outputs.get(name));
      return new Set([...refs].map((address) => `module.${call}.${address}`));
    },
  };
}

interface ModuleCall {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly file: ParsedFile;
  readonly outline: OutlineBlock | undefined;
  readonly at: SourceLocation;
}

function moduleCalls(parsed: readonly ParsedFile[]): ModuleCall[] {
  const calls: ModuleCall[] = [];
  for (const file of parsed) {
    if (!isRecord(file.json.module)) continue;
    for (const [name, bodies] of Object.entries(file.json.module)) {
      const body: unknown = Array.isArray(bodies) ? bodies[0] : bodies;
      if (!isRecord(body)) continue;
      const outline = file.outline.blocks.find((b) => b.type === 'module' && b.labels[0] === name);
      calls.push({ name, body, file, outline, at: { file: file.file, line: outline?.line ?? 1 } });
    }
  }
  return calls;
}

function note(walk: Walk, at: SourceLocation, message: string, level: 'info' | 'warning' | 'error'): void {
  const code = level === 'info' ? 'unsupported-input' : 'outside-input';
  walk.sink.addDiagnostic({ code, level, message, file: at.file, line: at.line });
}

/** The instances a call makes: `for_each` keys when they resolve, else one shared definition. */
function callInstances(
  call: ModuleCall,
  resolver: Resolver,
  walk: Walk,
): { key?: unknown; value?: unknown }[] {
  const { body, at, name } = call;
  if ('for_each' in body) {
    const forEach = resolver.resolve(body.for_each);
    const collection = forEach.kind === 'value' ? forEach.value : undefined;
    // A set's each.key is its value, as Terraform iterates a set of strings.
    const entries: (readonly [unknown, unknown])[] | undefined = Array.isArray(collection)
      ? collection.map((value: unknown) => [value, value] as const)
      : isRecord(collection)
        ? Object.entries(collection)
        : undefined;
    if (entries) return entries.map(([key, value]) => ({ key, value }));
    const why = forEach.kind === 'unknown' ? forEach.reason : 'is not a collection';
    note(
      walk,
      at,
      `module.${name} uses for_each, which ${why}: it is read once, and each.key/each.value are unknown`,
      'info',
    );
    return [{}];
  }
  if ('count' in body) {
    const count = resolver.resolve(body.count);
    if (count.kind === 'value' && (count.value === 0 || count.value === '0')) return [];
    note(
      walk,
      at,
      `module.${name} uses count: it is read once, as the definition every instance shares; count.index is unknown`,
      'info',
    );
  }
  return [{}];
}

function literalSource(call: ModuleCall, resolver: Resolver, key: 'source' | 'version'): string | undefined {
  const value = call.body[key] === undefined ? undefined : resolver.resolve(call.body[key]);
  return value?.kind === 'value' && typeof value.value === 'string' ? value.value : undefined;
}

/** The arguments of one instance of a call, each resolved in the caller's scope when the module reads it. */
function callArguments(call: ModuleCall, resolver: Resolver): Map<string, AssignedValue> {
  const inputs = new Map<string, AssignedValue>();
  for (const [argument, raw] of Object.entries(call.body)) {
    if (META_ARGUMENTS.has(argument)) continue;
    const line = call.outline?.attributes.get(argument);
    inputs.set(argument, {
      resolve: once(() => resolver.resolve(raw), `module.${call.name}.${argument}`),
      ...(line === undefined ? {} : { at: { file: call.at.file, line } }),
    });
  }
  return inputs;
}

async function followCall(
  call: ModuleCall,
  caller: Instance,
  resolver: Resolver,
  walk: Walk,
  children: Map<string, ReturnType<typeof childOutputs>>,
): Promise<void> {
  const source = literalSource(call, resolver, 'source');
  const address = `${caller.prefix}module.${call.name}`;
  if (source === undefined) {
    note(walk, call.at, `${address}: its source is not a literal string; the module is not read`, 'warning');
    return;
  }
  if (!isLocalSource(source)) {
    const version = literalSource(call, resolver, 'version');
    walk.tree.remote.push({ address, source, ...(version ? { version } : {}), at: call.at });
    const named = version ? `${source} (version ${version})` : source;
    note(
      walk,
      call.at,
      `${address}: module not assessed: ${named} is not a local module; scan the plan JSON (terraform show -json) to see what it defines`,
      'info',
    );
    return;
  }
  if (!walk.reader) {
    note(
      walk,
      call.at,
      `${address} is not followed: scan its directory, or the plan JSON (terraform show -json), to see what it defines`,
      'info',
    );
    return;
  }
  if (caller.chain.length >= walk.sink.limits.maxModuleDepth) {
    const message = `${address}: modules nested deeper than limits.maxModuleDepth (${walk.sink.limits.maxModuleDepth}) are not read`;
    walk.sink.addDiagnostic({
      code: 'limit-exceeded',
      level: 'error',
      message,
      file: call.at.file,
      line: call.at.line,
    });
    return;
  }
  const read = await walk.reader.read(caller.folder, source);
  if ('refused' in read) {
    note(walk, call.at, `${address}: the module ${source} is not read: ${read.refused}`, 'error');
    return;
  }
  if (caller.chain.includes(read.identity)) {
    note(
      walk,
      call.at,
      `${address}: the module ${source} calls itself (a module cycle); it is not read again`,
      'error',
    );
    return;
  }
  const { parsed } = await parseHclModule(
    read.files.filter((f) => f.file.endsWith('.tf')),
    walk.sink,
  );
  walk.tree.followed.push(`${address} → ${read.folder}`);
  for (const instance of callInstances(call, resolver, walk)) {
    if (++walk.instances > walk.sink.limits.maxModuleInstances) {
      const message = `${address}: more than limits.maxModuleInstances (${walk.sink.limits.maxModuleInstances}) module instances; the rest are not read`;
      walk.sink.addDiagnostic({
        code: 'limit-exceeded',
        level: 'error',
        message,
        file: call.at.file,
        line: call.at.line,
      });
      return;
    }
    const bound =
      'key' in instance ? resolver.bind('each', { key: instance.key, value: instance.value }) : resolver;
    const label =
      'key' in instance ? `module.${call.name}[${JSON.stringify(instance.key)}]` : `module.${call.name}`;
    const child: Instance = {
      parsed,
      folder: read.folder,
      prefix: `${caller.prefix}${label}.`,
      chain: [...caller.chain, read.identity],
    };
    const childResolver = await instantiate(
      child,
      { tfvars: new Map(), inputs: callArguments(call, bound) },
      walk,
    );
    if (!('key' in instance)) children.set(call.name, childOutputs(parsed, childResolver, call.name));
  }
}

/** Adds the resources of one module instance and of the modules it calls; returns its resolver. */
async function instantiate(instance: Instance, values: ScopeValues, walk: Walk): Promise<Resolver> {
  const children = new Map<string, ReturnType<typeof childOutputs>>();
  const modules: ModuleOutputs = {
    output: (call, name) => children.get(call)?.output(name),
    references: (call, name) => children.get(call)?.references(name) ?? new Set(),
  };
  const scope = collectScope(instance.parsed, { ...values, modules });
  const resolver = moduleResolver(instance.parsed, scope, walk.sink);
  walk.tree.resources.push(...collectResources(instance.parsed, resolver, instance.prefix));
  for (const call of moduleCalls(instance.parsed)) await followCall(call, instance, resolver, walk, children);
  return resolver;
}

export interface RootModule {
  /** The module's folder as displayed (the files' names start with it). */
  readonly folder: string;
  /** Its real path, for cycles. */
  readonly identity: string;
  readonly files: readonly TerraformFile[];
  readonly inputs?: ScopeValues['inputs'];
  readonly environment?: ScopeValues['environment'];
}

/** Reads a root module and every local module it calls. */
export async function readModuleTree(
  root: RootModule,
  sink: LoadSink,
  reader: ModuleReader | undefined,
): Promise<ModuleTree> {
  const { parsed, tfvars } = await parseHclModule(root.files, sink);
  const tree: ModuleTree = { resources: [], remote: [], followed: [] };
  const walk: Walk = { sink, reader, tree, instances: 0 };
  const values: ScopeValues = {
    tfvars,
    ...(root.inputs ? { inputs: root.inputs } : {}),
    ...(root.environment ? { environment: root.environment } : {}),
  };
  await instantiate({ parsed, folder: root.folder, prefix: '', chain: [root.identity] }, values, walk);
  return tree;
}

/** The folder a local module source names, relative to the calling module's folder. */
export function moduleFolder(callerFolder: string, source: string): string {
  // `//` separates a package from a subfolder in Terraform sources; local paths use plain folders.
  return path.normalize(path.join(callerFolder, source.replace(/\/\/+/g, '/')));
}
