/** @module The `.aksward.yaml` schema, validated with zod when a run starts. */
import * as z from 'zod';
import { SEVERITIES } from '../rules/types.js';

/** The `--fail-on` / `failOn` levels: a severity, or `none` to never fail on findings. */
export const FAIL_ON_LEVELS = [...SEVERITIES, 'none'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const suppressionEntrySchema = z
  .object({
    rule: z.string().min(1),
    reason: z.string().trim().min(1, 'a suppression needs a reason'),
    expires: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]).optional(),
    kind: z.string().optional(),
    namespace: z.string().optional(),
    /** A glob on the subject name (`calico-*`). */
    name: z.string().optional(),
    /** A glob on the file path: the finding is suppressed only when every file defining it matches (docs/suppressions.md). */
    file: z.string().optional(),
  })
  .strict();

const ruleSettingSchema = z.union([
  z.literal('off'),
  z.literal(false).transform(() => 'off' as const),
  z
    .object({
      severity: z.enum(SEVERITIES).optional(),
      enabled: z.boolean().optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

export const configSchema = z
  .object({
    failOn: z.enum(FAIL_ON_LEVELS).optional(),
    rules: z.record(z.string(), ruleSettingSchema).optional(),
    suppressions: z.array(suppressionEntrySchema).optional(),
    /** Namespaces to treat as system namespaces, besides the built-in ones. */
    systemNamespaces: z.array(z.string()).optional(),
    registries: z
      .object({ allowed: z.array(z.string()) })
      .strict()
      .optional(),
    tenantLabel: z.string().optional(),
    limits: z
      .object({
        maxFileBytes: z.number().int().positive().optional(),
        maxDocuments: z.number().int().positive().optional(),
        maxHclBytes: z.number().int().positive().optional(),
        maxModuleDepth: z.number().int().positive().optional(),
        maxModuleInstances: z.number().int().positive().optional(),
        maxAliasCount: z.number().int().min(-1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AkswardConfig = z.infer<typeof configSchema>;
export type SuppressionEntry = z.infer<typeof suppressionEntrySchema>;

/** Formats zod issues as `rules.foo.severity: Invalid option…` lines. */
export function describeConfigIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

/**
 * Why a rule's options (at `at`, `rules.<id>.options`) were refused: a line per zod issue, its path below
 * `at` (zod's own message is its issues as JSON), or the message a rule's own parser threw.
 */
export function describeOptionsError(at: string, cause: unknown): string {
  if (cause instanceof z.ZodError)
    return cause.issues
      .map((issue) => `${[at, ...issue.path.map(String)].join('.')}: ${issue.message}`)
      .join('\n');
  return `${at}: ${cause instanceof Error ? cause.message : String(cause)}`;
}
