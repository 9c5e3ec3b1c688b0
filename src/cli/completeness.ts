/**
 * @module Whether an answer rests on every input: the inputs that could not be read (error diagnostics of
 * the load), the stderr line that says so, and the JSON members `complete: false` and `incomplete` that
 * a JSON answer gains (only then: a complete answer keeps its bytes).
 */
import type { Diagnostic } from '../load/diagnostics.js';
import { jsonText } from '../report/escape.js';
import type { Render } from '../report/render.js';
import { EXIT } from './exit-codes.js';
import type { Streams } from './io.js';

/** One input the answer could not take into account, as the JSON `incomplete` list holds it. */
export interface UnreadInput {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** The error diagnostics of a load: each one is part of the input that the answer did not see. */
export function unreadInputs(diagnostics: readonly Diagnostic[]): UnreadInput[] {
  return diagnostics
    .filter((d) => d.level === 'error')
    .map((d) => ({ file: d.file, ...(d.line === undefined ? {} : { line: d.line }), message: d.message }));
}

/** `INCOMPLETE: ...` on stderr, counting files (one file can hold several errors). */
export function warnIncomplete(unread: readonly UnreadInput[], streams: Streams): void {
  if (unread.length === 0) return;
  const files = new Set(unread.map((u) => u.file)).size;
  streams.err(`INCOMPLETE: ${files} input(s) could not be read; this answer may be missing what they hold\n`);
}

const indent = (text: string): string => text.replaceAll('\n', '\n  ');

/**
 * A `write` for a pretty-printed (2-space) JSON document that puts `"complete": false` and `"incomplete"`
 * first: an object root gains them as its first members, an array root becomes the `arrayKey` member of a
 * new object. It streams (a renderer may write millions of entries a piece at a time); call `end` after
 * the renderer. With nothing unread it is `write` itself, so a complete answer keeps its bytes.
 */
export function completenessJson(
  unread: readonly UnreadInput[],
  write: (text: string) => void,
  arrayKey: string,
): { readonly write: (text: string) => void; readonly end: () => void } {
  if (unread.length === 0) return { write, end: () => undefined };
  const head = `{\n  "complete": false,\n  "incomplete": ${indent(jsonText(unread))}`;
  let state: 'start' | 'object-open' | 'object' | 'array' = 'start';
  let pending = '';
  /** Array root: every line indented one level; a trailing newline waits, as it may end the document. */
  let heldNewline = false;
  const writeNested = (text: string): void => {
    let body = (heldNewline ? '\n' : '') + text;
    heldNewline = body.endsWith('\n');
    if (heldNewline) body = body.slice(0, -1);
    if (body !== '') write(indent(body));
  };
  const step = (text: string): void => {
    if (state === 'object' || text === '') {
      if (text !== '') write(text);
      return;
    }
    if (state === 'array') {
      writeNested(text);
      return;
    }
    pending += text;
    const rest = pending.trimStart();
    if (rest === '') return;
    if (state === 'start') {
      if (rest.startsWith('[')) {
        state = 'array';
        pending = '';
        write(`${head},\n  ${JSON.stringify(arrayKey)}: `);
        writeNested(rest);
        return;
      }
      if (!rest.startsWith('{'))
        throw new Error('completenessJson: the document is not a JSON object or array');
      state = 'object-open';
      pending = rest.slice(1);
      if (pending.trimStart() === '') return;
    }
    // After the root's `{`: an empty object closes at once, otherwise its members follow ours.
    const members = pending;
    pending = '';
    state = 'object';
    write(head);
    write(members.trimStart().startsWith('}') ? `\n${members.trimStart()}` : `,${members}`);
  };
  return {
    write: step,
    end: () => {
      if (state === 'array') write('\n}\n');
    },
  };
}

/**
 * Renders an answer: a JSON one through `completenessJson`, then the `INCOMPLETE` line on stderr.
 * Returns the exit code: 3 when the answer rests on unread input (it outranks yes/no), else `code`.
 */
export function renderAnswer<Result>(
  render: Render<Result>,
  result: Result,
  options: { readonly json: boolean; readonly arrayKey?: string },
  unread: readonly UnreadInput[],
  streams: Streams,
  code: number,
): number {
  const out = options.json
    ? completenessJson(unread, streams.out, options.arrayKey ?? 'result')
    : { write: streams.out, end: () => undefined };
  render(result, out.write);
  out.end();
  warnIncomplete(unread, streams);
  return unread.length > 0 ? EXIT.incomplete : code;
}
