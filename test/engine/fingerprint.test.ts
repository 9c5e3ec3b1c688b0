/** @module Fingerprints are stored in baselines: their value must not change with the way they are computed. */
import { describe, expect, it } from 'vitest';
import { computeFingerprint } from '../../src/engine/fingerprint.js';

describe('computeFingerprint', () => {
  it('keeps the values baselines hold (SHA-256 of the NUL-joined parts, 32 hex digits)', () => {
    expect(
      computeFingerprint({
        ruleId: 'no-host-pid',
        file: 'manifests/app.yaml',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        path: 'spec.template.spec.hostPID',
      }),
    ).toBe('480ec71ac1079ee62fc9023267ac3cdc');
    // No namespace or path, non-ASCII text (hashed as UTF-8).
    expect(
      computeFingerprint({ ruleId: 'no-host-pid', file: 'ü/app.yaml', kind: 'Deployment', name: 'wéb' }),
    ).toBe('1235b38c23110f4c79688a9897141ec3');
  });
});
