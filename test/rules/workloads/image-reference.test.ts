/** @module parseImageReference and matchesRegistryPattern: the reference grammar as the runtime reads it. */
import { describe, expect, it } from 'vitest';
import { matchesRegistryPattern, parseImageReference } from '../../../src/rules/workloads/image-reference.js';

describe('parseImageReference', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['index.docker.io/library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/app:dev', { registry: 'localhost:5000', repository: 'app', tag: 'dev' }],
    [
      'MyACR.azurecr.io/shop/web:1.0.0',
      { registry: 'myacr.azurecr.io', repository: 'shop/web', tag: '1.0.0' },
    ],
    [
      'mcr.microsoft.com/oss/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      {
        registry: 'mcr.microsoft.com',
        repository: 'oss/nginx',
        digest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      },
    ],
  ])('%s', (image, expected) => {
    expect(parseImageReference(image)).toEqual(expected);
  });

  it.each(['', 'nginx latest', 'Nginx', 'nginx@sha256:short', 'repo/Upper:1', 'nginx:-bad'])(
    'rejects %j',
    (image) => {
      expect(parseImageReference(image)).toBeUndefined();
    },
  );
});

describe('matchesRegistryPattern', () => {
  const ref = (image: string) => {
    const parsed = parseImageReference(image);
    if (!parsed) throw new Error(image);
    return parsed;
  };

  it('matches hosts exactly and case-insensitively', () => {
    expect(matchesRegistryPattern(ref('mcr.microsoft.com/oss/nginx'), 'MCR.microsoft.com')).toBe(true);
    expect(matchesRegistryPattern(ref('mcr.microsoft.com.evil.io/oss/nginx'), 'mcr.microsoft.com')).toBe(
      false,
    );
  });

  it('matches a wildcard on subdomains only', () => {
    expect(matchesRegistryPattern(ref('shop.azurecr.io/web'), '*.azurecr.io')).toBe(true);
    expect(matchesRegistryPattern(ref('azurecr.io/web'), '*.azurecr.io')).toBe(false);
    expect(matchesRegistryPattern(ref('shop.azurecr.io.evil.io/web'), '*.azurecr.io')).toBe(false);
    expect(matchesRegistryPattern(ref('evilazurecr.io/web'), '*.azurecr.io')).toBe(false);
  });

  it('matches a repository prefix on path boundaries', () => {
    expect(matchesRegistryPattern(ref('nginx'), 'docker.io/library')).toBe(true);
    expect(matchesRegistryPattern(ref('library-evil/nginx'), 'docker.io/library')).toBe(false);
    expect(matchesRegistryPattern(ref('mcr.microsoft.com/oss/nginx'), 'mcr.microsoft.com/oss/')).toBe(true);
  });
});
