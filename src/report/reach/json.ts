/** @module `aksward reach -f json`: the normalised connection list `[{src, dst, conn}]`, written a chunk at a time. */
import type { ConnectionEntry, ReachConnections } from '../../engine/reach.js';
import type { Render } from '../render.js';
import { jsonText } from '../escape.js';

/** One entry as `JSON.stringify(list, null, 2)` prints it inside the list (built by hand: millions of them). */
function entryJson(entry: ConnectionEntry): string {
  const conn =
    typeof entry.conn === 'string'
      ? jsonText(entry.conn, 0)
      : entry.conn.length === 0
        ? '[]'
        : `[\n${entry.conn.map((c) => `      ${jsonText(c, 0)}`).join(',\n')}\n    ]`;
  return `  {\n    "src": ${jsonText(entry.src, 0)},\n    "dst": ${jsonText(entry.dst, 0)},\n    "conn": ${conn}\n  }`;
}

/** The same bytes as stringifying the whole list, written about a MiB at a time. */
export const renderReachJson: Render<ReachConnections> = ({ forEachEntry }, write) => {
  let written = 0;
  let chunk = '';
  forEachEntry((entry) => {
    chunk += `${written === 0 ? '[\n' : ',\n'}${entryJson(entry)}`;
    written++;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  });
  write(`${chunk}${written === 0 ? '[]\n' : '\n]\n'}`);
};
