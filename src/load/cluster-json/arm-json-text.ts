/**
 * @module The JSON text `json()` and `base64ToJson()` read. ARM parses it with Newtonsoft.Json, which also
 * takes single-quoted strings (`{'one': 'a'}` in ARM's own examples); strict JSON is tried first.
 */
import type { Evaluation } from './arm-value.js';
import { checkSize, invalid } from './arm-value.js';

/** Nesting beyond this is refused: the relaxed reader below recurses. */
const MAX_DEPTH = 200;

class Relaxed {
  private pos = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  read(): unknown {
    const value = this.value(0);
    this.space();
    if (this.pos !== this.text.length) throw new Error('text after the value');
    return value;
  }

  private space(): void {
    while (/\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('nested too deeply');
    this.space();
    const c = this.text.charAt(this.pos);
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string(c);
    const word = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(
      this.text.slice(this.pos, this.pos + 400),
    );
    if (!word) throw new Error('unexpected character');
    this.pos += word[0].length;
    return JSON.parse(word[0]) as unknown;
  }

  private string(quote: string): string {
    let out = '';
    for (this.pos++; this.pos < this.text.length; this.pos++) {
      const c = this.text.charAt(this.pos);
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const next = this.text.charAt(++this.pos);
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
      if (next === 'u') {
        out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 1, this.pos + 5), 16));
        this.pos += 4;
      } else {
        out += Object.hasOwn(simple, next) ? (simple[next] ?? next) : next;
      }
    }
    throw new Error('unterminated string');
  }

  private array(depth: number): unknown[] {
    const items: unknown[] = [];
    this.pos++;
    this.space();
    if (this.text.charAt(this.pos) === ']') return (this.pos++, items);
    for (;;) {
      items.push(this.value(depth + 1));
      this.space();
      const c = this.text.charAt(this.pos++);
      if (c === ']') return items;
      if (c !== ',') throw new Error("expected ',' or ']'");
    }
  }

  private object(depth: number): Record<string, unknown> {
    const entries: [string, unknown][] = [];
    this.pos++;
    this.space();
    if (this.text.charAt(this.pos) === '}') return (this.pos++, {});
    for (;;) {
      this.space();
      const quote = this.text.charAt(this.pos);
      if (quote !== '"' && quote !== "'") throw new Error('expected a property name');
      const key = this.string(quote);
      this.space();
      if (this.text.charAt(this.pos++) !== ':') throw new Error("expected ':'");
      entries.push([key, this.value(depth + 1)]);
      this.space();
      const c = this.text.charAt(this.pos++);
      if (c === '}') return Object.fromEntries(entries);
      if (c !== ',') throw new Error("expected ',' or '}'");
    }
  }
}

function readRelaxed(text: string): Evaluation {
  try {
    return checkSize(new Relaxed(text).read());
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return invalid(`the text is not JSON (${reason})`);
  }
}

/** The value of a JSON text, or why not; the message never quotes the text, which may be a secret. */
export function parseJsonText(text: string): Evaluation {
  try {
    return checkSize(JSON.parse(text) as unknown);
  } catch {
    // Not strict JSON: the relaxed grammar Newtonsoft.Json accepts may still read it.
    return readRelaxed(text);
  }
}
