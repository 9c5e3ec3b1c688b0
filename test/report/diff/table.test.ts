/** @module The `diff` renderers: a table of what opened (+) and closed (-), and the JSON document. */
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '../../../src/engine/diff.js';
import { diffRenderers, diffWarnings } from '../../../src/report/diff/index.js';
import { renderText } from '../../helpers/render-text.js';

const result: DiffResult = {
  changes: {
    findings: { opened: ['no-privileged fail Deployment/shop/web'], closed: [] },
    findingChanges: {
      opened: [
        {
          key: 'no-privileged fail Deployment/shop/web',
          ruleId: 'no-privileged',
          status: 'fail',
          severity: 'critical',
          file: 'web.yaml',
          line: 12,
        },
      ],
      closed: [],
    },
    reachabilityNote: 'not compared: a.json is a saved result, which hold no connection list',
    blastRadius: { 'workload:shop/web': { opened: [], closed: ['cluster-admin'] } },
  },
  radiusNotCompared: [],
};

describe('diff renderers', () => {
  it('prints each part with its counts, then the lines opened and closed', () => {
    expect(renderText(diffRenderers.table, result).split('\n')).toEqual([
      'Findings: 1 opened, 0 closed',
      '  + CRITICAL  no-privileged fail Deployment/shop/web  web.yaml:12',
      'Reachability: not compared: a.json is a saved result, which hold no connection list',
      'Blast radius of workload:shop/web: 0 opened, 1 closed',
      '  - cluster-admin',
      '',
    ]);
  });

  it('prints the changes alone as JSON', () => {
    expect(JSON.parse(renderText(diffRenderers.json, result))).toEqual(result.changes);
  });

  it('warns about the sides whose blast radius was not compared', () => {
    expect(diffWarnings(result)).toBe('');
    expect(diffWarnings({ ...result, radiusNotCompared: ['a.json', 'b.json'] })).toBe(
      'aksward: blast radius not compared: a.json and b.json predate(s) the blastRadius section (schema 1.2)\n',
    );
  });
});
