/** @module STUB (helper-1 replaces this whole file): loadInputs, discovery of every input into one model. */
import type { ClusterModel } from '../model/index.js';
import type { Diagnostic, InputRecord } from './diagnostics.js';
import type { LoadLimits } from './limits.js';

export interface LoadOptions {
  readonly cwd: string;
  readonly readStdin?: () => Promise<string>;
  readonly limits?: Partial<LoadLimits>;
  readonly kubectl?: string | false;
}

export interface LoadResult {
  readonly model: ClusterModel;
  readonly diagnostics: Diagnostic[];
  readonly inputs: InputRecord[];
}

export function loadInputs(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  void paths;
  void options;
  return Promise.reject(new Error('loadInputs is not written yet'));
}
