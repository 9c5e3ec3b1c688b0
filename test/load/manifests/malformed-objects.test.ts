/**
 * A field of the wrong type that rules read (a Pod whose spec is a list, containers a mapping, a
 * securityContext string, ports a mapping) is a wrong-type diagnostic at its line, and every workload rule
 * reports the object not assessed: never a pass on fields no rule could read.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { malformedPodFields } from '../../../src/load/manifests/pod-fields.js';
import { scan } from '../../../src/scan.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/load/manifests/', import.meta.url));

describe('malformed objects', () => {
  it('are diagnostics at the line of the field', async () => {
    const scanned = await scan(['malformed-pod.yaml'], {
      cwd: FIXTURES,
      kubectl: false,
      today: '2026-12-01',
    });
    expect(scanned.diagnostics.map((d) => [d.code, d.level, d.line, d.message.replace(/;.*/, '')])).toEqual([
      ['wrong-type', 'warning', 6, 'Pod/app/spec-list: spec must be a mapping, not a sequence'],
      [
        'wrong-type',
        'warning',
        18,
        'Deployment/app/containers-map: containers must be a sequence, not a mapping',
      ],
      [
        'wrong-type',
        'warning',
        31,
        'Pod/app/context-string: securityContext must be a mapping, not a string',
      ],
      ['wrong-type', 'warning', 32, 'Pod/app/context-string: ports must be a sequence, not a mapping'],
    ]);
  });

  it('are not assessed by any workload rule, never passed', async () => {
    const scanned = await scan(['malformed-pod.yaml'], {
      cwd: FIXTURES,
      kubectl: false,
      today: '2026-12-01',
    });
    const { findings, rulesRun } = scanned.result;
    const workloadRules = new Set(findings.filter((f) => f.surface === 'workloads').map((f) => f.ruleId));
    expect(workloadRules.size).toBeGreaterThan(5);
    for (const name of ['spec-list', 'containers-map', 'context-string']) {
      const mine = findings.filter((f) => f.subject.name === name && f.surface === 'workloads');
      // every workload rule said something of it; no pass hides among them
      expect(new Set(mine.map((f) => f.ruleId))).toEqual(workloadRules);
      expect(mine.every((f) => f.status === 'not-assessed' || f.status === 'fail')).toBe(true);
      expect(mine.some((f) => f.status === 'not-assessed')).toBe(true);
    }
    const privileged = findings.find((f) => f.ruleId === 'no-privileged' && f.subject.name === 'spec-list');
    expect(privileged).toMatchObject({ status: 'not-assessed', location: { line: 6 } });
    expect(privileged?.message).toBe(
      'Pod/app/spec-list is malformed (spec must be a mapping, not a sequence): not assessed',
    );
    // a well-formed object (null is an unset field) is assessed as before
    expect(findings.filter((f) => f.subject.name === 'well-formed' && f.status === 'not-assessed')).toEqual(
      [],
    );
    expect(rulesRun).toContain('no-privileged');
  });
});

describe('malformedPodFields', () => {
  it('checks the template of each pod-bearing kind, and nothing of other kinds', () => {
    expect(malformedPodFields('Deployment', { apiVersion: 'apps/v9', spec: 5 })).toEqual([]);
    expect(
      malformedPodFields('CronJob', {
        apiVersion: 'batch/v1',
        spec: { jobTemplate: { spec: { template: [] } } },
      }),
    ).toEqual([
      {
        path: ['spec', 'jobTemplate', 'spec', 'template'],
        problem: 'template must be a mapping, not a sequence',
      },
    ]);
    expect(
      malformedPodFields('Pod', {
        apiVersion: 'v1',
        spec: { containers: ['web'], hostNetwork: 'yes please', volumes: [1] },
      }),
    ).toEqual([
      { path: ['spec', 'volumes', 0], problem: 'volumes[0] must be a mapping, not a number' },
      { path: ['spec', 'hostNetwork'], problem: 'hostNetwork must be a boolean, not a string' },
      { path: ['spec', 'containers', 0], problem: 'containers[0] must be a mapping, not a string' },
    ]);
    expect(malformedPodFields('ConfigMap', { spec: [] })).toEqual([]);
    expect(malformedPodFields('Pod', { apiVersion: 'v1', spec: null })).toEqual([]);
  });
});
