/** @module require-ingress-tls: every Ingress terminates TLS for all its hosts and serves no plain-HTTP path. */
import type { KubeObject, PathSegment } from '../../model/index.js';
import { arrayAt, objectAt, objectSubject, stringAt } from '../../model/index.js';
import { defineRule, GUIDANCE } from '../define-rule.js';

interface Gap {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** `*.example.com` covers `a.example.com` (one label), as TLS wildcard certificates do. */
function covers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  return (
    pattern.startsWith('*.') &&
    host.endsWith(pattern.slice(1)) &&
    !host.slice(0, -pattern.length + 1).includes('.')
  );
}

function isAppGateway(ingress: KubeObject): boolean {
  const className =
    stringAt(ingress.body['spec'], 'ingressClassName') ?? ingress.annotations['kubernetes.io/ingress.class'];
  return className === 'azure-application-gateway' || className === 'azure/application-gateway';
}

/** Hosts of the rules that no `tls` entry covers: served over plain HTTP. */
function uncoveredHosts(ingress: KubeObject): Gap[] {
  const spec = ingress.body['spec'];
  const tlsHosts = arrayAt(spec, 'tls').flatMap((t) =>
    arrayAt(t, 'hosts').filter((h) => typeof h === 'string'),
  );
  const catchAll = arrayAt(spec, 'tls').some((t) => arrayAt(t, 'hosts').length === 0);
  const gaps: Gap[] = [];
  arrayAt(spec, 'rules').forEach((rule, i) => {
    const host = stringAt(rule, 'host');
    if (host === undefined ? catchAll : tlsHosts.some((p) => covers(p, host))) return;
    const path = host === undefined ? ['spec', 'rules', i] : ['spec', 'rules', i, 'host'];
    gaps.push({ path, message: `host ${host ?? '(any)'} has no TLS entry, so it is served over plain HTTP` });
  });
  return gaps;
}

/** Controllers that answer plain HTTP beside HTTPS unless told to redirect. */
function redirectGaps(ingress: KubeObject): Gap[] {
  const a = ingress.annotations;
  const path = ['metadata', 'annotations'];
  if (a['nginx.ingress.kubernetes.io/ssl-redirect']?.toLowerCase() === 'false') {
    return [{ path, message: 'nginx.ingress.kubernetes.io/ssl-redirect: "false" serves plain HTTP' }];
  }
  // Application Gateway listens on port 80 too and redirects only with this annotation.
  if (isAppGateway(ingress) && a['appgw.ingress.kubernetes.io/ssl-redirect']?.toLowerCase() !== 'true') {
    return [
      {
        path,
        message:
          'Application Gateway also serves plain HTTP without appgw.ingress.kubernetes.io/ssl-redirect: "true"',
      },
    ];
  }
  return [];
}

function gapsOf(ingress: KubeObject): Gap[] {
  if (arrayAt(ingress.body['spec'], 'tls').length === 0) {
    const path = objectAt(ingress.body, 'spec') ? ['spec'] : [];
    return [{ path, message: 'no TLS: every host is served over plain HTTP' }];
  }
  return [...uncoveredHosts(ingress), ...redirectGaps(ingress)];
}

export default defineRule({
  id: 'require-ingress-tls',
  title: 'Ingresses terminate TLS and serve no plain-HTTP path',
  surface: 'network',
  severity: 'medium',
  rationale:
    'An Ingress without TLS, or with hosts its certificates do not cover, serves the application over plain ' +
    'HTTP: session cookies, tokens and passwords cross the internet readable and modifiable by anyone on the ' +
    'path. Some controllers (Application Gateway) keep answering on port 80 beside HTTPS unless told to redirect.',
  remediation: {
    summary:
      'Add a tls entry (with a certificate from Key Vault or cert-manager) covering every host, and redirect HTTP to HTTPS.',
    manifest: 'spec.tls: [{ hosts: [<every host in spec.rules>], secretName: <tls-secret> }]',
  },
  reads: ['manifests'],
  peers: { azurePolicy: ['1a5b4dca'], cis: ['5.4.5'] },
  references: [
    GUIDANCE.guide,
    {
      title: 'Kubernetes: Ingress (TLS)',
      url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    },
  ],
  since: '0.1.0',
  check(context) {
    for (const object of context.model.objects) {
      if (object.kind !== 'Ingress') continue;
      const subject = objectSubject(object);
      const gaps = gapsOf(object);
      if (gaps.length === 0) {
        context.report({
          subject,
          status: 'pass',
          message: `${subject.display} serves every host over TLS.`,
        });
        continue;
      }
      for (const gap of gaps)
        context.report({ subject, path: gap.path, message: `${subject.display}: ${gap.message}.` });
    }
  },
});
