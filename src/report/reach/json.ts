/** @module `aksward reach -f json`: the normalised connection list `[{src, dst, conn}]`, written a chunk at a time. */
import type { ConnectionEntry, ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { jsonText } from '../escape.js';

/**
 * JSON strings of the names and port texts, each encoded once: a large cluster's list repeats the same few
 * thousand names and port texts across millions of entries. Keyed by the text itself, so the cache holds at
 * most the input's distinct names and port texts.
 */
function encoder(): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let json = known.get(text);
    if (json === undefined) {
      json = jsonText(text, 0);
      known.set(text, json);
    }
    return json;
  };
}

/** One entry as `JSON.stringify(list, null, 2)` prints it inside the list (built by hand: millions of them). */
function entryJson(entry: ConnectionEntry, encode: (text: string) => string): string {
  const conn =
    typeof entry.conn === 'string'
      ? encode(entry.conn)
      : entry.conn.length === 0
        ? '[]'
        : `[\n${entry.conn.map((c) => `      ${encode(c)}`).join(',\n')}\n    ]`;
  return `  {\n    "src": ${encode(entry.src)},\n    "dst": ${encode(entry.dst)},\n    "conn": ${conn}\n  }`;
}

/** The same bytes as stringifying the whole list, written about a MiB at a time. */
export const renderReachJson: Render<ReachConnections> = ({ forEachEntry }, write) => {
  let written = 0;
  let chunk = '';
  const encode = encoder();
  forEachEntry((entry) => {
    chunk += `${written === 0 ? '[\n' : ',\n'}${entryJson(entry, encode)}`;
    written++;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  });
  write(`${chunk}${written === 0 ? '[]\n' : '\n]\n'}`);
};
