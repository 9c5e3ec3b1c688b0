/** @module Terraform HCL modules and `terraform show -json` plans and states into cluster definitions. */
import type { LoadSink } from '../load-sink.js';
import { readHclModule, type TerraformFile } from './hcl-module.js';
import { isTerraformShowJson, readPlanResources } from './plan-json.js';
import { addTerraformClusters, CLUSTER_RESOURCE_TYPES } from './terraform-clusters.js';

export type { TerraformFile } from './hcl-module.js';

/**
 * Loads the `.tf` (and `terraform.tfvars`, `*.auto.tfvars`) files of one directory as one module;
 * returns the number of clusters read. A file with a syntax error is skipped with a diagnostic.
 */
export async function loadTerraformModule(files: readonly TerraformFile[], sink: LoadSink): Promise<number> {
  const resources = await readHclModule(files, sink);
  return addTerraformClusters(resources, 'terraform', sink);
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
