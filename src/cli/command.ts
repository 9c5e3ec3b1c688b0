/** @module The shape of a command module: it adds its command to the program; `main.ts` registers each in turn. */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { Streams } from './io.js';

/** What a command's action needs from the process: the streams, the working directory, the exit code. */
export interface CliEnv {
  readonly streams: Streams;
  readonly cwd: string;
  readonly setCode: (code: number) => void;
}

export interface CommandModule {
  /** Adds the command, its arguments, options and action to `program`. */
  readonly register: (program: Command, env: CliEnv) => void;
}

/** Collects a repeatable option's values. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `-i, --input`: the inputs of the commands that take a request as their arguments. */
export const inputOption = (): Option =>
  new Option('-i, --input <path>', 'inputs, as for scan (repeatable; default: .)').argParser(collect);

/**
 * Other spellings of a format name, accepted wherever a format is named (`-f`, `-o`): `md` and `markdown`,
 * and `table` and `text` (the RBAC answers call their human format `text`).
 */
const FORMAT_ALIASES: Readonly<Record<string, string>> = {
  md: 'markdown',
  markdown: 'md',
  table: 'text',
  text: 'table',
};

/** `name`, or the command's own spelling of it, as one of `formats`; undefined when it is none. */
export function resolveFormat<F extends string>(formats: readonly F[], name: string): F | undefined {
  return formats.find((f) => f === name) ?? formats.find((f) => f === FORMAT_ALIASES[name]);
}

/** Parses a format argument: a name of `formats` or an alias of one; anything else is a usage error. */
export function formatParser<F extends string>(formats: readonly F[]): (value: string) => F {
  return (value) => {
    const found = resolveFormat(formats, value);
    if (found === undefined) throw new InvalidArgumentError(`Allowed choices are ${formats.join(', ')}.`);
    return found;
  };
}

/**
 * `-f, --format` with the formats a renderer registry offers (aliases such as `md` accepted); the first
 * is the default. Every command that prints an answer takes it.
 */
export const formatOption = (
  formats: readonly [string, ...string[]],
  description = 'output format',
): Option =>
  new Option('-f, --format <format>', `${description} (${formats.join(', ')})`)
    .argParser(formatParser(formats))
    .default(formats[0]);
