/** @module `paths` over several cluster scopes: a landing held in several is walked in each, its paths merged. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/load-inputs.js';
import { paths } from '../../src/engine/paths.js';
import { pathsInScopes } from '../../src/engine/scoped-paths.js';
import { pathsRenderers } from '../../src/report/paths/index.js';
import { renderText } from '../helpers/render-text.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

async function scope(name: string) {
  const { model } = await loadInputs([example(name)], { cwd: example(name), kubectl: false });
  return { name, model };
}

describe('pathsInScopes', () => {
  it('walks a landing in every scope that holds it: the worse path of a later scope is shown, naming its scope', async () => {
    // Regression: the same app installed hardened and unhardened was walked only in the first scope (hardened).
    const result = pathsInScopes([await scope('hardened'), await scope('unhardened')]);
    const landings = [...result.landings()];
    expect(landings.map((l) => [l.workload, l.scopes])).toEqual([
      ['workload:shop/web', ['hardened', 'unhardened']],
    ]);
    const [web] = landings;
    const secrets = web?.paths.find((p) => p.targetKind === 'secrets');
    expect(secrets?.scopes).toEqual(['unhardened']);
    expect(web?.paths.find((p) => p.steps.length === 3)?.scopes).toEqual(['hardened']);
    // The breach differs: the unhardened scope's is its own variant; the hardened one is the landing's.
    expect(web?.narrative.every((s) => s.status === 'blocked')).toBe(true);
    expect(web?.variants?.map((v) => [v.scope, v.narrative.every((s) => s.status === 'open')])).toEqual([
      ['unhardened', true],
    ]);
    const text = renderText(pathsRenderers.table, result);
    expect(text).toContain('secrets in namespace shop [secrets], 2 step(s) (in unhardened)');
    expect(text).toContain(' In cluster scope unhardened the breach reads otherwise:');
    const markdown = renderText(pathsRenderers.markdown, result);
    expect(markdown).toContain(
      '\n## In cluster scope unhardened the breach reads otherwise\n\n#### The breach',
    );
    const json = JSON.parse(renderText(pathsRenderers.json, result)) as {
      landings: { scopes: string[]; variants: { scope: string }[]; paths: { scopes: string[] }[] }[];
    };
    expect(json.landings[0]?.variants.map((v) => v.scope)).toEqual(['unhardened']);
    expect(json.landings[0]?.paths.map((p) => p.scopes)).toContainEqual(['unhardened']);
  });

  it('merges the same step sequence of two scopes into one path naming both', async () => {
    const { model } = await scope('unhardened');
    const alone = [...paths(model).landings()];
    const result = pathsInScopes([
      { name: 'install-a', model },
      { name: 'install-b', model },
    ]);
    const [web] = [...result.landings()];
    expect(web?.paths).toHaveLength(alone[0]?.paths.length ?? -1);
    expect(web?.paths.every((p) => p.scopes?.join() === 'install-a,install-b')).toBe(true);
    expect(web?.variants).toBeUndefined();
  });

  it('leaves a single scope exactly as `paths`', async () => {
    const { model } = await scope('unhardened');
    for (const format of ['table', 'json', 'markdown', 'dot'] as const) {
      expect(renderText(pathsRenderers[format], pathsInScopes([{ name: 'all inputs', model }]))).toBe(
        renderText(pathsRenderers[format], paths(model)),
      );
    }
  });
});
