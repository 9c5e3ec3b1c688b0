/**
 * @module `# aksward:ignore <rule-id> <reason> [until=YYYY-MM-DD]` comments in any input text
 * (YAML, HCL; `//` too for HCL). A suppression without a reason is never applied.
 */
import type { InlineIgnore } from '../model/index.js';
import type { Diagnostic } from './diagnostics.js';

/** A comment starts at a line start or after white space, so `http://x` or `a#b` are not comments. */
const COMMENT = /(^|[ \t])(?:#|\/\/)[ \t]*aksward:ignore(?=$|[ \t])(.*)$/;
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
const UNTIL = /(?:^|[ \t])until=(\S*)/;

export interface InlineIgnoreScan {
  readonly ignores: InlineIgnore[];
  readonly diagnostics: Diagnostic[];
}

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Lines that a comment cannot annotate: blank, comment-only, or a YAML document marker. */
function isAnnotatable(line: string): boolean {
  const trimmed = line.trim();
  return !(
    trimmed === '' ||
    trimmed.startsWith('#') ||
    trimmed.startsWith('//') ||
    /^---(?:\s|$)/.test(trimmed)
  );
}

function nextAnnotatable(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i += 1) if (isAnnotatable(lines[i] ?? '')) return i;
  return -1;
}

type Parsed = { ruleId: string; reason: string; expires?: string } | { problem: string };

function parseDirective(rest: string): Parsed {
  const until = UNTIL.exec(rest);
  const expires = until?.[1];
  const words = rest.replace(UNTIL, ' ').trim();
  const [ruleId = '', ...reasonWords] = words.split(/\s+/);
  const reason = reasonWords.join(' ');
  if (!RULE_ID.test(ruleId)) return { problem: 'names no rule id' };
  if (reason === '') return { problem: `suppresses ${ruleId} without a reason` };
  if (expires !== undefined && !isValidDate(expires)) {
    return { problem: `suppresses ${ruleId} until "${expires}", which is not a date (YYYY-MM-DD)` };
  }
  return { ruleId, reason, ...(expires === undefined ? {} : { expires }) };
}

/** Finds every suppression comment of a text. */
export function scanInlineIgnores(text: string, file: string): InlineIgnoreScan {
  if (!text.includes('aksward:ignore')) return { ignores: [], diagnostics: [] };
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const ignores: InlineIgnore[] = [];
  const diagnostics: Diagnostic[] = [];
  lines.forEach((line, index) => {
    const match = COMMENT.exec(line);
    if (match === null) return;
    const column = match.index + (match[1] ?? '').length + 1;
    const at = { file, line: index + 1, column };
    const parsed = parseDirective(match[2] ?? '');
    if ('problem' in parsed) {
      const message = `aksward:ignore comment ${parsed.problem}; not applied (write "# aksward:ignore <rule-id> <reason> [until=YYYY-MM-DD]")`;
      diagnostics.push({ code: 'parse-error', level: 'warning', message, ...at });
      return;
    }
    // A trailing comment annotates its own line; a comment on its own line, the next content line.
    const trailing = line.slice(0, column - 1).trim() !== '';
    const next = trailing ? -1 : nextAnnotatable(lines, index + 1);
    const appliesToLine = trailing || next === -1 ? index + 1 : next + 1;
    ignores.push({ ...parsed, at, appliesToLine });
  });
  return { ignores, diagnostics };
}
