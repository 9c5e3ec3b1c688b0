/** A generated policy's YAML is what `yaml` writes for the whole object, though its rule items are written once. */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/model/index.js';
import { policyYaml } from '../../../src/fix/netpol/render.js';

const whole = (object: JsonObject): string => stringify(object, { lineWidth: 0 });

function policy(spec: JsonObject, annotations: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: 'allow-web-egress',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/managed-by': 'aksward' },
      annotations: { 'aksward.io/evidence': 'Service shop/api port 80→8080: seen in flows', ...annotations },
    },
    spec,
  };
}

const peer = (namespace: string, app: string, port: number | string): JsonObject => ({
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
      podSelector: { matchLabels: { app } },
    },
  ],
  ports: [{ protocol: 'TCP', port }],
});

describe('policyYaml', () => {
  it('writes egress and ingress rules as the whole object is written, rules met again included', () => {
    const objects = [
      policy({
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [
          peer('kube-system', 'kube-dns', 53),
          peer('shop', 'api', 8080),
          peer('shop', 'db', 'postgres'),
        ],
      }),
      // The same rules again, from the cache this time, and an ingress list before the egress one.
      policy({
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }] }],
        egress: [peer('shop', 'api', 8080), peer('shop', 'db', 'postgres')],
      }),
      // Strings YAML would read as something else are quoted alike: yes, 0755, 1e3, "", a colon, a leading dash.
      policy({
        podSelector: {
          matchLabels: { tier: 'yes', mode: '0755', size: '1e3', empty: '', odd: 'a: b', dash: '- x' },
        },
        egress: [peer('shop', 'on', '8080'), peer('team: a', '#tag', 'null')],
      }),
      // Empty lists and a default-deny are left to the whole object.
      policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] }),
      policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ];
    for (const object of objects) expect(policyYaml(object)).toBe(whole(object));
    expect(policyYaml(objects[0] as JsonObject)).toContain(
      '\n  egress:\n    - to:\n        - namespaceSelector:\n',
    );
  });

  it('writes a multi-line string and a shared object as the whole object does', () => {
    const labels = { matchLabels: { app: 'web' } };
    const objects = [
      policy({
        podSelector: {},
        egress: [peer('shop', 'line one\nline two', 80), peer('shop', 'a\n\nb\n', 81)],
      }),
      policy({ podSelector: {}, egress: [peer('shop', 'api', 80)] }, { note: 'first\nsecond\n' }),
      // One selector object in two places: the whole object writes an anchor and an alias.
      policy({ podSelector: labels, ingress: [{ from: [{ podSelector: labels }] }] }),
    ];
    for (const object of objects) expect(policyYaml(object)).toBe(whole(object));
    expect(policyYaml(objects[2] as JsonObject)).toContain('*a1');
  });
});
