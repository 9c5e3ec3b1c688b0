/** @module Baselines: the fingerprints of findings already known, so only new ones gate a build. */
import * as z from 'zod';
import type { AuditResult } from './run-audit.js';

const baselineSchema = z.object({
  aksward: z.literal('baseline'),
  version: z.literal(1),
  findings: z.array(
    z.object({
      fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
      ruleId: z.string(),
      subject: z.string(),
      file: z.string(),
    }),
  ),
});

export type Baseline = z.infer<typeof baselineSchema>;

/** Every failing or not-assessed finding of a result, keyed by its line-independent fingerprint. */
export function createBaseline(result: AuditResult): Baseline {
  const seen = new Set<string>();
  const findings: Baseline['findings'] = [];
  for (const finding of result.findings) {
    if (finding.status !== 'fail' && finding.status !== 'not-assessed') continue;
    if (seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    findings.push({
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      subject: finding.subject.display,
      file: finding.location.file,
    });
  }
  return { aksward: 'baseline', version: 1, findings };
}

/** Parses a baseline file's JSON; returns an error message instead of throwing on a malformed file. */
export function parseBaseline(value: unknown): ReadonlySet<string> | { error: string } {
  const parsed = baselineSchema.safeParse(value);
  if (!parsed.success) {
    return {
      error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    };
  }
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}
