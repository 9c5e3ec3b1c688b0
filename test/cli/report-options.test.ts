/**
 * @module Issue 13 (report and command surface): regression tests from minimal reproductions. The default
 * table is grouped by rule; verdict words and exit codes agree; diff gates on what it opened; rule ids get
 * "did you mean" everywhere; formats and outputs are spelled the same way on every command.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCi, shouldShowProgress } from '../../src/cli/progress.js';
import type { AuditResult } from '../../src/engine/run-audit.js';
import { collapseDuplicates } from '../../src/report/collapse-diagnostics.js';
import { decideVerdict } from '../../src/report/verdict.js';
import { allRules } from '../../src/rules/index.js';
import { SURFACES } from '../../src/rules/types.js';
import { cli } from './run.js';

const PRIVILEGED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        securityContext: {privileged: true}
`;

function folder(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aksward-report-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('the default table', () => {
  it('is grouped by rule: a control table, one line per failing rule with its fix once, the top findings', async () => {
    const { stdout, code } = await cli(['scan', 'examples/unhardened']);
    expect(code).toBe(1);
    expect(stdout).toContain('Controls by surface');
    expect(stdout).toMatch(/\n {2}CRITICAL {2}no-privileged {2}1 {2}DaemonSet\/kube-system\/log-agent\n/);
    // The same fix text appeared once per finding (50 times on a demo app): now once per rule.
    expect(stdout.split('Fix: Set securityContext.allowPrivilegeEscalation: false').length - 1).toBe(1);
    expect(stdout).toContain('by attacker gain');
    expect(stdout.split('\n').length).toBeLessThan(250);
    const details = await cli(['scan', 'examples/unhardened', '--details']);
    expect(details.stdout.split('\n').length).toBeGreaterThan(stdout.split('\n').length * 3);
    expect((await cli(['scan', 'examples/unhardened', '--verbose'])).stdout).toBe(details.stdout);
  });

  it('--quiet prints the verdict line and the failing counts only; --compact one line per finding', async () => {
    const quiet = await cli(['scan', 'examples/unhardened', '--quiet']);
    expect(quiet.stdout.trimEnd().split('\n')).toEqual([
      'FAIL  49 findings at or above high',
      'Failed: 19 critical, 30 high, 33 medium, 26 low, 4 info',
    ]);
    const compact = await cli(['scan', 'examples/unhardened', '--compact']);
    expect(compact.stdout).not.toContain('Fix:');
    expect(compact.stdout).toContain(
      'CRITICAL  no-privileged  DaemonSet/kube-system/log-agent  examples/unhardened/manifests/log-agent.yaml:',
    );
  });

  it('--severity filters every report and the exit code; --rule/--skip-rule choose rules, with did you mean', async () => {
    const low = await cli(['scan', 'examples/unhardened', '--severity', 'low,info', '-f', 'json']);
    const severities = new Set(
      (JSON.parse(low.stdout) as { findings: { severity: string }[] }).findings.map((f) => f.severity),
    );
    expect([...severities].sort()).toEqual(['info', 'low']);
    expect(low.code).toBe(0);
    const min = await cli(['scan', 'examples/unhardened', '--severity', 'critical', '--quiet']);
    expect(min.stdout).toContain('Failed: 19 critical\n');
    const one = await cli(['scan', 'examples/unhardened', '--rule', 'no-privileged', '--quiet']);
    expect(one.stdout).toContain('Failed: 1 critical\n');
    const typo = await cli(['scan', 'examples/unhardened', '--skip-rule', 'no-privileges']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no-privileges (did you mean no-privileged?)');
    expect((await cli(['scan', 'examples/unhardened', '--severity', 'severe'])).code).toBe(2);
  });
});

describe('verdict words and exit codes agree', () => {
  it('a missing file is INCOMPLETE, exit 3, never followed by PASS', async () => {
    const { stdout, code } = await cli(['scan', '/nonexistent-aksward-input']);
    expect(code).toBe(3);
    expect(stdout).not.toMatch(/^PASS/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^INCOMPLETE {2}1 input error/);
  });

  it('a Helm-only repository (a chart, nothing rendered) is not a PASS', async () => {
    const dir = folder({ 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 0.1.0\n' });
    const { stdout, code } = await cli(['scan', dir]);
    expect(code).toBe(3);
    expect(stdout).not.toMatch(/^PASS/m);
  });

  it('a cluster whose checks are mostly not assessed, or a run that decided nothing, is NOT ASSESSED', () => {
    const clusterRules = allRules.filter(
      (r) => r.reads.includes('cluster') && !r.reads.includes('manifests'),
    );
    const subject = {
      kind: 'ManagedCluster',
      name: 'c',
      display: 'managedClusters/c',
      at: { file: 'c.json', line: 1 },
    };
    const findings = clusterRules.map((r) => ({
      ruleId: r.id,
      surface: r.surface,
      severity: r.severity,
      status: 'not-assessed' as const,
      subject,
      location: subject.at,
      message: 'unknown',
      fix: '',
      fingerprint: r.id,
    }));
    const coverage = Object.fromEntries(
      SURFACES.map((s) => [
        s,
        { passed: s === 'workloads' ? 3 : 0, failed: 0, notAssessed: 0, providerManaged: 0 },
      ]),
    ) as AuditResult['coverage'];
    const result: AuditResult = {
      findings,
      coverage,
      rulesRun: allRules.map((r) => r.id),
      unusedSuppressions: [],
      suppressionProblems: [],
      baselined: 0,
    };
    const context = {
      rules: allRules,
      version: 't',
      inputs: [],
      diagnostics: [],
      color: false,
      failOn: 'high',
    };
    expect(decideVerdict(result, context)).toMatchObject({ kind: 'not-assessed', word: 'NOT ASSESSED' });
    expect(decideVerdict({ ...result, findings: findings.slice(0, 2) }, context).kind).toBe('pass');
    const nothing = {
      ...result,
      findings: [],
      coverage: Object.fromEntries(
        SURFACES.map((s) => [s, { passed: 0, failed: 0, notAssessed: 0, providerManaged: 0 }]),
      ) as AuditResult['coverage'],
    };
    expect(decideVerdict(nothing, context).kind).toBe('not-assessed');
  });

  it('diff exits 1 when the change opened findings at or above --fail-on, with severity and file:line', async () => {
    const opened = await cli(['diff', 'examples/hardened', 'examples/unhardened']);
    expect(opened.code).toBe(1);
    expect(opened.stdout).toMatch(
      /\n {2}\+ CRITICAL {2}no-privileged fail DaemonSet\/kube-system\/log-agent \S+ {2}examples\/unhardened\/manifests\/log-agent\.yaml:\d+\n/,
    );
    expect((await cli(['diff', 'examples/hardened', 'examples/unhardened', '--fail-on', 'none'])).code).toBe(
      0,
    );
    expect((await cli(['diff', 'examples/unhardened', 'examples/hardened'])).code).toBe(0);
  });

  it('a typo in suppressions[].rule is a config error at load time (exit 2), with did you mean', async () => {
    const dir = folder({
      'pod.yaml': PRIVILEGED,
      '.aksward.yaml': 'suppressions:\n  - rule: no-privileges\n    reason: test\n',
    });
    const { code, stderr, stdout } = await cli(['scan', '.'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('no-privileges (did you mean no-privileged?)');
  });

  it('explain offers the closest rule ids', async () => {
    const { code, stderr } = await cli(['explain', 'no-privileges']);
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean no-privileged');
  });
});

describe('options are spelled the same on every command', () => {
  it('accepts -f and md for markdown wherever a format is named', async () => {
    const scan = await cli(['scan', 'examples/hardened', '-f', 'md']);
    expect(scan.stdout.startsWith('## aksward')).toBe(true);
    expect((await cli(['paths', 'examples/hardened', '-f', 'md'])).code).toBe(0);
    const json = await cli(['who-can', 'get', 'secrets', '-i', 'examples/unhardened', '-f', 'json']);
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
    expect((await cli(['rules', '-f', 'markdown'])).code).toBe(0);
  });

  it('scan -o and baseline -o take [format=]file alike', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aksward-out-'));
    const sarif = path.join(dir, 'r.sarif');
    const run = await cli(['scan', 'examples/hardened', '-o', sarif, '-o', `md=${dir}/r.txt`]);
    expect(run.stderr).toContain('wrote sarif report');
    expect(readFileSync(sarif, 'utf8')).toContain('"version": "2.1.0"');
    expect(readFileSync(`${dir}/r.txt`, 'utf8').startsWith('## aksward')).toBe(true);
    const unknown = await cli(['scan', 'examples/hardened', '-o', `${dir}/report`]);
    expect(unknown.code).toBe(2);
    const base = await cli(['baseline', 'examples/hardened', '-o', `json=${dir}/b.json`]);
    expect(JSON.parse(readFileSync(`${dir}/b.json`, 'utf8'))).toHaveProperty('findings');
    expect(base.code).toBe(0);
    expect((await cli(['baseline', 'examples/hardened', '-o', `sarif=${dir}/b.json`])).code).toBe(2);
  });

  it('access says a bare name is read as a user, and how to name the service account', async () => {
    const { stderr } = await cli(['access', 'web', '-i', 'examples/unhardened']);
    expect(stderr).toContain('"web" is read as a user');
    const sa = await cli(['access', '--service-account', 'shop/web', '-i', 'examples/unhardened']);
    expect(sa.stderr).not.toContain('read as a user');
    const named = await cli(['access', 'system:serviceaccount:shop:web', '-i', 'examples/unhardened']);
    expect(sa.stdout).toBe(named.stdout);
  });
});

describe('duplicate-object notices and the progress line', () => {
  it('collapses duplicate-object notices to one line per file pair', () => {
    const dup = (name: string, line: number) => ({
      code: 'duplicate-object' as const,
      level: 'warning' as const,
      message: `Deployment/shop/${name} (apps/v1) is defined again (first at a.yaml:${line}); both are kept`,
      file: 'b.yaml',
      line,
    });
    const out = collapseDuplicates([dup('a', 1), dup('b', 9), dup('c', 20), dup('d', 30)]);
    expect(out).toHaveLength(1);
    expect(out[0]?.message).toBe(
      '4 objects here are also defined in a.yaml (first there): Deployment/shop/a, Deployment/shop/b, Deployment/shop/c +1 more; both copies are kept',
    );
    expect(collapseDuplicates([dup('a', 1)])[0]?.message).toContain('is defined again');
  });

  it('draws progress only on a terminal stderr outside CI', () => {
    expect(shouldShowProgress({ stderrIsTTY: true, env: {} })).toBe(true);
    expect(shouldShowProgress({ stderrIsTTY: false, env: {} })).toBe(false);
    expect(shouldShowProgress({ env: {} })).toBe(false);
    expect(shouldShowProgress({ stderrIsTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(shouldShowProgress({ stderrIsTTY: true, env: { GITHUB_ACTIONS: 'true' } })).toBe(false);
    expect(shouldShowProgress({ stderrIsTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(isCi({ CI: 'false' })).toBe(false);
  });
});
