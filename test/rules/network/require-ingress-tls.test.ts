/** @module Tests for require-ingress-tls: TLS for every host, and no plain-HTTP listener. */
import { testRule } from '../../helpers/test-rule.js';

testRule('require-ingress-tls', {
  valid: ['valid.tls.yaml', 'valid.appgw-redirect.yaml'],
  invalid: [
    {
      fixture: 'invalid.no-tls.yaml',
      findings: [{ subject: 'Ingress/shop/web', path: 'spec', severity: 'medium' }],
    },
    {
      fixture: 'invalid.uncovered-host.yaml',
      findings: [{ subject: 'Ingress/shop/web', path: 'spec.rules[1].host', line: 24 }],
    },
    {
      fixture: 'invalid.appgw-no-redirect.yaml',
      findings: [{ subject: 'Ingress/shop/web', path: 'metadata.annotations' }],
    },
  ],
});
