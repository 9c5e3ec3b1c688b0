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

/** The same bytes as `JSON.stringify({ landings }, null, 2)`, without holding every landing at once. */
export const renderPathsJson: Render<PathsResult> = (result, write) => {
  if (result.starts.length === 0) {
    write(`${jsonText({ landings: [] })}\n`);
    return;
  }
  write('{\n  "landings": [\n');
  let index = 0;
  for (const landing of result.landings()) {
    const json = jsonText(landingJson(landing)).replace(/^/gm, '    ');
    write(`${index++ > 0 ? ',\n' : ''}${json}`);
  }
  write('\n  ]\n}\n');
};
