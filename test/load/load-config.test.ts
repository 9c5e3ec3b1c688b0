/** @module `.aksward.yaml` keys named after JavaScript built-ins are refused or honoured, never dropped. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadConfig } from '../../src/load/load-config.js';
import { allRules } from '../../src/rules/index.js';
import { validateConfigRules } from '../../src/scan.js';

function configFile(text: string): { cwd: string; explicit: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'aksward-config-'));
  writeFileSync(path.join(cwd, '.aksward.yaml'), text);
  return { cwd, explicit: '.aksward.yaml' };
}

const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('built-in names as config keys', () => {
  it('refuses rules: {__proto__: off}, which schema validation would drop silently', () => {
    const error = failure(() => loadConfig(configFile('rules:\n  __proto__: off\n')));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'config-invalid' });
    expect((error as Error).message).toMatch(/rules\.__proto__: a key named __proto__ is not a setting$/);
  });

  it('refuses __proto__ anywhere in the file, rule options included', () => {
    const text = 'rules:\n  no-host-pid:\n    options:\n      __proto__: {x: 1}\n';
    expect((failure(() => loadConfig(configFile(text))) as Error).message).toContain(
      'rules.no-host-pid.options.__proto__',
    );
  });

  it('names constructor and toString as unknown rules', () => {
    const { config } = loadConfig(configFile('rules:\n  constructor: off\n  toString: off\n'));
    const error = failure(() => {
      validateConfigRules(config, allRules);
    });
    expect(error).toMatchObject({ code: 'config-unknown-rule' });
    expect((error as Error).message).toContain('constructor, toString');
  });
});
