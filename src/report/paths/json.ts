/** @module `aksward paths -f json`: `{ "landings": [...] }`, written one landing at a time. */
import type { PathsLanding, PathsResult } from '../../engine/paths.js';
import type { Render } from '../render.js';
import { jsonText } from '../escape.js';

/** One landing as plain JSON data: its paths name their target by id. */
export function landingJson(r: PathsLanding) {
  return {
    workload: r.workload,
    ...(r.scopes === undefined ? {} : { scopes: r.scopes }),
    exposure: r.exposure,
    narrative: r.narrative,
    blastRadius: r.blastRadius,
    radius: r.radius,
    ...(r.variants === undefined ? {} : { variants: r.variants }),
    paths: r.paths.map((p) => ({
      target: p.target.id,
      targetKind: p.targetKind,
      ...(p.scopes === undefined ? {} : { scopes: p.scopes }),
      steps: p.steps,
    })),
  };
}

const HEAD = '{\n  "landings": [\n';
const TAIL = '\n  ]\n}';

/** The same bytes as `JSON.stringify({ landings }, null, 2)`, without holding every landing at once. */
export const renderPathsJson: Render<PathsResult> = (result, write) => {
  if (result.starts.length === 0) {
    write(`${jsonText({ landings: [] })}\n`);
    return;
  }
  write(HEAD);
  let index = 0;
  for (const landing of result.landings()) {
    // Stringified inside the document's own frame, so JSON.stringify indents it (no pass over 200 KB to indent).
    const framed = jsonText({ landings: [landingJson(landing)] });
    write(`${index++ > 0 ? ',\n' : ''}${framed.slice(HEAD.length, framed.length - TAIL.length)}`);
  }
  write(`${TAIL}\n`);
};
