/** @module Audit log files from disk into one `AuditLog`; an unreadable file is a diagnostic, never an exception. */
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { readInputFile } from '../inputs/read-input-file.js';
import type { LoadLimits } from '../limits.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { AuditLog, AuditSource } from './parse-audit-log.js';
import { parseAuditLog } from './parse-audit-log.js';

/** Audit exports are large: an hour of a busy cluster is hundreds of MiB. */
export const AUDIT_LOG_LIMITS: LoadLimits = { ...DEFAULT_LIMITS, maxFileBytes: 1024 * 1024 * 1024 };

export async function readAuditLog(
  paths: readonly string[],
  options: { readonly cwd: string; readonly limits?: LoadLimits },
): Promise<AuditLog> {
  const sources: AuditSource[] = [];
  const failures: Diagnostic[] = [];
  for (const path of paths) {
    const full = resolve(options.cwd, path);
    const file = relative(options.cwd, full) || path;
    const read = await readInputFile(full, file, options.limits ?? AUDIT_LOG_LIMITS);
    if ('diagnostic' in read) failures.push(read.diagnostic);
    else sources.push({ text: read.text, file });
  }
  const log = parseAuditLog(sources);
  return failures.length === 0 ? log : { ...log, diagnostics: [...failures, ...log.diagnostics] };
}
