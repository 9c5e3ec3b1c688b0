/** @module Terraform HCL modules and `terraform show -json` plans into cluster definitions. STUB: replaced by the Terraform loader. */
import type { LoadSink } from '../load-sink.js';

export interface TerraformFile {
  readonly file: string;
  readonly text: string;
}

/** Loads the `.tf` (and `terraform.tfvars`, `*.auto.tfvars`) files of one directory as one module. */
export async function loadTerraformModule(files: readonly TerraformFile[], sink: LoadSink): Promise<number> {
  void files;
  void sink;
  return Promise.resolve(0);
}

/** Recognises `terraform show -json` output (plan or state). */
export function isTerraformPlanJson(value: unknown): boolean {
  void value;
  return false;
}

export function loadTerraformPlan(text: string, file: string, sink: LoadSink): number {
  void text;
  void file;
  void sink;
  return 0;
}
