/** @module Whether `kubectl` runs here: tests that render kustomizations are skipped without it (the pretest installs it). */
import { execFileSync } from 'node:child_process';

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export const KUBECTL = hasKubectl();
