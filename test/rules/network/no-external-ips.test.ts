/** @module Tests for no-external-ips: Services do not claim externalIPs (CVE-2020-8554). */
import { testRule } from '../../helpers/test-rule.js';

testRule('no-external-ips', {
  valid: ['valid.no-external-ips.yaml'],
  invalid: [
    {
      fixture: 'invalid.external-ips.yaml',
      findings: [{ subject: 'Service/shop/web', path: 'spec.externalIPs', severity: 'medium', line: 14 }],
    },
  ],
});
