/**
 * @module Findings on kustomize output point at the files the user wrote: each rendered object is moved to
 * the resource document it came from (kustomize's `config.kubernetes.io/origin` annotation), with the
 * strategic-merge patches that name it as further layers (a patched field points at the patch), and a
 * generated object (configMapGenerator, secretGenerator) at its generator entry.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject, SourceLocation } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import { lineStarts, positionAt } from '../manifests/line-index.js';
import { locateYamlPath } from '../manifests/locate-yaml-path.js';
import { parseYaml, toPlainValue } from '../manifests/parse-yaml.js';
import { splitDocuments } from '../manifests/split-documents.js';
import type { SourceLayer } from '../source-texts.js';
import { ORIGIN_ANNOTATIONS } from './kustomize.js';
import { addInlineIgnores } from './load-text.js';
import { readInputFile } from './read-input-file.js';

export interface OriginContext {
  /** The folder the origin paths are relative to (the rendering wrapper's); none: no origins. */
  readonly originBase: string | undefined;
  /** The kustomization as shown, and its folder's real path: source files are shown relative to it. */
  readonly display: string;
  readonly real: string;
  /** Real paths of the graph's strategic-merge patch files. */
  readonly patches: readonly string[];
  readonly sink: LoadSink;
}

interface SourceDocument {
  readonly index: number;
  readonly value: unknown;
  readonly at: SourceLocation;
  readonly kind: string | undefined;
  readonly name: string | undefined;
}

interface SourceFile {
  readonly display: string;
  readonly text: string;
  readonly documents: readonly SourceDocument[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The origin annotation, decoded: `path` for a resource, `configuredIn` and the generator kind otherwise. */
function originOf(annotation: string | undefined): Record<string, unknown> | undefined {
  if (annotation === undefined) return undefined;
  try {
    const value: unknown = parse(annotation, { logLevel: 'error' });
    return isRecord(value) ? value : undefined;
  } catch {
    // kustomize writes it; a broken one is left alone, the object keeps the kustomization's line
    return undefined;
  }
}

/** The object without the annotations the wrapper asked for (an object kustomize had none on gets none). */
function stripOrigin(object: KubeObject): KubeObject {
  if (!ORIGIN_ANNOTATIONS.some((name) => name in object.annotations)) return object;
  const annotations = Object.fromEntries(
    Object.entries(object.annotations).filter(([name]) => !ORIGIN_ANNOTATIONS.includes(name)),
  );
  const metadata = isRecord(object.body.metadata) ? { ...object.body.metadata } : {};
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  else metadata.annotations = annotations;
  return { ...object, annotations, body: { ...object.body, metadata } };
}

/** The rendered name holds the source name (a prefix, suffix or generator hash may be added): longest first. */
function bestByName<T extends { readonly name: string | undefined }>(
  items: readonly T[],
  name: string,
): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (item.name === undefined || !name.includes(item.name)) continue;
    if (item.name === name) return item;
    if (best?.name === undefined || item.name.length > best.name.length) best = item;
  }
  return best;
}

export interface OriginResolver {
  /** The object moved to its source, its origin annotations removed. */
  relocate(object: KubeObject): Promise<KubeObject>;
}

export function createOriginResolver(context: OriginContext): OriginResolver {
  const files = new Map<string, Promise<SourceFile | undefined>>();
  const shown = (path: string): string => join(dirname(context.display), relative(context.real, path));

  const read = (path: string): Promise<SourceFile | undefined> => {
    let file = files.get(path);
    if (file === undefined) {
      file = readSource(path, shown(path), context.sink);
      files.set(path, file);
    }
    return file;
  };

  const patchLayers = async (object: KubeObject): Promise<SourceLayer[]> => {
    const layers: SourceLayer[] = [];
    for (const path of context.patches) {
      const patch = await read(path);
      const candidates = (patch?.documents ?? []).filter((d) => d.kind === object.kind);
      const document = bestByName(candidates, object.name);
      if (patch !== undefined && document !== undefined) layers.push(layerOf(patch, document));
    }
    return layers;
  };

  return {
    async relocate(rendered) {
      const object = stripOrigin(rendered);
      const origin = originOf(rendered.annotations['config.kubernetes.io/origin']);
      if (context.originBase === undefined || origin === undefined) return object;
      const path = stringOf(origin.path);
      if (path !== undefined) {
        const source = await read(resolve(context.originBase, path));
        const candidates = (source?.documents ?? []).filter((d) => d.kind === object.kind);
        const document =
          bestByName(candidates, object.name) ?? (candidates.length === 1 ? candidates[0] : undefined);
        if (source === undefined || document === undefined) return object;
        const moved: KubeObject = {
          ...object,
          origin: {
            file: source.display,
            documentIndex: document.index,
            basePath: [],
            at: document.at,
            input: context.display,
          },
        };
        const layers = [layerOf(source, document), ...(await patchLayers(object))];
        context.sink.registerLayers?.(moved.origin, { body: object.body, layers });
        return moved;
      }
      const configuredIn = stringOf(origin.configuredIn);
      if (configuredIn === undefined) return object;
      const kustomization = await read(resolve(context.originBase, configuredIn));
      const generator = kustomization === undefined ? undefined : generatorEntry(kustomization, object);
      if (kustomization === undefined || generator === undefined) return object;
      // every path of a generated object is on its generator entry
      return {
        ...object,
        origin: {
          file: kustomization.display,
          documentIndex: 0,
          basePath: generator.path,
          at: generator.at,
          input: context.display,
        },
      };
    },
  };
}

function layerOf(file: SourceFile, document: SourceDocument): SourceLayer {
  return { file: file.display, documentIndex: document.index, at: document.at, value: document.value };
}

const GENERATOR_FIELDS: Readonly<Record<string, string>> = {
  ConfigMap: 'configMapGenerator',
  Secret: 'secretGenerator',
};

/** The generator entry of a kustomization that made `object`, by the name it generates. */
function generatorEntry(
  kustomization: SourceFile,
  object: KubeObject,
): { path: (string | number)[]; at: SourceLocation } | undefined {
  const field = GENERATOR_FIELDS[object.kind];
  const document = kustomization.documents[0];
  if (field === undefined || document === undefined || !isRecord(document.value)) return undefined;
  const entries = document.value[field];
  if (!Array.isArray(entries)) return undefined;
  const named = entries.map((entry: unknown, index) => ({
    index,
    name: isRecord(entry) ? stringOf(entry.name) : undefined,
  }));
  const entry = bestByName(named, object.name);
  if (entry === undefined) return undefined;
  const path = [field, entry.index];
  const parsed = parseYaml(kustomization.text);
  const offset = locateYamlPath(parsed.document, parsed.document.contents, path);
  if (offset === undefined) return undefined;
  const { line, column } = positionAt(lineStarts(kustomization.text), offset);
  return { path, at: { file: kustomization.display, line, column } };
}

/** Reads and splits a source file, and hands its text to the sink so its paths can be located. */
async function readSource(path: string, display: string, sink: LoadSink): Promise<SourceFile | undefined> {
  const read = await readInputFile(path, display, sink.limits);
  // kustomize read it a moment ago; a file gone since leaves the object on the kustomization
  if ('diagnostic' in read) return undefined;
  sink.registerText(display, read.text);
  // `aksward:ignore` comments in the files the user wrote apply to what was rendered from them
  addInlineIgnores(read.text, display, sink);
  const documents: SourceDocument[] = [];
  for (const [index, slice] of splitDocuments(read.text).entries()) {
    if (index >= sink.limits.maxDocuments) break;
    const parsed = parseYaml(read.text.slice(slice.start, slice.end));
    if (parsed.document.errors.length > 0) continue;
    const plain = toPlainValue(parsed, sink.limits.maxAliasCount);
    if (!('value' in plain)) continue;
    const value = plain.value;
    const offset = locateYamlPath(parsed.document, parsed.document.contents, []) ?? 0;
    const position = parsed.lineCounter.linePos(offset);
    const at = { file: display, line: slice.line + position.line - 1, column: position.col };
    const metadata = isRecord(value) ? value.metadata : undefined;
    documents.push({
      index,
      value,
      at,
      kind: isRecord(value) ? stringOf(value.kind) : undefined,
      name: isRecord(metadata) ? stringOf(metadata.name) : undefined,
    });
  }
  return { display, text: read.text, documents };
}
