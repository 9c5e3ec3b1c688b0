/** @module `aksward reach -f json`: the normalised connection list `[{src, dst, conn}]`, written a source at a time. */
import { formatConn } from '../../analysis/netpol/connection-list.js';
import { NO_PORTS } from '../../analysis/netpol/port-set.js';
import type { ConnectionRun, ConnectionTable, ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { jsonText } from '../escape.js';
import { chunked } from '../chunked.js';

/**
 * The JSON texts of a table's names and sets, each encoded once, and the end of an entry (`dst` and
 * `conn`) for each destination and set met: a large cluster's list repeats a few thousand names and a
 * few hundred sets across tens of millions of entries, and a destination meets few distinct sets.
 */
class EntryTexts {
  readonly #table: ConnectionTable;
  readonly #names: string[] = [];
  readonly #conns: string[] = [];
  /** Per destination, the sets it was met with and the entry's end for each (usually one or two). */
  readonly #tailSets: number[][] = [];
  readonly #tails: string[][] = [];
  readonly #shared = new WeakMap<ConnectionRun, string[]>();

  constructor(table: ConnectionTable) {
    this.#table = table;
  }

  name(index: number): string {
    return (this.#names[index] ??= jsonText(this.#table.names[index] ?? '', 0));
  }

  /** As `JSON.stringify(list, null, 2)` prints an entry's `conn`: a string, or an array of strings. */
  #conn(index: number): string {
    let text = this.#conns[index];
    if (text === undefined) {
      const conn = formatConn(this.#table.conns[index] ?? NO_PORTS);
      text =
        typeof conn === 'string'
          ? jsonText(conn, 0)
          : conn.length === 0
            ? '[]'
            : `[\n${conn.map((c) => `      ${jsonText(c, 0)}`).join(',\n')}\n    ]`;
      this.#conns[index] = text;
    }
    return text;
  }

  /**
   * Each entry's end (`"<dst>",\n    "conn": <conn>\n  }`: what follows `"dst": `) for a run; a shared
   * run's are kept for the next source that has it.
   */
  tails(run: ConnectionRun): string[] {
    const known = this.#shared.get(run);
    if (known) return known;
    const tails = Array.from({ length: run.length }, (_, i) => this.#tail(run.dst[i] ?? 0, run.conn[i] ?? 0));
    if (run.shared) this.#shared.set(run, tails);
    return tails;
  }

  #tail(dst: number, conn: number): string {
    const sets = (this.#tailSets[dst] ??= []);
    const tails = (this.#tails[dst] ??= []);
    const at = sets.indexOf(conn);
    if (at >= 0) return tails[at] ?? '';
    const tail = `${this.name(dst)},\n    "conn": ${this.#conn(conn)}\n  }`;
    sets.push(conn);
    tails.push(tail);
    return tail;
  }
}

/**
 * Entries per piece of output. Pieces stay well under V8's large-object size (128 KiB): a large string is
 * a fresh mapping whose every page faults on first touch, which made writing a 4.8 GB list three times
 * slower than small pieces from the young generation's reused pages.
 */
const ENTRIES_PER_PIECE = 512;

/**
 * The same bytes as `JSON.stringify(list, null, 2)`, written a piece at a time. Every entry of a source
 * starts with the same `{ "src": …, "dst": ` text, so a piece is its entries' ends joined by that text: a
 * join makes one flat string, where `+` would build a rope for the write to flatten.
 */
export const renderReachJson: Render<ReachConnections> = ({ forEachRow }, write) => {
  const out = chunked(write);
  let texts: EntryTexts | undefined;
  let lead = '[\n';
  forEachRow((row, table) => {
    texts ??= new EntryTexts(table);
    const head = ['  {\n    "src": ', texts.name(row.src), ',\n    "dst": '].join('');
    // Joined, so the separator is flat: a rope as separator halves the join's speed.
    const separator = [',\n', head].join('');
    let prefix = lead + head;
    for (const { run, from, to } of row.parts) {
      const tails = texts.tails(run);
      for (let start = from; start < to; start += ENTRIES_PER_PIECE) {
        const piece = tails.slice(start, Math.min(to, start + ENTRIES_PER_PIECE));
        piece[0] = `${prefix}${piece[0] ?? ''}`;
        out.write(piece.join(separator));
        prefix = separator;
      }
    }
    lead = ',\n';
  });
  out.write(lead === '[\n' ? '[]\n' : '\n]\n');
  out.end();
};
