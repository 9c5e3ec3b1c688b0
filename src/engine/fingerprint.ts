/** @module Line-independent fingerprints, for SARIF `partialFingerprints` and baselines. */
import { createHash } from 'node:crypto';

export interface FingerprintParts {
  readonly ruleId: string;
  readonly kind: string;
  readonly namespace?: string | undefined;
  readonly name: string;
  readonly path?: string | undefined;
  readonly file: string;
}

export function computeFingerprint(parts: FingerprintParts): string {
  const key = [
    parts.ruleId,
    parts.file,
    parts.kind,
    parts.namespace ?? '',
    parts.name,
    parts.path ?? '',
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
