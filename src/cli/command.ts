/** @module The shape of a command module: it adds its command to the program; `main.ts` registers each in turn. */
import type { Command } from 'commander';
import { Option } from 'commander';
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

/** `--format` (no short flag, no default) with the formats a renderer registry offers. */
export const formatOption = (formats: readonly string[]): Option =>
  new Option('--format <format>', 'output format').choices(formats);

/** `-f, --format` with the formats a renderer registry offers, the first as default. */
export const shortFormatOption = (
  formats: readonly [string, ...string[]],
  description = 'output format',
): Option => new Option('-f, --format <format>', description).choices(formats).default(formats[0]);
