/**
 * @module Credentials written on a container's command line: `--password x`, `--password=x`, and the few
 * short flags that are unambiguous for their program (`mysql -pX`, `sshpass -p x`, `redis-cli -a x`). A
 * command line is readable in /proc/<pid>/cmdline by every process of the pod. Never returns the value.
 */
import type { Container, PathSegment } from '../../model/index.js';
import { arrayAt } from '../../model/index.js';
import { isCredentialKey, isEmptyOrReference } from './credential-detector.js';

export interface CommandLineCredential {
  /** The element holding the value (`args[2]`), inside the container. */
  readonly path: readonly PathSegment[];
  /** The flag, as written (`--password`, `-p`): never the value. */
  readonly flag: string;
}

/** Short flags whose next (or attached) value is a password for the program named. */
const SHORT_FLAGS: Readonly<Record<string, { readonly flag: string; readonly attached: boolean }>> = {
  mysql: { flag: '-p', attached: true },
  mysqldump: { flag: '-p', attached: true },
  mysqladmin: { flag: '-p', attached: true },
  mariadb: { flag: '-p', attached: true },
  sshpass: { flag: '-p', attached: false },
  'redis-cli': { flag: '-a', attached: false },
};

interface Token {
  readonly text: string;
  readonly path: readonly PathSegment[];
}

/** `--db-password` → `db-password`, when the long flag names a credential. */
function credentialFlag(text: string): string | undefined {
  const match = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(text);
  return match?.[1] !== undefined && text.startsWith('--') && isCredentialKey(match[1]) ? text : undefined;
}

/** Every token of `command` then `args`; a string with spaces (`sh -c "…"`) is split, its tokens sharing its path. */
function tokensOf(container: Container): Token[][] {
  return ['command', 'args'].map((field) =>
    arrayAt(container.body, field).flatMap((value, i) => {
      if (typeof value !== 'string') return [];
      const path = [...container.path, field, i];
      return value
        .split(/\s+/)
        .filter((text) => text !== '')
        .map((text) => ({ text: text.replace(/^["']|["']$/g, ''), path }));
    }),
  );
}

const isValue = (text: string | undefined): text is string =>
  text !== undefined && !text.startsWith('-') && !isEmptyOrReference(text);

/** The program a token runs when it names one of `SHORT_FLAGS` (`/usr/bin/mysql` → `mysql`). */
const programOf = (text: string): string | undefined => {
  const base = text.split('/').at(-1) ?? '';
  return Object.hasOwn(SHORT_FLAGS, base) ? base : undefined;
};

/**
 * Scans left to right; a short flag counts only after its program (`mysql … -pX`, also inside `sh -c "…"`),
 * since `-p` is a port, a path or a prompt elsewhere.
 */
function scan(tokens: readonly Token[]): CommandLineCredential[] {
  const out: CommandLineCredential[] = [];
  let program: string | undefined;
  tokens.forEach((token, i) => {
    program = programOf(token.text) ?? program;
    const short = program === undefined ? undefined : SHORT_FLAGS[program];
    const next = tokens[i + 1];
    const eq = token.text.indexOf('=');
    if (eq > 0 && credentialFlag(token.text.slice(0, eq)) !== undefined) {
      if (isValue(token.text.slice(eq + 1))) out.push({ path: token.path, flag: token.text.slice(0, eq) });
      return;
    }
    if (credentialFlag(token.text) !== undefined && next !== undefined && isValue(next.text)) {
      out.push({ path: next.path, flag: token.text });
      return;
    }
    if (short === undefined || !token.text.startsWith(short.flag)) return;
    const attached = token.text.slice(short.flag.length);
    if (short.attached && isValue(attached)) out.push({ path: token.path, flag: short.flag });
    else if (!short.attached && token.text === short.flag && next !== undefined && isValue(next.text))
      out.push({ path: next.path, flag: short.flag });
  });
  return out;
}

/** The credentials a container's command line carries, one per flag (deduplicated by element and flag). */
export function commandLineCredentials(container: Container): CommandLineCredential[] {
  const [command = [], args = []] = tokensOf(container);
  const found = scan([...command, ...args]);
  const seen = new Set<string>();
  return found.filter((c) => {
    const key = `${JSON.stringify(c.path)}|${c.flag}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
