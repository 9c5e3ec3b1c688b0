/**
 * @module The local files an ARM template links to (`templateLink.relativePath`, or a `uri` that is a
 * relative or `file:` path), read before loading so the template loader can follow them like inline
 * nested deployments. Remote links (`https://`) are left to the loader, which reports them not assessed.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { includeBoundary, outsideBoundary } from '../inputs/included-file.js';
import { readInputFile } from '../inputs/read-input-file.js';
import type { LoadSink } from '../load-sink.js';
import { getProperty, isPlainObject } from './arm-value.js';
import type { JsonObject } from './json-tree.js';
import { parseJsonTree } from './json-tree.js';

/** Linked templates by `<linking file>\0<link as written>`. */
export type LinkedTemplates = ReadonlyMap<string, JsonObject>;

/** Linked files read for one input, at most; and how deep links may chain (as nested deployments). */
const MAX_LINKED_FILES = 200;
const MAX_LINK_DEPTH = 8;

export const linkKey = (from: string, link: string): string => `${from}\u0000${link}`;

/** A link as a local path relative to the linking file's folder, or undefined when it is remote or computed. */
export function localLink(link: string): string | undefined {
  if (link.startsWith('[') && !link.startsWith('[[')) return undefined;
  if (/^file:\/\//i.test(link)) return fileURLToPath(link);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link)) return undefined;
  return link;
}

/** The `templateLink` strings of every deployment in `container` (resources, nested resources, inline templates). */
function links(container: unknown, out: string[], depth = 0): string[] {
  if (depth > MAX_LINK_DEPTH || !isPlainObject(container)) return out;
  const resources = getProperty(container, 'resources');
  const list = Array.isArray(resources)
    ? resources
    : isPlainObject(resources)
      ? Object.values(resources)
      : [];
  for (const resource of list) {
    if (!isPlainObject(resource)) continue;
    const properties = getProperty(resource, 'properties');
    if (isPlainObject(properties)) {
      const link = getProperty(properties, 'templateLink');
      const target = isPlainObject(link)
        ? (getProperty(link, 'relativePath') ?? getProperty(link, 'uri'))
        : undefined;
      if (typeof target === 'string') out.push(target);
      links(getProperty(properties, 'template'), out, depth + 1);
    }
    links(resource, out, depth + 1);
  }
  return out;
}

/** The absolute paths of the local templates a template text links to directly. */
export function linkedPaths(path: string, text: string): string[] {
  if (!text.includes('templateLink')) return [];
  return links(parsePlain(text), []).flatMap((link) => {
    const local = localLink(link);
    if (local === undefined) return [];
    return [isAbsolute(local) ? local : resolve(dirname(path), local)];
  });
}

function parsePlain(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    // the tree parser reports it with a line when the file is read for real
    return undefined;
  }
}

/**
 * Reads the local templates `value` (the text of `path`, shown as `display`) links to, and theirs, within
 * MAX_LINKED_FILES; problems are diagnostics of the linked file.
 */
export async function readLinkedTemplates(
  path: string,
  display: string,
  value: unknown,
  sink: LoadSink,
  cwd: string,
): Promise<LinkedTemplates> {
  const found = new Map<string, JsonObject>();
  const boundary = await includeBoundary(path, cwd);
  const queue: [string, string, unknown, number][] = [[path, display, value, 0]];
  let files = 0;
  while (queue.length > 0) {
    const [from, fromDisplay, template, depth] = queue.shift() as [string, string, unknown, number];
    if (depth >= MAX_LINK_DEPTH) continue;
    for (const link of links(template, [])) {
      const local = localLink(link);
      if (local === undefined || found.has(linkKey(fromDisplay, link))) continue;
      if (++files > MAX_LINKED_FILES) return found;
      const absolute = isAbsolute(local) ? local : resolve(dirname(from), local);
      const linkedDisplay = relative(cwd, absolute) || absolute;
      const outside = await outsideBoundary(absolute, linkedDisplay, boundary, cwd);
      if (outside) {
        sink.addDiagnostic(outside);
        continue;
      }
      const read = await readInputFile(absolute, linkedDisplay, sink.limits);
      if ('diagnostic' in read) {
        sink.addDiagnostic(read.diagnostic);
        continue;
      }
      sink.registerText(linkedDisplay, read.text);
      const root = parseJsonTree(read.text, linkedDisplay, sink);
      if (root?.kind !== 'object') continue;
      found.set(linkKey(fromDisplay, link), { ...root, file: linkedDisplay });
      sink.addInput({
        file: linkedDisplay,
        format: 'arm-template',
        objects: 0,
        reason: `template linked from ${fromDisplay}`,
      });
      queue.push([absolute, linkedDisplay, parsePlain(read.text), depth + 1]);
    }
  }
  return found;
}
