/** @module Tests of the JUnit report: golden output, well-formedness, suites, skips, escaping. */
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/report/escape.js';
import { CONTEXT, EMPTY_CONTEXT, EMPTY_RESULT, RESULT } from './fixtures.js';

/** Every `<` opens a tag and every `&` starts one of the five entities or a numeric reference. */
function assertWellFormedText(xml: string) {
  const withoutTags = xml
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<\/?[a-z]+(?:\s+[a-zA-Z.]+="[^"<]*")*\s*\/?>/g, '');
  expect(withoutTags).not.toMatch(/[<>]/);
  expect(withoutTags.replace(/&(?:amp|lt|gt|quot|apos|#\d+);/g, '')).not.toContain('&');
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

describe('formatJunit', () => {
  const out = formatJunit(RESULT, CONTEXT);

  it('matches the golden report', async () => {
    await expect(out).toMatchFileSnapshot('__snapshots__/basic.junit.xml');
  });

  it('is well-formed, control characters included', () => {
    assertWellFormedText(out);
    assertWellFormedText(formatJunit(EMPTY_RESULT, EMPTY_CONTEXT));
  });

  it('has one suite per surface in the seeds order, plus one for input errors', () => {
    const suites = [...out.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites).toEqual([
      'API server',
      'Network',
      'Identity (Azure RBAC)',
      'Kubernetes RBAC',
      'Secrets',
      'Workloads',
      'Nodes',
      'Posture',
      'Tenancy',
      'Attack paths',
      'Inputs',
    ]);
    expect(out).toContain('<testsuites name="aksward" tests="14" failures="7" errors="1" skipped="6">');
  });

  it('fails failures and skips the rest with a reason', () => {
    expect(out).toContain(
      '    <testcase classname="fake-private-api" name="managedClusters/aks-prod" file="cluster.json" line="12">\n' +
        '      <failure message="The API server is public, restricted to authorized IP ranges." type="high">',
    );
    expect(out).toContain(
      '<skipped message="not assessed: No diagnostic settings were given: pass the output of az monitor diagnostic-settings list."/>',
    );
    expect(out).toContain(
      '<skipped message="provider-managed: AKS encrypts etcd at rest with platform-managed keys."/>',
    );
    expect(out).toContain(
      '<skipped message="suppressed by config until 2027-01-31: Break-glass account, reviewed quarterly"/>',
    );
  });

  it('counts a finding implied by a root cause under its root: skipped, naming the root', () => {
    const [root, child] = RESULT.findings.filter((f) => f.status === 'fail');
    if (root === undefined || child === undefined) throw new Error('the fixture has two failures');
    const findings = RESULT.findings.map((f) => (f === child ? { ...f, impliedBy: root.fingerprint } : f));
    const xml = formatJunit({ ...RESULT, findings }, CONTEXT);
    const failures = (text: string) => Number(/<testsuites[^>]* failures="(\d+)"/.exec(text)?.[1]);
    expect(failures(xml)).toBe(failures(out) - 1);
    expect(xml).toContain(`implied by ${root.ruleId} on `);
  });

  it('escapes markup, quotes and control characters', () => {
    expect(out).toContain(
      'message="Grants &quot;*&quot; on &lt;all&gt; resources &amp; verbs to group &apos;ops&apos; | see `kubectl auth can-i`\\x07."',
    );
    expect(escapeXmlText('a<b>&c\u0001\ud800')).toBe('a&lt;b&gt;&amp;c\\x01\\ud800');
    expect(escapeXmlAttribute('"x"\n\'y\'\t')).toBe('&quot;x&quot;&#10;&apos;y&apos;&#9;');
    expect(escapeXmlText('\ud83d\ude00')).toBe('\ud83d\ude00');
  });

  it('names a Helm template as the file, without the rendered line', () => {
    expect(out).toContain(
      '<testcase classname="fake-privileged" name="Deployment/shop/web" file="charts/shop/templates/deployment.yaml">',
    );
  });
});
