/** @module Terraform HCL modules and `terraform show -json` plans and states into cluster definitions. */
import type { LoadSink } from '../load-sink.js';
import type { TerraformFile } from './hcl-module.js';
import { readModuleTree, type ModuleReader, type RootModule } from './module-tree.js';
import { isTerraformShowJson, readPlanResources } from './plan-json.js';
import {
  addRemoteModuleClusters,
  addTerraformClusters,
  CLUSTER_RESOURCE_TYPES,
} from './terraform-clusters.js';

export type { TerraformFile } from './hcl-module.js';
export type { ModuleFolder, ModuleReader } from './module-tree.js';

export interface TerraformModuleOptions extends Partial<Omit<RootModule, 'files'>> {
  /** Reads the local modules the root calls; without it, module calls are named, not followed. */
  readonly reader?: ModuleReader;
}

/** What one root module gave: clusters built, and the local modules followed (`module.aks → modules/aks`). */
export interface TerraformModuleResult {
  readonly clusters: number;
  readonly followed: readonly string[];
}

/**
 * Loads the `.tf` (and `terraform.tfvars`, `*.auto.tfvars`, var files) files of one directory as one root
 * module, with the local modules it calls; returns the number of clusters read. A file with a syntax
 * error is skipped with a diagnostic.
 */
export async function loadTerraformModule(
  files: readonly TerraformFile[],
  sink: LoadSink,
  options: TerraformModuleOptions = {},
): Promise<number> {
  return (await loadTerraformRoot(files, sink, options)).clusters;
}

export async function loadTerraformRoot(
  files: readonly TerraformFile[],
  sink: LoadSink,
  options: TerraformModuleOptions = {},
): Promise<TerraformModuleResult> {
  const folder = options.folder ?? '.';
  const root: RootModule = {
    folder,
    identity: options.identity ?? folder,
    files,
    ...(options.inputs ? { inputs: options.inputs } : {}),
    ...(options.environment ? { environment: options.environment } : {}),
  };
  const tree = await readModuleTree(root, sink, options.reader);
  const clusters =
    addTerraformClusters(tree.resources, 'terraform', sink) + addRemoteModuleClusters(tree.remote, sink);
  return { clusters, followed: tree.followed };
}

/** Recognises `terraform show -json` output (plan or state). */
export function isTerraformPlanJson(value: unknown): boolean {
  return isTerraformShowJson(value);
}

/** Loads `terraform show -json` output (a plan or a state); returns the number of clusters read. */
export function loadTerraformPlan(text: string, file: string, sink: LoadSink): number {
  const resources = readPlanResources(text, file, CLUSTER_RESOURCE_TYPES, sink);
  return resources ? addTerraformClusters(resources, 'terraform-plan', sink) : 0;
}
