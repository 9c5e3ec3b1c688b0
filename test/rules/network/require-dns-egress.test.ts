/** @module Tests for require-dns-egress: restricted egress still reaches CoreDNS on UDP and TCP 53. */
import { describe, expect, it } from 'vitest';
import { runRuleOn, testRule } from '../../helpers/test-rule.js';

const WEB = { subject: 'Deployment/shop/web', path: 'spec.template.metadata.labels' };

testRule('require-dns-egress', {
  valid: ['valid.dns-allowed.yaml', 'valid.port-only.yaml', 'valid.named-ports.yaml'],
  // a namespace whose egress is not restricted needs no DNS allowance.
  notAssessed: ['valid.unrestricted.yaml'],
  invalid: [
    { fixture: 'invalid.no-dns.yaml', findings: [{ ...WEB, status: 'fail', severity: 'high', line: 18 }] },
    { fixture: 'invalid.udp-only.yaml', findings: [WEB] },
    { fixture: 'invalid.unset-namespace-label.yaml', findings: [WEB] },
  ],
});

describe('require-dns-egress messages', () => {
  it('tells UDP from TCP', async () => {
    const udpOnly = await runRuleOn('require-dns-egress', 'invalid.udp-only.yaml');
    expect(udpOnly.result.findings[0]?.message).toBe(
      'shop/web has restricted egress that does not allow TCP 53 to CoreDNS in kube-system (as AKS deploys it): large DNS answers (TCP fallback) fail.',
    );
    const none = await runRuleOn('require-dns-egress', 'invalid.no-dns.yaml');
    expect(none.result.findings[0]?.message).toContain('does not allow UDP 53 or TCP 53');
  });
});
