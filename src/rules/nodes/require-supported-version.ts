/** @module require-supported-version: the Kubernetes minor version is inside AKS's supported window. */
import * as z from 'zod';
import type { AksCluster } from '../../model/index.js';
import { clusterSubject } from '../../model/index.js';
import type { RuleContext } from '../define-rule.js';
import { defineRule, GUIDANCE } from '../define-rule.js';
import { forEachCluster } from '../check-setting.js';

/** The date the default list below was read from the AKS release calendar. */
export const SUPPORTED_AS_OF = '2026-11-23';

/**
 * AKS-supported GA minors on SUPPORTED_AS_OF, from the release calendar in "Supported Kubernetes
 * versions in AKS" (Microsoft Learn, ms.date 2026-08-05): 1.34 (end of life Nov 2026), 1.35, 1.36 and
 * 1.37 (GA Oct 2026). 1.33 left community support in Jul 2026 and is supported only as LTS.
 */
export const DEFAULT_SUPPORTED_VERSIONS = ['1.34', '1.35', '1.36', '1.37'] as const;

const minor = z.string().regex(/^\d+\.\d+$/, 'expected a minor version such as "1.35"');
const optionsSchema = z
  .object({
    /** Minor versions in community support (N-2 and, until its end of life, N-3). */
    supportedVersions: z
      .array(minor)
      .min(1)
      .default([...DEFAULT_SUPPORTED_VERSIONS]),
    /** Minor versions the clusters run under the AKS long-term support plan (Premium tier). */
    lts: z.array(minor).default([]),
  })
  .strict();
type Options = z.infer<typeof optionsSchema>;

interface Version {
  readonly major: number;
  readonly minor: number;
}

/** `1.35.2`, `1.35` (AKS alias minor versions) and a leading `v` are accepted. */
function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

const isNewerThanAll = (version: Version, list: readonly string[]): boolean =>
  list.every((entry) => {
    const other = parseVersion(entry);
    return other !== undefined && (version.major - other.major || version.minor - other.minor) > 0;
  });

function assess(context: RuleContext<Options>, cluster: AksCluster): void {
  const setting = cluster.kubernetesVersion;
  const base = { subject: clusterSubject(cluster), path: setting.path, at: setting.at };
  if (setting.state === 'unknown') {
    context.report({ ...base, status: 'not-assessed', message: `the Kubernetes version: ${setting.reason}` });
    return;
  }
  const version = parseVersion(setting.value);
  if (!version) {
    const message = `the Kubernetes version "${setting.value}" is not a version number this rule can read.`;
    context.report({ ...base, status: 'not-assessed', message });
    return;
  }
  const { supportedVersions, lts } = context.options;
  const key = `${version.major}.${version.minor}`;
  const shown = `Kubernetes ${setting.value}`;
  if (supportedVersions.includes(key)) {
    context.report({ ...base, status: 'pass', message: `${shown} is a supported minor version.` });
    return;
  }
  if (lts.includes(key)) {
    const message = `${shown} is past community support and listed as long-term support: it stays supported only while the cluster is on the Premium tier with the AKSLongTermSupport plan.`;
    context.report({ ...base, status: 'pass', message });
    return;
  }
  const list = supportedVersions.join(', ');
  const message = isNewerThanAll(version, supportedVersions)
    ? `${shown} is newer than every supported minor (${list}): a preview version, or the list is out of date (rule option supportedVersions).`
    : `${shown} is outside the supported window (${list}) and no longer receives security fixes.`;
  const fix = `Upgrade to a supported minor version (${list}), one minor at a time: az aks upgrade -g <rg> -n <cluster> --kubernetes-version <version>.`;
  context.report({ ...base, message, fix });
}

export default defineRule({
  id: 'require-supported-version',
  title: 'The Kubernetes version is inside the AKS supported window',
  surface: 'nodes',
  severity: 'high',
  rationale:
    'A minor version that has left the supported window stops receiving security fixes: every Kubernetes CVE published after its end of life stays open on this cluster, and AKS eventually force-upgrades it on its own schedule. Staying within the window (the newest three GA minors, each about a year) keeps patches flowing and upgrades small.',
  remediation: {
    summary: `Upgrade to a supported minor version. The default list is the AKS-supported GA minors as of ${SUPPORTED_AS_OF}: ${DEFAULT_SUPPORTED_VERSIONS.join(', ')}; set the rule options supportedVersions (and lts, for minors you run under the long-term support plan) to update it.`,
    az: 'az aks upgrade -g <rg> -n <cluster> --kubernetes-version 1.36',
    terraform: 'kubernetes_version = "1.36"\n# and default_node_pool.orchestrator_version',
    arm: "properties.kubernetesVersion: '1.36'",
  },
  reads: ['cluster'],
  peers: { azurePolicy: ['fb893a29'] },
  references: [
    GUIDANCE.verification,
    {
      title: 'Supported Kubernetes versions in AKS (release calendar)',
      url: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions',
    },
    {
      title: 'Long-term support for AKS versions',
      url: 'https://learn.microsoft.com/azure/aks/long-term-support',
    },
  ],
  since: '0.1.0',
  parseOptions(raw) {
    const result = optionsSchema.safeParse(raw);
    if (!result.success) throw new Error(z.prettifyError(result.error));
    return result.data;
  },
  check(context) {
    forEachCluster(context, (cluster) => {
      assess(context, cluster);
    });
  },
});
