/** @module The few exceptions: each means "the tool cannot do its job", never "the input is bad". */

export type ErrorCode =
  'config-invalid' | 'config-unknown-rule' | 'input-unreadable' | 'usage' | 'rule-crashed';

export class AkswardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ConfigError extends AkswardError {}
export class UsageError extends AkswardError {
  constructor(message: string) {
    super('usage', message);
  }
}

export class RuleCrashedError extends AkswardError {
  readonly ruleId: string;
  constructor(ruleId: string, options: { cause: unknown }) {
    super('rule-crashed', `rule ${ruleId} crashed: ${String(options.cause)}`, options);
    this.ruleId = ruleId;
  }
}
