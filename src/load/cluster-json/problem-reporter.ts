/** @module Turns read problems into diagnostics, once per line and message: many settings may share one bad expression. */
import type { DiagnosticLevel } from '../diagnostics.js';
import type { LoadSink } from '../load-sink.js';
import type { ReadProblem } from './resource-view.js';

export type Reporter = (problem: ReadProblem, level?: DiagnosticLevel) => void;

/**
 * An expression that depends on the deployment is expected in a template (`info`); a template error or
 * a value of the wrong type means part of the input could not be read as written (`warning`).
 */
export function createReporter(file: string, sink: LoadSink): Reporter {
  const seen = new Set<string>();
  return (problem, level) => {
    const key = `${problem.code}:${problem.line}:${problem.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const fallback: DiagnosticLevel =
      problem.code === 'unresolved-value' && problem.undecidable ? 'info' : 'warning';
    sink.addDiagnostic({
      code: problem.code,
      level: level ?? fallback,
      message: problem.message,
      file,
      line: problem.line,
    });
  };
}
