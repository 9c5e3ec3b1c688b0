/** @module Tests for the credential detector: key names, value shapes, references, base64. */
import { describe, expect, it } from 'vitest';
import {
  credentialValueShape,
  decodeBase64,
  detectCredential,
  isCredentialKey,
  isEmptyOrReference,
  keyWords,
} from '../../../src/rules/secrets/credential-detector.js';

describe('isCredentialKey', () => {
  it.each([
    'password',
    // Issue 13: `pass` as the last word, run-together password words.
    'RABBITMQ_DEFAULT_PASS',
    'SMTP_PASSWD',
    'MYSQL_ROOTPASSWORD',
    'DATABASE_PASSWORD',
    'dbPassword',
    'passwd',
    'client_secret',
    'AZURE_CLIENT_SECRET',
    'api-key',
    'PAYMENTS_API_KEY',
    'apikey',
    'ConnectionStrings',
    'connection_string',
    'ssh-privatekey',
    'private_key',
    'AZURE_STORAGE_KEY',
    'GITHUB_TOKEN',
    'signingKey',
  ])('recognises %s', (key) => {
    expect(isCredentialKey(key)).toBe(true);
  });

  it.each([
    'username',
    'PASS_THROUGH_HEADERS',
    'BYPASS',
    'KEY_VAULT_URL',
    'POSTGRES_PASSWORD_FILE',
    'DB_PASSWORD_SECRET_NAME',
    'token_ttl',
    'PASSWORD_MIN_LENGTH',
    'AZURE_CLIENT_ID',
    'tokenizer',
    'tls.key',
    'cache-key',
    'OIDC_TOKEN_ENDPOINT',
  ])('does not flag %s', (key) => {
    expect(isCredentialKey(key)).toBe(false);
  });

  it('splits camelCase and separators into words', () => {
    expect(keyWords('AZURE_clientSecret.value')).toEqual(['azure', 'client', 'secret', 'value']);
  });
});

describe('credentialValueShape', () => {
  it.each([
    ['-----BEGIN EC PRIVATE KEY-----\nMHc...', 'a PEM private key'],
    ['-----BEGIN PRIVATE KEY-----', 'a PEM private key'],
    [
      'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==;',
      'a storage account key (AccountKey=)',
    ],
    [
      'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=k=',
      'a shared access key (SharedAccessKey=)',
    ],
    [
      'BlobEndpoint=https://st.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=x',
      'a shared access signature (SharedAccessSignature=)',
    ],
    ['https://st.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=abc%3D', 'a SAS token (sig=)'],
    ['Server=tcp:db,1433;User ID=app;Password=x;', 'a password in a connection string (Password=)'],
    ['postgres://app:s3cret@db:5432/orders', 'a URL with a user and password'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'a GitHub token'],
    ['xoxb-1234567890-abcdefghij', 'a Slack token'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['sk_live_abcdefghij0123', 'a Stripe secret key'],
  ])('recognises %s', (value, description) => {
    expect(credentialValueShape(value)).toBe(description);
  });

  it('ignores references and certificate-only PEM', () => {
    expect(credentialValueShape('Server=db;Password=${DB_PASSWORD};')).toBeUndefined();
    expect(credentialValueShape('postgres://app:$(DB_PASSWORD)@db/orders')).toBeUndefined();
    expect(credentialValueShape('-----BEGIN CERTIFICATE-----')).toBeUndefined();
    expect(credentialValueShape('postgres://app@db:5432/orders')).toBeUndefined();
  });

  it('limits itself to Azure shapes on request', () => {
    expect(credentialValueShape('AKIAIOSFODNN7EXAMPLE', 'azure')).toBeUndefined();
    expect(credentialValueShape('AccountName=st;AccountKey=abc', 'azure')).toBe(
      'a storage account key (AccountKey=)',
    );
  });
});

describe('detectCredential', () => {
  it('flags a literal under a credential name, not a setting', () => {
    expect(detectCredential('DB_PASSWORD', 'hunter2')).toBe('a literal value named like a credential');
    expect(detectCredential('client_secret', 'true')).toBeUndefined();
    expect(detectCredential('token', 'https://login.example.com/token')).toBeUndefined();
    expect(detectCredential('secret', '/mnt/secrets/db')).toBeUndefined();
    expect(
      detectCredential(
        'CONNECTION_STRING',
        'Server=db;Database=orders;Authentication=Active Directory Default',
      ),
    ).toBeUndefined();
  });

  it('ignores references and empty values', () => {
    expect(detectCredential('password', '$(DB_PASSWORD)')).toBeUndefined();
    expect(detectCredential('password', '${DB_PASSWORD}')).toBeUndefined();
    expect(detectCredential('password', '   ')).toBeUndefined();
    expect(isEmptyOrReference('${A}$(B)')).toBe(true);
    expect(isEmptyOrReference('x${A}')).toBe(false);
  });

  it('judges each value under a key it met before, and keys of any length', () => {
    // What the key says is kept per key; what the value says is read every time.
    expect(detectCredential('client_secret', 'true')).toBeUndefined();
    expect(detectCredential('client_secret', 'hunter2')).toBe('a literal value named like a credential');
    expect(detectCredential('client_secret', 'true')).toBeUndefined();
    expect(detectCredential('note', 'hunter2')).toBeUndefined();
    expect(detectCredential('note', 'ghp_abcdefghijklmnopqrstuvwxyz0123')).toBe('a GitHub token');
    const long = `${'x'.repeat(300)}_password`;
    expect(detectCredential(long, 'hunter2')).toBe('a literal value named like a credential');
    expect(detectCredential(long, 'true')).toBeUndefined();
    // A token pasted as a key: the key's shape is found, whatever the value.
    expect(detectCredential('ghp_abcdefghijklmnopqrstuvwxyz0123', 'x')).toBe('a GitHub token');
    expect(detectCredential('ghp_abcdefghijklmnopqrstuvwxyz0123', 'y')).toBe('a GitHub token');
  });
});

describe('decodeBase64', () => {
  it('decodes valid base64 and rejects anything else', () => {
    expect(decodeBase64('aHVudGVyMg==')).toBe('hunter2');
    expect(decodeBase64('aHVudGVy\nMg==')).toBe('hunter2');
    expect(decodeBase64('${DB_PASSWORD}')).toBeUndefined();
    expect(decodeBase64('abc')).toBeUndefined();
  });
});
