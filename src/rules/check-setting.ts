/** @module The common shape of a cluster-setting check: unknown is not assessed, a default is said to be one. */
import type { AksCluster, Setting } from '../model/index.js';
import { clusterSubject, describeSetting } from '../model/index.js';
import type { RuleContext } from './define-rule.js';
import type { Severity } from './types.js';

export interface SettingCheck<T> {
  readonly setting: Setting<T>;
  /** A short name for messages: "local accounts", "the network policy engine". */
  readonly label: string;
  readonly isCompliant: (value: T) => boolean;
  readonly show?: (value: T) => string;
  /** Message when not compliant; defaults to "<label> is <value>". */
  readonly failMessage?: (value: T) => string;
  readonly severity?: (value: T) => Severity | undefined;
  readonly fix?: string;
}

/** Ends a message with a full stop unless it already ends a sentence. */
export function asSentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/** Assesses one setting of one cluster and reports pass, fail or not-assessed. */
export function checkSetting<T>(
  context: RuleContext<unknown>,
  cluster: AksCluster,
  check: SettingCheck<T>,
): void {
  const { setting } = check;
  const subject = clusterSubject(cluster);
  const base = { subject, path: setting.path, at: setting.at };
  const basis = setting.state;
  if (setting.state === 'unknown') {
    context.report({
      ...base,
      status: 'not-assessed',
      basis: 'unknown',
      message: `${check.label}: ${setting.reason}`,
    });
    return;
  }
  const shown = describeSetting(setting, check.show);
  if (check.isCompliant(setting.value)) {
    context.report({ ...base, status: 'pass', basis, message: `${check.label} is ${shown}.` });
    return;
  }
  const message = check.failMessage
    ? asSentence(
        `${check.failMessage(setting.value)}${setting.state === 'default' ? ` (not set; ${setting.basis})` : ''}`,
      )
    : `${check.label} is ${shown}.`;
  const severity = check.severity?.(setting.value);
  context.report({
    ...base,
    basis,
    message,
    ...(severity === undefined ? {} : { severity }),
    ...(check.fix === undefined ? {} : { fix: check.fix }),
  });
}

/** Runs `check` on every cluster definition in the model. */
export function forEachCluster(context: RuleContext<unknown>, check: (cluster: AksCluster) => void): void {
  for (const cluster of context.model.clusters) check(cluster);
}
