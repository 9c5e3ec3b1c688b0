/** @module Bicep edits for `aksward fix`: literals, parameter defaults, `.bicepparam` values, insertions; diffs applied by git. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bicepLiteral,
  editBicepParam,
  editBicepValue,
  resourceBlock,
  setBicepProperty,
} from '../../../src/fix/cluster/bicep-edit.js';
import type { FixPlan } from '../../../src/fix/plan/types.js';
import { cli } from '../../cli/run.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURE = 'test/fixtures/fix/bicep';
const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;

const RESOURCE = `param flag bool = false
param free string
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = if (true) {
  name: 'aks'
  properties: {
    enableRBAC: false // keep this comment
    label: '\${free}'
    fromParam: flag
    fromFree: free
    addonProfiles: {}
    pools: [
      {
        name: 'a'
      }
      {
        name: 'b'
      }
    ]
  }
}
`;

describe('Bicep text edits', () => {
  it('writes values as Bicep literals', () => {
    expect(bicepLiteral("it's ${x}")).toBe("'it\\'s \\${x}'");
    expect(bicepLiteral({ a: [1, true], 'b-c': null }, '  ')).toBe(
      "{\n    a: [\n      1\n      true\n    ]\n    'b-c': null\n  }",
    );
    expect(bicepLiteral([])).toBe('[]');
  });

  it('replaces the literal at a line and keeps the comment', () => {
    const edit = editBicepValue(RESOURCE, 6, 'enableRBAC', true);
    expect(edit.kind).toBe('edited');
    if (edit.kind === 'edited')
      expect(edit.text.split('\n')[5]).toBe('    enableRBAC: true // keep this comment');
  });

  it('patches the default of the parameter a value comes from', () => {
    const edit = editBicepValue(RESOURCE, 8, 'fromParam', true);
    expect(edit.kind === 'edited' && edit.text.split('\n')[0]).toBe('param flag bool = true');
  });

  it('names a parameter without a default, and an expression, instead of guessing', () => {
    expect(editBicepValue(RESOURCE, 9, 'fromFree', 'x')).toEqual({ kind: 'parameter', name: 'free' });
    expect(editBicepValue(RESOURCE, 7, 'label', 'x')).toEqual({ kind: 'expression', written: "'${free}'" });
    expect(editBicepValue(RESOURCE, 7, 'other', 'x')).toEqual({ kind: 'not-found' });
  });

  it('sets a .bicepparam value', () => {
    expect(editBicepParam("using './main.bicep'\nparam free = 'a'\n", 'free', 'b')).toBe(
      "using './main.bicep'\nparam free = 'b'\n",
    );
    expect(editBicepParam("using './main.bicep'\n", 'free', 'b')).toBeUndefined();
  });

  it('inserts missing properties with the file’s indentation, into `{}` and into array items', () => {
    const block = resourceBlock(RESOURCE, 3);
    expect(block).toBeDefined();
    if (!block) return;
    const nested = setBicepProperty(
      RESOURCE,
      block,
      ['properties', 'securityProfile', 'defender', 'enabled'],
      true,
    );
    expect(nested).toContain(
      '    securityProfile: {\n      defender: {\n        enabled: true\n      }\n    }\n  }\n}',
    );
    const empty = setBicepProperty(
      RESOURCE,
      block,
      ['properties', 'addonProfiles', 'azurepolicy', 'enabled'],
      true,
    );
    expect(empty).toContain(
      '    addonProfiles: {\n      azurepolicy: {\n        enabled: true\n      }\n    }\n',
    );
    const item = setBicepProperty(RESOURCE, block, ['properties', 'pools', 1, 'enc'], true);
    expect(item).toContain("        name: 'b'\n        enc: true\n");
    expect(setBicepProperty(RESOURCE, block, ['properties', 'pools', 5, 'enc'], true)).toBeUndefined();
  });
});

describe.skipIf(!hasGit)('aksward fix on a Bicep input', () => {
  let out = '';
  let plan: FixPlan;
  let stdout = '';

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'aksward-fix-bicep-'));
    const run = await cli(['fix', FIXTURE, '-o', out], { cwd: ROOT });
    expect(run.code, run.stderr).toBe(0);
    stdout = run.stdout;
    plan = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as FixPlan;
  }, 120_000);

  it('writes diffs that git applies (--check, then apply) in step order, giving after/', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'aksward-fix-bicep-git-'));
    cpSync(path.join(ROOT, FIXTURE), path.join(repo, FIXTURE), { recursive: true });
    const diffs = plan.steps.flatMap((s) => s.artifacts.filter((a) => a.endsWith('.diff')));
    expect(diffs.some((d) => d.endsWith('main-bicep.diff'))).toBe(true);
    expect(diffs.some((d) => d.endsWith('main-bicepparam.diff'))).toBe(true);
    for (const diff of diffs) {
      execFileSync('git', ['apply', '--check', path.join(out, diff)], { cwd: repo });
      execFileSync('git', ['apply', path.join(out, diff)], { cwd: repo });
    }
    for (const file of ['main.bicep', 'main.bicepparam', 'modules/logs.bicep'])
      expect(readFileSync(path.join(repo, FIXTURE, file), 'utf8'), file).toBe(
        readFileSync(path.join(out, 'after', FIXTURE, file), 'utf8'),
      );
    // The layout and comments survive.
    expect(readFileSync(path.join(repo, FIXTURE, 'main.bicep'), 'utf8')).toContain(
      'enableAzureRBAC: true // to be turned on',
    );
  });

  it('rescans after/ as hardened for the patched settings', async () => {
    expect(stdout).toMatch(/failed findings (\d+) before, (\d+) after/);
    const rescan = await cli(['scan', path.join(out, 'after'), '-f', 'json', '--fail-on', 'none'], {
      cwd: ROOT,
    });
    const report = JSON.parse(rescan.stdout) as { findings: { ruleId: string; status: string }[] };
    const failed = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    for (const rule of [
      'no-local-accounts',
      'require-azure-rbac',
      'require-private-cluster',
      'no-run-command',
      'require-workload-identity',
      'require-host-encryption',
      'require-azure-policy',
    ])
      expect(failed.has(rule), rule).toBe(false);
  });
});
