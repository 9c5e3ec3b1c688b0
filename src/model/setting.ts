/** @module A cluster setting as the input stated it, as AKS defaults it, or as unknown: never a silent default. */
import type { SourceLocation } from './source-location.js';

interface SettingBase {
  /** Property path in the input's own vocabulary (`properties.enableRBAC`, `local_account_disabled`). */
  readonly path: string;
  /** The line that states the value or, when absent, the line of the resource that omits it. */
  readonly at: SourceLocation;
}

/** The input states the value. */
export interface StatedSetting<T> extends SettingBase {
  readonly state: 'stated';
  readonly value: T;
}

/** The input is a complete definition that omits the value: AKS applies its documented default. */
export interface DefaultedSetting<T> extends SettingBase {
  readonly state: 'default';
  readonly value: T;
  /** Where the default is documented, e.g. "AKS API default". */
  readonly basis: string;
}

/** The input cannot decide the value: a partial input, an unresolved ARM expression, a Terraform variable. */
export interface UnknownSetting extends SettingBase {
  readonly state: 'unknown';
  readonly reason: string;
}

export type Setting<T> = StatedSetting<T> | DefaultedSetting<T> | UnknownSetting;
export type KnownSetting<T> = StatedSetting<T> | DefaultedSetting<T>;

export function isKnown<T>(setting: Setting<T>): setting is KnownSetting<T> {
  return setting.state !== 'unknown';
}

/** "true (AKS default)" / "true" / "unknown": for messages. */
export function describeSetting<T>(setting: Setting<T>, show: (value: T) => string = String): string {
  switch (setting.state) {
    case 'stated':
      return show(setting.value);
    case 'default':
      return `${show(setting.value)} (not set; ${setting.basis})`;
    case 'unknown':
      return `unknown (${setting.reason})`;
  }
}
