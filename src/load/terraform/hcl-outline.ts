/** @module The block and attribute outline of an HCL file, with lines: hcl2json gives values but no positions. */

export interface OutlineBlock {
  /** The block type (`resource`, `network_profile`, `dynamic`); empty for the file itself. */
  readonly type: string;
  /** The labels (`"azurerm_kubernetes_cluster"`, `"main"`), unquoted. */
  readonly labels: readonly string[];
  /** 1-based line of the block header. */
  readonly line: number;
  /** Attribute name → 1-based line of its first definition. */
  readonly attributes: ReadonlyMap<string, number>;
  readonly blocks: readonly OutlineBlock[];
  /** Offsets in the text: the header's first character, the character after `{` and the closing `}`. */
  readonly span: BlockSpan;
  /** Attribute name → offsets of its first definition (the name, and its expression's start and end). */
  readonly attributeSpans: ReadonlyMap<string, AttributeSpan>;
}

export interface BlockSpan {
  readonly start: number;
  readonly open: number;
  readonly close: number;
}

export interface AttributeSpan {
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

interface MutableBlock {
  readonly type: string;
  readonly labels: string[];
  readonly line: number;
  readonly attributes: Map<string, number>;
  readonly blocks: MutableBlock[];
  span: BlockSpan;
  readonly attributeSpans: Map<string, AttributeSpan>;
}

const IDENT = /[A-Za-z0-9_-]/;

/** The end of an expression without its trailing blanks and line comment (one pass, quotes tracked). */
function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  let quoted = false;
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === '\\' && quoted) k++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || (c === '/' && text[k + 1] === '/'))) {
      end = k;
      break;
    }
  }
  while (end > from && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}
const HEREDOC = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/;

/**
 * A scanner over text hcl2json has already accepted: it tracks strings (with `${}` templates), heredocs,
 * comments and brackets only to find where each attribute and block starts. Never throws; on input it
 * does not understand it moves on, so the worst case is a line falling back to its enclosing block.
 */
class Scanner {
  private i = 0;
  private readonly text: string;
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    this.text = text;
    for (let k = 0; k < text.length; k++) if (text[k] === '\n') this.lineStarts.push(k + 1);
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  body(block: MutableBlock, nested: boolean): void {
    const { text } = this;
    while (this.i < text.length) {
      this.skipBlank(true);
      const c = text[this.i];
      if (c === undefined) return;
      if (c === '}') {
        if (nested) {
          block.span = { ...block.span, close: this.i };
          this.i++;
          return;
        }
        this.i++;
        continue;
      }
      const start = this.i;
      const name = this.identifier();
      if (name === '') {
        this.expression();
        // A stray `)` or `]` stops `expression` where it stands: step over it.
        if (this.i === start) this.i++;
        continue;
      }
      this.skipBlank(false);
      if (text[this.i] === '=' && text[this.i + 1] !== '=') {
        this.i++;
        this.skipBlank(false);
        const valueStart = this.i;
        this.expression();
        if (!block.attributes.has(name)) {
          block.attributes.set(name, this.lineAt(start));
          block.attributeSpans.set(name, { start, valueStart, valueEnd: trimEnd(text, valueStart, this.i) });
        }
        continue;
      }
      const child = this.header(name, start);
      if (child) {
        block.blocks.push(child);
        this.body(child, true);
      } else this.expression();
    }
  }

  /** Reads block labels up to `{`; undefined when what follows the name is not a block header. */
  private header(type: string, start: number): MutableBlock | undefined {
    const labels: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.text[this.i];
      if (c === '{') {
        this.i++;
        const span = { start, open: this.i, close: this.text.length };
        return {
          type,
          labels,
          line: this.lineAt(start),
          attributes: new Map(),
          blocks: [],
          span,
          attributeSpans: new Map(),
        };
      }
      if (c === '"') {
        const from = this.i + 1;
        this.string();
        labels.push(this.text.slice(from, this.i - 1));
        continue;
      }
      const label = this.identifier();
      if (label === '') return undefined;
      labels.push(label);
    }
  }

  private identifier(): string {
    const from = this.i;
    while (this.i < this.text.length && IDENT.test(this.text[this.i] ?? '')) this.i++;
    return this.text.slice(from, this.i);
  }

  /** Skips spaces and comments; across newlines only when `lines` is set. */
  private skipBlank(lines: boolean): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && text[this.i + 1] === '/')) this.toLineEnd();
      else if (c === '/' && text[this.i + 1] === '*') this.blockComment();
      else return;
    }
  }

  private toLineEnd(): void {
    const end = this.text.indexOf('\n', this.i);
    this.i = end === -1 ? this.text.length : end;
  }

  private blockComment(): void {
    const end = this.text.indexOf('*/', this.i + 2);
    this.i = end === -1 ? this.text.length : end + 2;
  }

  /** Skips one attribute expression: to the end of its line at bracket depth 0, or before a closing `}`. */
  private expression(): void {
    const { text } = this;
    let depth = 0;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '\n' && depth === 0) return;
      if (c === '#' || (c === '/' && text[this.i + 1] === '/')) this.toLineEnd();
      else if (c === '/' && text[this.i + 1] === '*') this.blockComment();
      else if (c === '"') this.string();
      else if (c === '<' && text[this.i + 1] === '<' && this.heredoc()) continue;
      else if (c === '{' || c === '[' || c === '(') {
        depth++;
        this.i++;
      } else if (c === '}' || c === ']' || c === ')') {
        if (depth === 0) return;
        depth--;
        this.i++;
      } else this.i++;
    }
  }

  /** Skips a heredoc (`<<EOT` … `EOT`, `<<-EOT` … indented `EOT`); false when `<<` starts none. */
  private heredoc(): boolean {
    const match = HEREDOC.exec(this.text.slice(this.i, this.i + 200));
    if (!match) return false;
    const marker = match[1] ?? '';
    this.i += match[0].length;
    while (this.i < this.text.length) {
      const end = this.text.indexOf('\n', this.i);
      const line = this.text.slice(this.i, end === -1 ? this.text.length : end);
      this.i = end === -1 ? this.text.length : end + 1;
      if (line.trim() === marker) {
        if (end !== -1) this.i = end;
        return true;
      }
    }
    return true;
  }

  /** Skips a quoted string whose first `"` is at the cursor, including `${ … }` and `%{ … }` templates. */
  private string(): void {
    const { text } = this;
    this.i++;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"' || c === '\n') {
        this.i++;
        return;
      } else if ((c === '$' || c === '%') && text[this.i + 1] === c && text[this.i + 2] === '{') this.i += 3;
      else if ((c === '$' || c === '%') && text[this.i + 1] === '{') {
        this.i += 2;
        this.template();
      } else this.i++;
    }
  }

  private template(): void {
    let depth = 1;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '"') this.string();
      else if (c === '{') {
        depth++;
        this.i++;
      } else if (c === '}') {
        this.i++;
        if (--depth === 0) return;
      } else this.i++;
    }
  }
}

/** The outline of one `.tf` file: its top-level blocks (`resource`, `variable`, …) with nested blocks. */
export function outlineHcl(text: string): OutlineBlock {
  const root: MutableBlock = {
    type: '',
    labels: [],
    line: 1,
    attributes: new Map(),
    blocks: [],
    span: { start: 0, open: 0, close: text.length },
    attributeSpans: new Map(),
  };
  new Scanner(text).body(root, false);
  return root;
}

/** The nested blocks of `block` that define `name`: the literal ones, then `dynamic "name"` ones. */
export function childBlocks(block: OutlineBlock, name: string): readonly OutlineBlock[] {
  return [
    ...block.blocks.filter((b) => b.type === name),
    ...block.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === name),
  ];
}
