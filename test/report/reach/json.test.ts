/**
 * `reach -f json` against its definition, the list stringified (`jsonText`: `JSON.stringify(list, null,
 * 2)` with U+2028 and the like escaped), where its
 * structure shows: sources with more entries than a piece, runs shared by many sources (each less
 * itself), external ranges between workloads, names that need escaping, and every focus kind.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { computeReachability } from '../../../src/analysis/netpol/index.js';
import { toConnectionList } from '../../../src/analysis/netpol/connection-list.js';
import type { ConnectionFocus } from '../../../src/analysis/netpol/connection-list.js';
import { reach } from '../../../src/engine/reach.js';
import { createModelSink } from '../../../src/load/inputs/model-sink.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { loadManifestText } from '../../../src/load/manifests/load-manifest-text.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { jsonText } from '../../../src/report/escape.js';
import { reachRenderers } from '../../../src/report/reach/index.js';
import { renderPieces } from '../../helpers/render-text.js';

/**
 * `count` Deployments in namespaces `1a` (sorts between external ranges such as `0.0.0.0-…` and
 * `10.0.0.0-…`) and `web`; one policy lets `web` reach only some addresses and port 443 in `1a`.
 */
function modelOf(count: number): ClusterModel {
  const docs: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const namespace = i % 3 === 0 ? '1a' : 'web';
    const name = i % 7 === 0 ? `w${i}-\u00e9\u2028` : `w${i}`;
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        template: { metadata: { labels: { app: `a${i % 5}` } }, spec: { containers: [{ name: 'c' }] } },
      },
    });
  }
  docs.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'out', namespace: 'web' },
    spec: {
      podSelector: { matchLabels: { app: 'a1' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': '1a' } } }],
          ports: [{ port: 443 }],
        },
      ],
    },
  });
  const sink = createModelSink(DEFAULT_LIMITS);
  loadManifestText(docs.map((d) => stringify(d)).join('---\n'), 'many.yaml', sink);
  return sink.result().model;
}

/** Where two texts first differ, with some context: megabytes of text are not diffed whole. */
function difference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  let at = 0;
  while (actual[at] === expected[at]) at++;
  return `at ${at}: ${JSON.stringify(actual.slice(at - 80, at + 80))} != ${JSON.stringify(expected.slice(at - 80, at + 80))}`;
}

describe('reach -f json', () => {
  const model = modelOf(700);
  const result = computeReachability(model);

  it('prints the bytes of the whole list stringified, for the whole list and each focus', () => {
    const [first, second] = result.peers;
    const focuses: ConnectionFocus[] = [
      {},
      { port: { protocol: 'TCP', port: 443 } },
      { from: first?.id ?? '' },
      { to: second?.id ?? '' },
      { to: '10.2.3.4' },
      { from: '10.2.3.4' },
    ];
    for (const focus of focuses) {
      const pieces = renderPieces(reachRenderers.json, reach(model).connections(focus));
      expect(difference(pieces.join(''), `${jsonText(toConnectionList(result, focus))}\n`)).toBeUndefined();
    }
  });

  it('writes a source of more than 512 entries in several pieces, none of them huge', () => {
    const pieces = renderPieces(reachRenderers.json, reach(model).connections());
    expect(toConnectionList(result).length).toBeGreaterThan(700 * 512);
    expect(pieces.length).toBeGreaterThan(700);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1 << 17);
  });
});
