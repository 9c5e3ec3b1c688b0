/** @module Tests for no-secrets-in-env: Secret references are medium, literal credentials high. */
import { testRule } from '../../helpers/test-rule.js';

const CHECKOUT = 'Deployment/shop/checkout';
const ENV = 'spec.template.spec.containers[0].env';

testRule('no-secrets-in-env', {
  valid: ['valid.file-mounts.yaml', 'valid.command-line-settings.yaml'],
  invalid: [
    {
      fixture: 'invalid.secret-key-ref.yaml',
      findings: [
        {
          subject: 'StatefulSet/shop/orders-db',
          path: `${ENV}[1].valueFrom.secretKeyRef`,
          severity: 'medium',
          line: 25,
        },
      ],
    },
    {
      fixture: 'invalid.env-from.yaml',
      findings: [
        {
          subject: 'Deployment/shop/billing',
          path: 'spec.template.spec.containers[0].envFrom[1].secretRef',
          severity: 'medium',
          line: 22,
        },
      ],
    },
    {
      fixture: 'invalid.literal-value.yaml',
      findings: [
        { subject: CHECKOUT, path: `${ENV}[0].value`, severity: 'high', line: 21 },
        { subject: CHECKOUT, path: `${ENV}[1].value`, severity: 'high', line: 23 },
        { subject: CHECKOUT, path: `${ENV}[2].value`, severity: 'high', line: 25 },
      ],
    },
    {
      fixture: 'invalid.init-container.yaml',
      findings: [
        {
          subject: 'CronJob/shop/nightly-migrate',
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].env[0].value',
          severity: 'high',
          line: 19,
        },
      ],
    },
    {
      // Issue 13: `pass` env names and credentials on the command line.
      fixture: 'invalid.command-line.yaml',
      findings: [
        { subject: 'Deployment/shop/queue', path: `${ENV}[0].value`, severity: 'high', line: 21 },
        { subject: 'Deployment/shop/queue', path: `${ENV}[1].value`, severity: 'high', line: 23 },
        {
          subject: 'Deployment/shop/queue',
          path: 'spec.template.spec.containers[0].args[1]',
          severity: 'high',
        },
        {
          subject: 'Deployment/shop/queue',
          path: 'spec.template.spec.containers[0].args[2]',
          severity: 'high',
        },
        {
          subject: 'Deployment/shop/queue',
          path: 'spec.template.spec.containers[1].command[2]',
          severity: 'high',
        },
        {
          subject: 'Deployment/shop/queue',
          path: 'spec.template.spec.containers[2].command[2]',
          severity: 'high',
        },
      ],
    },
  ],
});
