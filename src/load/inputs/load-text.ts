/** @module One input text to the loader of its format: Kubernetes YAML/JSON, cluster JSON or a Terraform plan. */
import { isTemplate } from '../cluster-json/detect-cluster-json.js';
import { detectClusterJson, loadClusterJson } from '../cluster-json/load-cluster-json.js';
import type { SuppliedParameter } from '../cluster-json/template-scope.js';
import type { LinkedTemplates } from '../cluster-json/linked-templates.js';
import { toPlain } from '../cluster-json/json-tree.js';
import type { InputRecord } from '../diagnostics.js';
import { scanInlineIgnores } from '../inline-ignores.js';
import type { LoadSink } from '../load-sink.js';
import type { NamespaceTally } from '../manifests/emit-object.js';
import { isHelmOutput } from '../manifests/helm-source.js';
import { isJsonText } from '../manifests/json-scan.js';
import { loadManifestText } from '../manifests/load-manifest-text.js';
import { detectRoleAssignments } from '../role-assignments/detect-role-assignments.js';
import { loadRoleAssignments } from '../role-assignments/load-role-assignments.js';
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

/** Role assignments and custom role definitions, with their diagnostics, into the sink. */
function loadRoleAssignmentText(text: string, file: string, sink: LoadSink): number {
  const loaded = loadRoleAssignments(text, file);
  loaded.assignments.forEach((assignment) => {
    sink.addRoleAssignment(assignment);
  });
  loaded.definitions.forEach((definition) => {
    sink.addRoleDefinition(definition);
  });
  loaded.diagnostics.forEach((diagnostic) => {
    sink.addDiagnostic(diagnostic);
  });
  return loaded.assignments.length + loaded.definitions.length;
}

/**
 * What the input's record says of its namespace-less namespaced objects: where they were placed, and
 * without `--namespace` that `default` is an assumption (`kubectl apply -n` may put them elsewhere).
 */
export function assumedNamespace(tally: NamespaceTally, sink: LoadSink): { assumed?: string } {
  if (tally.defaulted === 0) return {};
  const objects = plural(tally.defaulted, 'object');
  if (sink.defaultNamespace !== undefined)
    return { assumed: `${objects} without a namespace placed in ${sink.defaultNamespace} (--namespace)` };
  return {
    assumed: `${objects} without a namespace placed in default by assumption (as kubectl apply without -n); --namespace <ns> places them where they are applied`,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function manifestRecord(text: string, file: string, sink: LoadSink): InputRecord {
  const tally: NamespaceTally = { defaulted: 0 };
  const objects = loadManifestText(text, file, sink, { tally });
  if (objects === 0) return { file, objects, reason: 'no Kubernetes objects found' };
  const format = isHelmOutput(text) ? 'helm-output' : 'kubernetes';
  return { file, format, objects, ...assumedNamespace(tally, sink) };
}

export interface TextOptions {
  /**
   * A `.json` file met while walking a folder (not named by the user): JSON that no loader claims and that is
   * not Kubernetes-shaped (package.json, tsconfig.json with comments, editor settings) is skipped quietly.
   */
  readonly walkedJson?: boolean;
  /**
   * A hidden file or a file in a hidden folder (`.github/workflows/ci.yml`): skipped quietly unless it holds
   * an input format, as walked JSON is.
   */
  readonly hidden?: boolean;
  /** Values of an ARM parameter file for the template this text holds. */
  readonly parameters?: ReadonlyMap<string, SuppliedParameter>;
  /** The local templates this template links to, read beforehand. */
  readonly linked?: LinkedTemplates;
}

const NOT_AN_INPUT = 'not an input format';
const TEMPLATE_WITHOUT_CLUSTER =
  'ARM template without AKS cluster-side resources (managedClusters and their children, deploymentSafeguards, diagnosticSettings); not read';

/** Top-level `apiVersion` or `kind`: a (possibly broken) Kubernetes object, which the manifest reader reports on. */
function hasKubernetesKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'apiVersion' in value || 'kind' in value;
}

const YAML_API_VERSION = /^[ \t]*(?:- )?["']?apiVersion["']?[ \t]*:/m;
const YAML_KIND = /^[ \t]*(?:- )?["']?kind["']?[ \t]*:/m;

/**
 * Text that fails to parse as JSON but names a format aksward reads: a Kubernetes object (both keys), an Azure
 * cluster resource or template, or a Terraform plan. It is reported as broken rather than skipped.
 */
function looksLikeInput(text: string): boolean {
  if (text.includes('"apiVersion"') && text.includes('"kind"')) return true;
  // YAML (kubectl reads a `.json` file as YAML too): both keys at the start of a line
  if (YAML_API_VERSION.test(text) && YAML_KIND.test(text)) return true;
  const lower = text.toLowerCase();
  return ['microsoft.containerservice/', 'deploymenttemplate', '"format_version"'].some((marker) =>
    lower.includes(marker),
  );
}

const PARAMETERS_ELSEWHERE =
  'ARM parameter file whose template is not known: pass it with --parameters beside its template, or name it <template>.parameters.json';

const isParametersJson = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  String((value as Record<string, unknown>).$schema)
    .toLowerCase()
    .includes('deploymentparameters');

/** A template whose cluster is in a local template it links to. */
const linksToCluster = (linked: LinkedTemplates | undefined): boolean =>
  [...(linked?.values() ?? [])].some((root) => detectClusterJson(toPlain(root)) === 'arm-template');

const isTemplateJson = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  isTemplate(value as Record<string, unknown>);

/**
 * Sniffs and loads a text: JSON with `apiVersion` and `kind` (a List too) is Kubernetes; other JSON
 * goes to the cluster JSON and Terraform plan detectors; anything else is read as YAML manifests.
 */
export function loadText(text: string, file: string, sink: LoadSink, options: TextOptions = {}): InputRecord {
  const walkedJson = options.walkedJson === true;
  const quiet = walkedJson || options.hidden === true;
  const json = isJsonText(text) || walkedJson ? parseJson(text) : undefined;
  if (json === undefined) {
    // Not JSON: YAML (a `.json` file holding YAML is read as YAML, as kubectl reads it).
    if (quiet && !looksLikeInput(text)) return { file, objects: 0, reason: NOT_AN_INPUT };
    addInlineIgnores(text, file, sink);
    return manifestRecord(text, file, sink);
  }
  if (isKubernetesJson(json.value)) return manifestRecord(text, file, sink);
  const format =
    detectClusterJson(json.value) ?? (linksToCluster(options.linked) ? 'arm-template' : undefined);
  // A template may hold both a cluster and role assignments: each loader reads its own resources.
  const roles = detectRoleAssignments(json.value);
  if (format !== undefined) {
    const objects = loadClusterJson(text, file, format, sink, {
      ...(options.parameters ? { supplied: options.parameters } : {}),
      ...(options.linked ? { linked: options.linked } : {}),
    });
    return { file, format, objects: objects + (roles ? loadRoleAssignmentText(text, file, sink) : 0) };
  }
  if (roles) return { file, format: 'role-assignments', objects: loadRoleAssignmentText(text, file, sink) };
  if (isTerraformPlanJson(json.value)) {
    return { file, format: 'terraform-plan', objects: loadTerraformPlan(text, file, sink) };
  }
  if (isTemplateJson(json.value)) return { file, objects: 0, reason: TEMPLATE_WITHOUT_CLUSTER };
  if (isParametersJson(json.value)) return { file, objects: 0, reason: PARAMETERS_ELSEWHERE };
  if (quiet && !hasKubernetesKeys(json.value)) return { file, objects: 0, reason: NOT_AN_INPUT };
  return manifestRecord(text, file, sink);
}
