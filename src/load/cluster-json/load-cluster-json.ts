/** @module az aks show, ARM REST and ARM template JSON, diagnostic settings and maintenance configuration lists, into cluster definitions. */
import type { InputFormat } from '../diagnostics.js';
import type { LoadSink } from '../load-sink.js';
import { loadDiagnosticSettings } from './diagnostic-settings.js';
import { parseJsonTree } from './json-tree.js';
import { loadArmTemplate } from './load-arm-template.js';
import { loadClusterDocument } from './load-cluster-document.js';
import { loadMaintenanceConfigurations } from './maintenance-configurations.js';
import { createReporter } from './problem-reporter.js';
import type { ValueReader } from './resource-view.js';
import type { SuppliedParameter } from './template-scope.js';
import type { LinkedTemplates } from './linked-templates.js';

export { detectClusterJson } from './detect-cluster-json.js';

/** What a template may need beyond its own text: parameter values, and the local templates it links to. */
export interface TemplateInputs {
  readonly supplied?: ReadonlyMap<string, SuppliedParameter>;
  readonly linked?: LinkedTemplates;
}

function loadFormat(
  text: string,
  file: string,
  format: InputFormat,
  sink: LoadSink,
  extra: TemplateInputs,
): number {
  const root = parseJsonTree(text, file, sink);
  if (!root) return 0;
  const reader: ValueReader = {
    file,
    report: createReporter(file, sink),
    ...(extra.linked ? { linked: extra.linked, reporterFor: (f: string) => createReporter(f, sink) } : {}),
  };
  switch (format) {
    case 'az-aks-show':
    case 'arm-rest':
      return loadClusterDocument(root, format, sink, reader);
    case 'arm-template':
      return loadArmTemplate(root, sink, reader, extra.supplied ? { supplied: extra.supplied } : {});
    case 'diagnostic-settings':
      return loadDiagnosticSettings(root, sink, reader);
    case 'maintenance-configurations':
      return loadMaintenanceConfigurations(root, sink, reader);
    case 'kubernetes':
    case 'helm-output':
    case 'kustomize':
    case 'terraform':
    case 'terraform-plan':
    case 'bicep':
    case 'parameters':
    case 'role-assignments':
    case 'config': {
      const message = `the cluster JSON loader does not read ${format} input`;
      sink.addDiagnostic({ code: 'unsupported-input', level: 'warning', message, file });
      return 0;
    }
  }
}

/**
 * Loads a JSON text already recognised by `detectClusterJson`; returns the number of definitions read
 * (clusters and satellites). Bad input becomes diagnostics; this never throws.
 */
export function loadClusterJson(
  text: string,
  file: string,
  format: InputFormat,
  sink: LoadSink,
  extra: TemplateInputs = {},
): number {
  sink.registerText(file, text);
  try {
    return loadFormat(text, file, format, sink, extra);
  } catch (error) {
    // Only a bug in aksward lands here: keep scanning the other inputs and say this one was not read.
    const detail = error instanceof Error ? error.name : 'unknown error';
    const message = `internal error while reading ${format} JSON (${detail}); the file is not fully read`;
    sink.addDiagnostic({ code: 'parse-error', level: 'error', message, file });
    return 0;
  }
}
