/**
 * @module The progress line of a long scan: on stderr, only when stderr is a terminal and not in CI, so
 * it never lands in a pipe, a file or a CI log. It appears after a delay and is erased when the scan ends.
 */
import type { Streams } from './io.js';

/** Scans shorter than this show nothing. */
export const PROGRESS_DELAY_MS = 2000;

/** Variables CI systems set (any non-empty value but `false`/`0`): a CI log is no place for `\r`. */
const CI_VARIABLES = [
  'CI',
  'GITHUB_ACTIONS',
  'TF_BUILD',
  'GITLAB_CI',
  'BUILDKITE',
  'JENKINS_URL',
  'TEAMCITY_VERSION',
];

export function isCi(env: NodeJS.ProcessEnv): boolean {
  return CI_VARIABLES.some((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && value !== 'false' && value !== '0';
  });
}

/** Whether a progress line may be drawn: stderr is a terminal, not a dumb one, and this is not CI. */
export function shouldShowProgress(streams: Pick<Streams, 'stderrIsTTY' | 'env'>): boolean {
  return streams.stderrIsTTY === true && streams.env.TERM !== 'dumb' && !isCi(streams.env);
}

/** Starts the progress line (when allowed); the returned function stops it and erases what it drew. */
export function startProgress(streams: Streams): () => void {
  if (!shouldShowProgress(streams)) return () => undefined;
  const started = Date.now();
  let drawn = false;
  const draw = () => {
    drawn = true;
    streams.err(`\raksward: scanning… ${Math.round((Date.now() - started) / 1000)} s`);
  };
  let interval: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, 1000);
    interval.unref();
  }, PROGRESS_DELAY_MS);
  delay.unref();
  return () => {
    clearTimeout(delay);
    if (interval) clearInterval(interval);
    if (drawn) streams.err('\r\u001b[K');
  };
}
