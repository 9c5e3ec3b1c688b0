/** @module Tests for no-mutable-image-tags. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const IMAGE = 'spec.template.spec.containers[0].image';

testRule('no-mutable-image-tags', {
  valid: ['valid.digest.yaml'],
  invalid: [
    {
      fixture: 'invalid.latest.yaml',
      findings: [{ subject: 'Deployment/shop/web', path: IMAGE, severity: 'low', line: 16 }],
    },
    {
      fixture: 'invalid.no-tag.yaml',
      findings: [{ subject: 'Pod/ops/tools', path: 'spec.containers[0].image', line: 10 }],
    },
    {
      fixture: 'invalid.version-tag.yaml',
      findings: [{ subject: 'Deployment/shop/checkout', path: IMAGE, severity: 'low' }],
    },
    {
      fixture: 'invalid.moving-tags.yaml',
      findings: [
        { subject: 'StatefulSet/shop/db', path: 'spec.template.spec.initContainers[0].image', line: 17 },
        { subject: 'StatefulSet/shop/db', path: IMAGE, line: 20 },
        { subject: 'StatefulSet/shop/db', path: 'spec.template.spec.containers[1].image', line: 22 },
      ],
    },
  ],
});

describe('no-mutable-image-tags decisions', () => {
  it('tells a version tag from a moving one', async () => {
    const version = await runRuleOn('no-mutable-image-tags', 'invalid.version-tag.yaml');
    expect(version.result.findings[0]?.message).toContain('uses the version tag v3.0.1, a tag, not a digest');
    const moving = await runRuleOn('no-mutable-image-tags', 'invalid.moving-tags.yaml');
    expect(moving.result.findings.map((f) => f.message.replace(/^.*" uses /, ''))).toEqual([
      'the mutable tag 1.36: it moves as new images are pushed.',
      'the mutable tag 16: it moves as new images are pushed.',
      'the mutable tag stable: it moves as new images are pushed.',
    ]);
  });

  it('does not read a registry port as a tag', async () => {
    const { result } = await runRuleOn('no-mutable-image-tags', 'invalid.no-tag.yaml');
    expect(result.findings[0]?.message).toContain('has no tag, so it pulls latest');
  });

  it('passes full version tags with allowVersionTags, and still fails moving ones', async () => {
    const options = { allowVersionTags: true };
    expect(
      (await runRuleOn('no-mutable-image-tags', 'invalid.version-tag.yaml', options)).result.findings,
    ).toEqual([]);
    expect(
      (await runRuleOn('no-mutable-image-tags', 'invalid.moving-tags.yaml', options)).result.findings,
    ).toHaveLength(3);
  });

  it('rejects unknown options', async () => {
    await expect(
      runRuleOn('no-mutable-image-tags', 'valid.digest.yaml', { allowTags: true }),
    ).rejects.toThrow('rules.no-mutable-image-tags.options: Unrecognized key: "allowTags"');
  });

  it('names the option of the wrong type by its path, one line per problem (not zod issues as JSON)', async () => {
    await expect(
      runRuleOn('no-mutable-image-tags', 'valid.digest.yaml', { allowVersionTags: 3 }),
    ).rejects.toThrow(
      /^rules\.no-mutable-image-tags\.options\.allowVersionTags: Invalid input: expected boolean, received number$/,
    );
  });
});
