/** @module Tests of the terminal report: layout, counts, wrapping, colour, verdict. */
import { describe, expect, it } from 'vitest';
import { formatTerminal } from '../../src/report/terminal.js';
import { SURFACE_TITLES } from '../../src/rules/types.js';
import { CONTEXT as SUMMARY_CONTEXT, EMPTY_CONTEXT, EMPTY_RESULT, RESULT } from './fixtures.js';

/** These tests read the detailed view (`--details`); terminal-summary.test.ts reads the default one. */
const CONTEXT = { ...SUMMARY_CONTEXT, view: 'details' as const };

// eslint-disable-next-line no-control-regex -- ANSI SGR sequences are what is being removed
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('formatTerminal', () => {
  const out = formatTerminal(RESULT, CONTEXT);

  it('matches the golden report', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/basic.terminal.txt');
  });

  it('fits in 100 columns', () => {
    const wide = out.split('\n').filter((line) => line.length > 100);
    expect(wide).toEqual([]);
  });

  it('prints surfaces in the seeds order, idle surfaces last on one line', () => {
    const order = [
      'api-server',
      'network',
      'identity',
      'k8s-rbac',
      'secrets',
      'workloads',
      'nodes',
      'posture',
      'tenancy',
      'attack-paths',
    ] as const;
    const positions = order.map((s) => out.indexOf(`\n${SURFACE_TITLES[s]}: `));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('counts failures by severity, not assessed and suppressed per surface', () => {
    expect(out).toContain('\nAPI server: 1 failed (1 high), 1 not assessed\n');
    expect(out).toContain(
      '\nWorkloads: 2 failed (1 critical, 1 low), 1 blocked at admission, 1 suppressed\n',
    );
    expect(out).toContain('  coverage: 4 of 5 checks assessed (3 passed, 1 failed), 1 not assessed\n');
  });

  it('shows each failure with location, path, message and fix', () => {
    expect(out).toContain('  HIGH      fake-private-api  managedClusters/aks-prod\n');
    expect(out).toContain(
      '            cluster.json:12  properties.apiServerAccessProfile.enablePrivateCluster\n',
    );
    expect(out).toContain('            Fix: Recreate the cluster with --network-policy cilium');
    expect(out).toContain(
      '            charts/shop/templates/deployment.yaml (rendered rendered/shop.yaml:52)',
    );
    expect(out).toContain('            Note: suppression expired on 2026-01-01');
  });

  it('marks a failure admission already blocks, and says why under it', () => {
    expect(out).toContain('  CRITICAL  fake-privileged  Deployment/shop/web  [blocked at admission]\n');
    expect(out).toContain('            blocked at admission: namespace shop enforces baseline\n');
    expect(out).not.toContain('fake-mutable-tag  Deployment/shop/web  [blocked');
  });

  it('summarises suppressed findings by reason instead of listing them', () => {
    expect(out).toContain(
      '  Suppressed (1): 1 by config "Break-glass account, reviewed quarterly" until 2027-01-31\n',
    );
    expect(out).not.toMatch(/\n {2}[A-Z]+ +fake-local-accounts/);
  });

  it('escapes control characters from input text', () => {
    expect(out).toContain('`kubectl auth can-i`\\x07.');
    expect(out).not.toContain('\u0007');
  });

  it('ends with the verdict against --fail-on', () => {
    // An incomplete scan says so in its one verdict line, with what it found in what it read: never
    // INCOMPLETE followed by a PASS or FAIL line.
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'INCOMPLETE  1 input error (see Diagnostics); 5 findings at or above high in what was read',
    );
    expect(lines.filter((line) => /^(PASS|FAIL)\b/.test(line))).toEqual([]);
    expect(
      formatTerminal(RESULT, { ...CONTEXT, diagnostics: [], failOn: 'none' })
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('DONE  7 findings; fail-on is none');
  });

  it('passes when nothing reaches the threshold, and says what is below it', () => {
    const lines = formatTerminal(RESULT, { ...CONTEXT, diagnostics: [], failOn: 'critical' })
      .trimEnd()
      .split('\n');
    expect(lines.at(-1)).toBe('FAIL  3 findings at or above critical');
    const low = RESULT.findings.filter((f) => f.severity === 'low');
    const only = formatTerminal({ ...RESULT, findings: low }, { ...CONTEXT, diagnostics: [] });
    expect(only.trimEnd().split('\n').at(-1)).toBe('PASS  no findings at or above high (1 finding below it)');
  });

  it('groups inputs that share a reason', () => {
    const modules = ['a', 'b', 'c', 'd', 'e'].map((dir) => ({
      file: `infra/${dir}`,
      format: 'terraform' as const,
      objects: 1,
      reason: 'Terraform module: main.tf',
    }));
    const grouped = formatTerminal(EMPTY_RESULT, { ...EMPTY_CONTEXT, inputs: modules });
    expect(grouped).toContain('  read     5 terraform files (5 objects)\n');
    expect(grouped).toContain(
      '  note     Terraform module: main.tf (5 inputs): infra/a, infra/b, infra/c and 2 more\n',
    );
  });

  it('colours only when asked, and the colours add nothing but escapes', () => {
    expect(out).not.toContain('\u001b');
    const coloured = formatTerminal(RESULT, { ...CONTEXT, color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(stripAnsi(coloured)).toBe(out);
  });

  it('reports an empty run honestly', async () => {
    const empty = formatTerminal(EMPTY_RESULT, EMPTY_CONTEXT);
    await expect(empty).toMatchFileSnapshot('__snapshots__/empty.terminal.txt');
    expect(empty).toContain('No checks ran for: API server, Network');
  });
});
