import { describe, expect, it } from 'vitest';
import { collectSecretValues } from '../../../src/fix/secrets/secret-values.js';
import type { ClusterModel } from '../../../src/model/index.js';
import { decodeBase64, detectCredential } from '../../../src/rules/secrets/credential-detector.js';

const detector = { detectCredential, decodeBase64 };
// collectSecretValues reads only the model's objects; the Terraform files come as texts.
const NO_OBJECTS = { objects: [] } as unknown as ClusterModel;

const MAIN_TF = `variable "tier" {
  type    = string
  default = "Free"
}

variable "client_secret" {
  type      = string
  sensitive = true
}
`;

describe('collectSecretValues: Terraform variable files', () => {
  it('keeps the values of sensitive and undeclared variables, not of declared plain ones', () => {
    const files = new Map([
      ['ex/main.tf', MAIN_TF],
      [
        'ex/terraform.tfvars',
        'tier = "Standard"\nclient_secret = "s3cr3t-value-1"\nother = "unknown-decl-2"\n',
      ],
      ['ex/prod.tfvars.json', '{"tier": "Premium", "client_secret": "s3cr3t-json-3"}'],
    ]);
    const secrets = collectSecretValues(NO_OBJECTS, files, detector);
    expect(secrets.holds('client_secret = "s3cr3t-value-1"')).toBe(true);
    expect(secrets.holds('x unknown-decl-2 x')).toBe(true);
    expect(secrets.holds('"s3cr3t-json-3"')).toBe(true);
    // A tier is no secret: before, every tfvars string was, and "Move to the Standard tier" was scrubbed.
    expect(secrets.holds('sku_tier = "Standard"')).toBe(false);
    expect(secrets.holds('"Premium"')).toBe(false);
    expect(secrets.scrub('Move to the Standard tier')).toBe('Move to the Standard tier');
  });
});
