/** @module Where a model object or value came from: file and 1-based line, so every finding can point at a line. */
import { flatString } from './flat-string.js';

export interface SourceLocation {
  /** Path as the user gave it (relative to the working directory), or `<stdin>`. */
  readonly file: string;
  /** 1-based line. Never 0 and never invented: a loader that cannot tell gives the line of the enclosing object. */
  readonly line: number;
  /** 1-based column, where known. */
  readonly column?: number;
  /** For rendered input (`helm template`, `kubectl kustomize`): the template or source file it came from. */
  readonly template?: string;
}

export type PathSegment = string | number;

/** Renders a property path as `spec.template.spec.containers[0].image`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return flatString(out);
}
