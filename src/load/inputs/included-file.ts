/**
 * @module Files one input includes (Bicep local modules, linked ARM templates) are read only inside the
 * boundary kustomizations have: the git repository holding the input, else the current folder. A pull
 * request cannot make the scan read `/etc` through `module x '../../../etc/x.bicep'`.
 */
import { realpath } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { boundaryOf, isInside } from './kustomize-graph.js';

/** The boundary for the files `entry` (a path) includes. */
export async function includeBoundary(entry: string, cwd: string): Promise<string> {
  const real = await realpath(dirname(entry)).catch(() => dirname(entry));
  return boundaryOf(real, cwd);
}

/** An `outside-input` error when `path` (an included file) resolves outside `boundary`; undefined when inside. */
export async function outsideBoundary(
  path: string,
  display: string,
  boundary: string,
  cwd: string,
): Promise<Diagnostic | undefined> {
  const real = await realpath(path).catch(() => path);
  if (isInside(real, boundary)) return undefined;
  const shown = relative(cwd, boundary) || '.';
  const message = `included file outside the repository (${shown}); not read: scan from a folder that holds both`;
  return { code: 'outside-input', level: 'error', message, file: display };
}
