/** @module Container image references parsed as the container runtime resolves them (the distribution reference grammar). */

export interface ImageReference {
  /** Lower-cased registry host (with port), after Docker Hub normalisation: `docker.io`, `myacr.azurecr.io`. */
  readonly registry: string;
  /** Repository path inside the registry: `library/nginx`, `shop/web`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/**
 * The first path component names a registry only if it contains `.` or `:`, is `localhost`, or has an
 * upper-case letter (repository paths are lower-case); otherwise the image is on Docker Hub, and a
 * one-component Docker Hub name is an official image under `library/`. `index.docker.io` is Docker Hub.
 */
function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isRegistry =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = isRegistry ? first.toLowerCase() : DOCKER_HUB;
  const repository = isRegistry ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  const withLibrary =
    registry === DOCKER_HUB && !repository.includes('/') ? `library/${repository}` : repository;
  return { registry, repository: withLibrary };
}

/** Parses `[registry/]repository[:tag][@digest]`; undefined when the string is not a valid reference. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (image === '' || /\s/.test(image)) return undefined;
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  const name = hasTag ? named.slice(0, colon) : named;
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  const { registry, repository } = splitRegistry(name);
  if (registry === '' || !repository.split('/').every((part) => PATH_COMPONENT.test(part))) return undefined;
  return {
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/**
 * Whether an allowlist pattern admits the image. Patterns are a registry host (`myacr.azurecr.io`,
 * `registry.example.com:5000`), a wildcard host matching any subdomain (`*.azurecr.io` matches
 * `myacr.azurecr.io`, not `azurecr.io`), optionally followed by a repository prefix matched on path
 * boundaries (`docker.io/library`, `mcr.microsoft.com/oss`). Hosts compare case-insensitively.
 */
export function matchesRegistryPattern(reference: ImageReference, pattern: string): boolean {
  const trimmed = pattern.trim().replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  let host = (slash === -1 ? trimmed : trimmed.slice(0, slash)).toLowerCase();
  const prefix = slash === -1 ? '' : trimmed.slice(slash + 1);
  if (host === 'index.docker.io') host = DOCKER_HUB;
  const hostMatches = host.startsWith('*.')
    ? reference.registry.endsWith(host.slice(1)) && reference.registry.length > host.length - 1
    : reference.registry === host;
  if (!hostMatches) return false;
  return prefix === '' || reference.repository === prefix || reference.repository.startsWith(`${prefix}/`);
}
