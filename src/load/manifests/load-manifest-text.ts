/** @module Kubernetes YAML/JSON text (multi-document, List kinds, Helm output) into model objects. STUB: replaced by the manifests loader. */
import type { LoadSink } from '../load-sink.js';

export interface ManifestOptions {
  /** How the text was produced, when rendered (`helm template` piped in, `kubectl kustomize`). */
  readonly renderedBy?: 'kustomize';
}

/** Reads every document of `text`; returns the number of objects read. Never throws on bad input. */
export function loadManifestText(
  text: string,
  file: string,
  sink: LoadSink,
  options: ManifestOptions = {},
): number {
  void text;
  void file;
  void sink;
  void options;
  return 0;
}
