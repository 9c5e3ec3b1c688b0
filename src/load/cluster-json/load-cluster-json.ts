/** @module az aks show, ARM REST and ARM template JSON into cluster definitions. STUB: replaced by the cluster JSON loader. */
import type { InputFormat } from '../diagnostics.js';
import type { LoadSink } from '../load-sink.js';

/** Recognises a cluster-side JSON document, or returns undefined (then it may be Kubernetes JSON or nothing). */
export function detectClusterJson(value: unknown): InputFormat | undefined {
  void value;
  return undefined;
}

/** Loads a JSON text already recognised by `detectClusterJson`; returns the number of definitions read. */
export function loadClusterJson(text: string, file: string, format: InputFormat, sink: LoadSink): number {
  void text;
  void file;
  void format;
  void sink;
  return 0;
}
