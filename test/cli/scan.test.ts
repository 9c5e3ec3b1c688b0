import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const UNHARDENED = path.join(ROOT, 'examples/unhardened');
const HARDENED = path.join(ROOT, 'examples/hardened');

interface JsonFinding {
  ruleId: string;
  surface: string;
  status: string;
  severity: string;
  subject: { display: string };
  location: { file: string; line: number };
}

/** An ANSI escape sequence start (ESC [). */
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

function findingsOf(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

/** The surfaces of the foundation issue, whose cluster-level rules this issue ships. */
const CLUSTER_SURFACES = new Set([
  'api-server',
  'identity',
  'nodes',
  'posture',
  'network',
  'secrets',
  'workloads',
]);

describe('aksward scan', () => {
  it('exits 1 on the unhardened example and reports its failing cluster controls', async () => {
    const run = await cli(['scan', UNHARDENED, '-f', 'json'], { cwd: ROOT });
    expect(run.code).toBe(1);
    const failing = findingsOf(run.stdout).filter((f) => f.status === 'fail');
    const ids = new Set(failing.map((f) => f.ruleId));
    for (const id of [
      'require-private-cluster',
      'no-local-accounts',
      'require-network-policy-engine',
      'require-entra-integration',
      'require-azure-rbac',
      'require-workload-identity',
      'require-azure-policy',
      'no-node-ssh',
      'require-supported-version',
      'require-defender',
      'no-http-application-routing',
      'no-run-command',
    ]) {
      expect(ids, id).toContain(id);
    }
    const privateCluster = failing.find((f) => f.ruleId === 'require-private-cluster');
    expect(privateCluster?.severity).toBe('critical');
    for (const f of failing) expect(f.location.line).toBeGreaterThan(0);
  });

  it('reports no failing cluster control of these surfaces on the hardened example', async () => {
    const run = await cli(['scan', HARDENED, '-f', 'json'], { cwd: ROOT });
    const failing = findingsOf(run.stdout).filter(
      (f) => f.status === 'fail' && CLUSTER_SURFACES.has(f.surface),
    );
    const clusterFailing = failing.filter(
      (f) => f.subject.display.startsWith('managedClusters/') || f.subject.display.startsWith('azurerm_'),
    );
    expect(clusterFailing.map((f) => `${f.ruleId} ${f.subject.display}`)).toEqual([]);
  });

  it('exits 0 with --fail-on none and prints the table report to stdout', async () => {
    const run = await cli(['scan', UNHARDENED, '--fail-on', 'none'], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('require-private-cluster');
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('uses colour only when asked or on a TTY without NO_COLOR', async () => {
    const tty = await cli(['scan', UNHARDENED, '--fail-on', 'none'], { cwd: ROOT, tty: true });
    expect(tty.stdout).toMatch(ANSI);
    const noColor = await cli(['scan', UNHARDENED, '--fail-on', 'none'], {
      cwd: ROOT,
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toMatch(ANSI);
  });

  it('exits 3 when an input cannot be read', async () => {
    const run = await cli(['scan', path.join(ROOT, 'examples/does-not-exist'), '-f', 'json'], { cwd: ROOT });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('does-not-exist');
  });

  it('exits 2 on a usage error and on an invalid config', async () => {
    expect((await cli(['scan', UNHARDENED, '-f', 'yaml'], { cwd: ROOT })).code).toBe(2);
    expect((await cli(['scan', UNHARDENED, '--no-such-flag'], { cwd: ROOT })).code).toBe(2);
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-'));
    writeFileSync(path.join(dir, '.aksward.yaml'), 'failOn: sometimes\n');
    const run = await cli(['scan', UNHARDENED], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('failOn');
    writeFileSync(path.join(dir, '.aksward.yaml'), 'rules:\n  no-such-rule: off\n');
    expect((await cli(['scan', UNHARDENED], { cwd: dir })).code).toBe(2);
  });

  it('writes several formats at once with -o', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-'));
    const run = await cli(
      [
        'scan',
        UNHARDENED,
        '-f',
        'json',
        '-o',
        `sarif=${dir}/out.sarif`,
        '-o',
        `junit=${dir}/out.xml`,
        '-o',
        `markdown=${dir}/out.md`,
      ],
      { cwd: ROOT },
    );
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8'))).toHaveProperty('version', '2.1.0');
    expect(readFileSync(path.join(dir, 'out.xml'), 'utf8')).toContain('<testsuite');
    expect(existsSync(path.join(dir, 'out.md'))).toBe(true);
  });

  it('suppresses through config, and re-opens a finding whose suppression expired', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-'));
    writeFileSync(
      path.join(dir, '.aksward.yaml'),
      [
        'suppressions:',
        '  - rule: require-uptime-sla',
        '    reason: dev cluster, no SLA needed',
        '  - rule: no-run-command',
        '    reason: break-glass access until the VPN is ready',
        '    expires: 2020-01-31',
        '',
      ].join('\n'),
    );
    const run = await cli(['scan', UNHARDENED, '-f', 'json'], { cwd: dir });
    const findings = findingsOf(run.stdout) as (JsonFinding & { notes?: string[] })[];
    expect(
      findings.filter((f) => f.ruleId === 'require-uptime-sla').every((f) => f.status === 'suppressed'),
    ).toBe(true);
    const runCommand = findings.filter((f) => f.ruleId === 'no-run-command');
    expect(runCommand.length).toBeGreaterThan(0);
    for (const f of runCommand) {
      expect(f.status).toBe('fail');
      expect(f.notes?.[0]).toContain('expired on 2020-01-31');
    }
  });

  it('hides baselined findings and gates only new ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-'));
    const baselineFile = path.join(dir, 'baseline.json');
    const created = await cli(['baseline', UNHARDENED, '-o', baselineFile], { cwd: ROOT });
    expect(created.code).toBe(0);
    const run = await cli(['scan', UNHARDENED, '-f', 'json', '--baseline', baselineFile], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(findingsOf(run.stdout).filter((f) => f.status === 'fail')).toEqual([]);
    expect((JSON.parse(run.stdout) as { baselined: number }).baselined).toBeGreaterThan(10);
  });

  it('reports not-assessed controls with their reason instead of passing them', async () => {
    const run = await cli(['scan', path.join(UNHARDENED, 'cluster.json'), '-f', 'json'], { cwd: ROOT });
    const audit = findingsOf(run.stdout).find((f) => f.ruleId === 'require-audit-logs');
    expect(audit?.status).toBe('not-assessed');
  });
});

describe('aksward rules / explain', () => {
  it('lists every rule with id, surface, severity and title', async () => {
    const run = await cli(['rules', '-f', 'json']);
    const rules = JSON.parse(run.stdout) as {
      id: string;
      surface: string;
      severity: string;
      title: string;
    }[];
    expect(rules.length).toBeGreaterThanOrEqual(36);
    expect(rules.find((r) => r.id === 'no-local-accounts')).toMatchObject({
      surface: 'identity',
      severity: 'critical',
    });
  });

  it('explains a rule and rejects an unknown one', async () => {
    const run = await cli(['explain', 'no-local-accounts']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Why it matters');
    expect(run.stdout).toContain('az aks update');
    const unknown = await cli(['explain', 'no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule');
  });
});
