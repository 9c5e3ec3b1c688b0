/** @module Recognises credential-like keys and values; it describes what it found, never echoes the value. */
import { BoundedTable } from '../../model/index.js';

/**
 * `$(VAR)` is Kubernetes' own env expansion (the kubelet substitutes it), `${VAR}` is envsubst/Flux
 * post-build substitution, `{{ ... }}` a template left unrendered: none is a literal credential. The
 * bodies stop at the next brace of either kind: with `[^}]*`, each `${` of a long `${${${…` scanned to
 * the end of the value, quadratic (100 KB of `{`: 80 s).
 */
const REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[^{}]*\}|\{\{[^{}]*\}\}/g;

/** The value with every reference removed: what is literally committed. */
export function stripReferences(value: string): string {
  return value.replace(REFERENCE, '');
}

/** True when the value is empty or nothing but references: nothing is committed. */
export function isEmptyOrReference(value: string): boolean {
  return stripReferences(value).trim() === '';
}

/** Key words that name a credential on their own. */
const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'accountkey',
  'accesskey',
  'connectionstring',
  'connectionstrings',
  'connstr',
  'sas',
]);

/** `<word> key` pairs that name a key one must not commit (`api_key`, `AZURE_STORAGE_KEY`, `signingKey`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'account',
  'access',
  'storage',
  'signing',
  'encryption',
  'master',
  'client',
  'service',
  'subscription',
  'auth',
  'license',
  'shared',
]);

/** A last word that makes the key describe a credential rather than hold one (`secret_name`, `token_ttl`). */
const DESCRIPTIVE_SUFFIXES = new Set([
  'name',
  'names',
  'ref',
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'host',
  'id',
  'ttl',
  'length',
  'policy',
  'header',
  'type',
  'enabled',
  'enable',
  'expiry',
  'expires',
  'expiration',
  'timeout',
  'lifetime',
  'duration',
  'mode',
  'format',
  'size',
  'count',
  'version',
  'audience',
  'issuer',
  'provider',
]);

/** `DATABASE_PASSWORD`, `dbPassword`, `api-key`, `tls.key` → lower-case words. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * `pass` alone, as the last word (`RABBITMQ_DEFAULT_PASS`, `DB_PASS`): elsewhere it is too often another word
 * (`pass_through`). Run-together names ending in a password word (`ROOTPASSWORD`, `mysqlpasswd`) count too.
 */
function isPasswordWord(word: string, last: boolean): boolean {
  return (last && word === 'pass') || /.(?:password|passwd)$/.test(word);
}

function namesCredential(words: readonly string[]): boolean {
  return words.some(
    (word, i) =>
      CREDENTIAL_WORDS.has(word) ||
      isPasswordWord(word, i === words.length - 1) ||
      (word === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1] ?? '')) ||
      ((word === 'string' || word === 'strings') && words[i - 1] === 'connection'),
  );
}

/** True when a key or env var name says it holds a credential (and does not merely describe one). */
export function isCredentialKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE_SUFFIXES.has(last)) return false;
  return namesCredential(words);
}

interface ValueShape {
  readonly pattern: RegExp;
  readonly description: string;
  /** An Azure credential: a storage key, a SAS, a Service Bus/Event Hubs key. */
  readonly azure?: true;
}

/** Value shapes that are credentials whatever the key is called. Descriptions only: never the match. */
const VALUE_SHAPES: readonly ValueShape[] = [
  { pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, description: 'a PEM private key' },
  {
    pattern: /(?:^|;)\s*AccountKey\s*=\s*[^;\s]/i,
    description: 'a storage account key (AccountKey=)',
    azure: true,
  },
  {
    pattern: /(?:^|;)\s*SharedAccessKey\s*=\s*[^;\s]/i,
    description: 'a shared access key (SharedAccessKey=)',
    azure: true,
  },
  {
    pattern: /(?:^|;)\s*SharedAccessSignature\s*=\s*[^;\s]/i,
    description: 'a shared access signature (SharedAccessSignature=)',
    azure: true,
  },
  { pattern: /[?&]sig=[^&\s]+/, description: 'a SAS token (sig=)', azure: true },
  {
    pattern: /(?:^|;)\s*(?:Password|Pwd)\s*=\s*[^;\s]/i,
    description: 'a password in a connection string (Password=)',
  },
  {
    // A scheme holding a letter, `://`, user, `:`, password, `@`. The match may only start where a run of
    // scheme characters starts (the lookbehind), and the first letter is fixed by `[0-9+.-]*`: written as
    // `[a-z][a-z0-9+.-]*` it tried every letter of a long word as a start, quadratic (400 KB: 79 s).
    pattern: /(?<![a-z0-9+.-])[0-9+.-]*[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
    description: 'a URL with a user and password',
  },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/, description: 'a GitHub token' },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/, description: 'a GitHub token' },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/, description: 'a GitLab token' },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, description: 'a Slack token' },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, description: 'an AWS access key id' },
  { pattern: /\b[sr]k_live_[A-Za-z0-9]{10,}/, description: 'a Stripe secret key' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}/, description: 'a Google API key' },
  { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, description: 'a SendGrid key' },
  { pattern: /\bnpm_[A-Za-z0-9]{36}\b/, description: 'an npm token' },
  {
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}/,
    description: 'a JSON Web Token',
  },
];

/** What kind of credential the value's shape shows, or undefined. References are not credentials. */
export function credentialValueShape(value: string, only: 'any' | 'azure' = 'any'): string | undefined {
  const literal = stripReferences(value);
  return VALUE_SHAPES.find((shape) => (only === 'any' || shape.azure) && shape.pattern.test(literal))
    ?.description;
}

/**
 * Values that are settings, not secrets, even under a credential-like key: booleans, absolute paths, URLs
 * without a password, and `key=value;` connection strings whose parts hold no secret (the shapes above
 * already caught `Password=`, `AccountKey=` and the like).
 */
function isPlainSetting(value: string): boolean {
  const trimmed = value.trim();
  return (
    /^(?:true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(trimmed) ||
    /^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(trimmed) ||
    /^\/\S*$/.test(trimmed) ||
    /^[^;=]+=[^;]*(?:;[^;=]+=[^;]*)+;?$/.test(trimmed)
  );
}

/** What a key says on its own: the credential its text has the shape of, and whether it names one. */
interface KeyVerdict {
  readonly shape: string | undefined;
  readonly namesCredential: boolean;
}

/**
 * Verdicts per key: inputs repeat a few hundred keys (`name`, `image`, `DATABASE_URL`) over hundreds of
 * thousands of lines, and a fix plan asks of every line of every input. Longer keys are not kept, so the
 * table holds little whatever the input; nor is a key that has a credential's shape (a token pasted as a
 * key), which a long-running process would otherwise hold from one input to the next.
 */
const KEY_VERDICTS = new BoundedTable<string, KeyVerdict>(1 << 12);
const MAX_KEPT_KEY = 256;

function keyVerdict(key: string): KeyVerdict {
  const judge = (): KeyVerdict => ({
    shape: credentialValueShape(key),
    namesCredential: isCredentialKey(key),
  });
  return key.length > MAX_KEPT_KEY ? judge() : KEY_VERDICTS.get(key, judge, (v) => v.shape === undefined);
}

/**
 * Why `key: value` looks like a committed credential, or undefined: the value's shape, or a
 * credential-like key holding a literal that is not a plain setting (a URL, a path, a boolean).
 */
export function detectCredential(key: string, value: string): string | undefined {
  if (isEmptyOrReference(value)) return undefined;
  const verdict = keyVerdict(key);
  // A key can be a credential too: a token pasted as the key of a ConfigMap entry.
  const shape = credentialValueShape(value) ?? verdict.shape;
  if (shape !== undefined) return shape;
  if (verdict.namesCredential && !isPlainSetting(stripReferences(value)))
    return 'a literal value named like a credential';
  return undefined;
}

/**
 * Decodes a Secret `data` value as the API server does (standard base64, padding required); undefined
 * when it is not valid base64. The decoded text stays with the caller: it never reaches a message.
 */
export function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}
