/** @module One input text to the loader of its format: Kubernetes YAML/JSON, cluster JSON or a Terraform plan. */
import { detectClusterJson, loadClusterJson } from '../cluster-json/load-cluster-json.js';
import type { InputRecord } from '../diagnostics.js';
import { scanInlineIgnores } from '../inline-ignores.js';
import type { LoadSink } from '../load-sink.js';
import { isHelmOutput } from '../manifests/helm-source.js';
import { isJsonText } from '../manifests/json-scan.js';
import { loadManifestText } from '../manifests/load-manifest-text.js';
import { isTerraformPlanJson, loadTerraformPlan } from '../terraform/load-terraform.js';

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    // not JSON: read as YAML, which reports errors with a line
    return undefined;
  }
}

function isKubernetesJson(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const object = value as Record<string, unknown>;
  return typeof object.apiVersion === 'string' && typeof object.kind === 'string';
}

/** Adds the `aksward:ignore` comments of a text (and warnings for malformed ones) to the sink. */
export function addInlineIgnores(text: string, file: string, sink: LoadSink): void {
  const scan = scanInlineIgnores(text, file);
  scan.ignores.forEach((ignore) => {
    sink.addInlineIgnore(ignore);
  });
  scan.diagnostics.forEach((diagnostic) => {
    sink.addDiagnostic(diagnostic);
  });
}

function manifestRecord(text: string, file: string, sink: LoadSink): InputRecord {
  const objects = loadManifestText(text, file, sink);
  if (objects === 0) return { file, objects, reason: 'no Kubernetes objects found' };
  return { file, format: isHelmOutput(text) ? 'helm-output' : 'kubernetes', objects };
}

/**
 * Sniffs and loads a text: JSON with `apiVersion` and `kind` (a List too) is Kubernetes; other JSON
 * goes to the cluster JSON and Terraform plan detectors; anything else is read as YAML manifests.
 */
export function loadText(text: string, file: string, sink: LoadSink): InputRecord {
  const json = isJsonText(text) ? parseJson(text) : undefined;
  if (json === undefined || isKubernetesJson(json.value)) {
    if (json === undefined) addInlineIgnores(text, file, sink);
    return manifestRecord(text, file, sink);
  }
  const format = detectClusterJson(json.value);
  if (format !== undefined) return { file, format, objects: loadClusterJson(text, file, format, sink) };
  if (isTerraformPlanJson(json.value)) {
    return { file, format: 'terraform-plan', objects: loadTerraformPlan(text, file, sink) };
  }
  return manifestRecord(text, file, sink);
}
