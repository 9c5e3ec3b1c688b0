/**
 * @module Parser errors never quote the input: malformed YAML (block scalar header, unresolved tag,
 * !!omap duplicate key, bad escape, a map as a key), JSON, HCL, a baseline and a config file, each carrying
 * a canary where the library's message would quote it, through every command and format.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeHclError, describeJsonError } from '../../src/load/parse-errors.js';
import { cli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'test/fixtures/canary-parse-errors');
const CANARY = /CANARY-[a-z-]+-[0-9a-f]{4}/;

const canariesIn = (text: string): string[] => text.match(new RegExp(CANARY.source, 'g')) ?? [];

afterEach(() => {
  vi.restoreAllMocks();
});

function expectClean(text: string, where: string): void {
  expect(canariesIn(text), where).toEqual([]);
}

/** Node warnings (the yaml library emits them) go to the process, not to the CLI's streams: watch them. */
function watchWarnings(): string[] {
  const warnings: string[] = [];
  vi.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
    warnings.push(String(warning));
  });
  return warnings;
}

describe('parser errors carry no input', () => {
  it('the fixtures hold a canary in every malformed file', () => {
    const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.\w+$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files)
      expect(canariesIn(readFileSync(path.join(DIR, file), 'utf8')).length, file).toBeGreaterThan(0);
  });

  const FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit'];
  for (const format of FORMATS) {
    it(`scan -f ${format} names each file and line, and no value, on stdout, stderr and -o files`, async () => {
      const warnings = watchWarnings();
      const out = mkdtempSync(path.join(tmpdir(), 'aksward-parse-canary-'));
      const outputs = FORMATS.flatMap((name) => ['-o', `${name}=${out}/report.${name}`]);
      const run = await cli(['scan', DIR, 'examples/unhardened', '-f', format, ...outputs], { cwd: ROOT });
      expect(run.code).toBe(3);
      for (const [file, line] of [
        ['block-scalar.yaml', 6],
        ['tag.yaml', 6],
        ['omap.yaml', 5],
        ['escape.yaml', 6],
        ['broken.json', 1],
        ['tf/main.tf', 3],
      ] as const) {
        // The table format lists diagnostics in the report; the others on stderr.
        expect(run.stdout + run.stderr).toContain(`canary-parse-errors/${file}:${String(line)}`);
      }
      expectClean(run.stdout, 'stdout');
      expectClean(run.stderr, 'stderr');
      expectClean(warnings.join('\n'), 'process warnings');
      for (const file of readdirSync(out)) expectClean(readFileSync(path.join(out, file), 'utf8'), file);
    });
  }

  it('every other command reads the same inputs without quoting them', async () => {
    const warnings = watchWarnings();
    const out = mkdtempSync(path.join(tmpdir(), 'aksward-parse-canary-'));
    const inputs = ['-i', DIR, '-i', 'examples/unhardened'];
    const runs = [
      await cli(['baseline', DIR, 'examples/unhardened', '-o', path.join(out, 'baseline.json')], {
        cwd: ROOT,
      }),
      await cli(['reach', DIR, 'examples/unhardened'], { cwd: ROOT }),
      await cli(['paths', DIR, 'examples/unhardened'], { cwd: ROOT }),
      await cli(['can-i', 'get', 'secrets', '--as', 'alice', ...inputs], { cwd: ROOT }),
      await cli(['who-can', 'get', 'secrets', ...inputs, '--format', 'json'], { cwd: ROOT }),
      await cli(['access', 'alice', ...inputs], { cwd: ROOT }),
    ];
    for (const run of runs) {
      expect(run.stdout + run.stderr).toContain('block-scalar.yaml:6');
      expectClean(run.stdout, 'stdout');
      expectClean(run.stderr, 'stderr');
    }
    expectClean(warnings.join('\n'), 'process warnings');
    expectClean(readFileSync(path.join(out, 'baseline.json'), 'utf8'), 'baseline');
  });

  it('a file given as --baseline that is not one is refused by its kind, not its first characters', async () => {
    const run = await cli(
      ['scan', 'examples/unhardened', '--baseline', path.join(DIR, 'not-a-baseline.txt')],
      {
        cwd: ROOT,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a baseline: invalid JSON');
    expectClean(run.stderr, 'stderr');
  });

  it('a malformed config file is refused with its line, not its text', async () => {
    const run = await cli(['scan', 'examples/unhardened', '--config', path.join(DIR, 'bad-config.yaml')], {
      cwd: ROOT,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bad-config.yaml:2: not valid YAML');
    expectClean(run.stderr, 'stderr');
  });

  it('keeps only the position of a JSON.parse error, and HCL summaries without quotes', () => {
    const text = '{"password": "CANARY-unit-json-0a0a" x}';
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (caught) {
      error = caught;
    }
    expect(describeJsonError(error, text).message).toBe('invalid JSON');
    expect(
      describeHclError(new Error('x.tf:3,7-9: Invalid expression; Expected "CANARY-unit-hcl-0b0b"')),
    ).toEqual({
      message: 'HCL syntax error: Invalid expression',
      line: 3,
      column: 7,
    });
    expect(
      describeHclError(new Error('x.tf:3,7-9: Unsupported argument "CANARY-unit-hcl-0c0c"; x')).message,
    ).toBe('HCL syntax error');
  });
});
