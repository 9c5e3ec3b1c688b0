/** @module Runs the CLI in-process with captured streams. */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      out: (s) => (stdout += s),
      err: (s) => (stderr += s),
      stdoutIsTTY: options.tty ?? false,
      env: options.env ?? {},
    },
    options.cwd ?? process.cwd(),
  );
  return { code, stdout, stderr };
}
