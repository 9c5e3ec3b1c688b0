/** @module Input limits: documented, configurable in `.aksward.yaml` (`limits`). */

export interface LoadLimits {
  /** Files larger than this are not read (default 64 MiB). */
  readonly maxFileBytes: number;
  /** Documents beyond this count in one file are not read (default 50,000). */
  readonly maxDocuments: number;
  /** YAML alias expansions allowed per document (default 100, as the `yaml` library); -1 disables the check. */
  readonly maxAliasCount: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxDocuments: 50_000,
  maxAliasCount: 100,
};
