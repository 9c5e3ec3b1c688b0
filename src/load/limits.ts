/** @module Input limits: documented, configurable in `.aksward.yaml` (`limits`). */

export interface LoadLimits {
  /** Files larger than this are not read (default 64 MiB). */
  readonly maxFileBytes: number;
  /** Documents beyond this count in one file are not read (default 50,000). */
  readonly maxDocuments: number;
  /** YAML alias expansions allowed per document (default 100, as the `yaml` library); -1 disables the check. */
  readonly maxAliasCount: number;
  /**
   * Size of one Terraform HCL file (default 2 MiB). The HCL parser costs about 200 times a file's size in
   * memory (8 MiB of HCL: 1.6 GB); real modules' files are well under 1 MiB.
   */
  readonly maxHclBytes: number;
  /** How deep local Terraform module calls are followed (default 16). */
  readonly maxModuleDepth: number;
  /** Local Terraform module instances read per root module, `for_each` keys included (default 256). */
  readonly maxModuleInstances: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocuments: 50_000,
  maxAliasCount: 100,
  maxHclBytes: 2 * 1024 * 1024,
  maxModuleDepth: 16,
  maxModuleInstances: 256,
};
