/**
 * @module The cluster-plane steps of a fix plan: for each failed cluster-setting finding, the change that
 * closes it, written against the user's own definition (a Terraform edit, an ARM/JSON edit, `az`
 * commands), applied in memory to the files so the plan can rescan the result.
 */
import type { AksCluster, ClusterModel, NodePool, Setting } from '../../model/index.js';
import type { Finding } from '../../engine/finding.js';
import type { FileChange, FileSet } from '../file-set.js';
import type { PlanPhase } from '../plan/types.js';
import type { ClusterChange, Retrofit } from './changes.js';
import { clusterChange, rolloutRank } from './changes.js';
import type { HclAssignment } from './hcl-edit.js';
import { editCallArgument, editResource, hclLiteral } from './hcl-edit.js';
import { editBicepParam, editBicepValue, resourceBlock, setBicepProperty } from './bicep-edit.js';
import type { JsonPathSegment } from './json-edit.js';
import { jsonValueAt, parsePropertyPath, resourcePathAtLine, setJsonValue } from './json-edit.js';

export interface ClusterStep {
  readonly rule: string;
  readonly title: string;
  readonly phase: PlanPhase;
  /** What this step is for this cluster's format: a patch may be possible in az but not in Terraform. */
  readonly retrofit: Retrofit;
  /** The cluster, as findings name it. */
  readonly cluster: string;
  readonly clusterFormat: AksCluster['format'];
  /** Fingerprints of the findings the step closes. */
  readonly closes: readonly string[];
  /** Edits of the user's files; empty when the change is not a patch (rebuild, input, no attribute). */
  readonly changes: readonly FileChange[];
  /** True when `changes` were applied to the file set (the target state, migrations and rebuilds included). */
  readonly applied: boolean;
  readonly az: readonly string[];
  readonly verify: readonly string[];
  readonly after: readonly string[];
  readonly breaksIfEarly?: string;
  readonly reason?: string;
  readonly migration?: readonly string[];
  /** Why an edit could not be written (a value set through a variable, a dynamic block). */
  readonly notes: readonly string[];
}

/** `azurerm_kubernetes_cluster.main` or `module.aks.azurerm_kubernetes_cluster.main` → type and name. */
function terraformAddress(id: string): { type: string; name: string } | undefined {
  const parts = id.split('.');
  const name = parts.at(-1);
  const type = parts.at(-2);
  return name && type ? { type, name } : undefined;
}

/** The settings a change sets on this cluster: the cluster's own, or one per node pool. */
function settingsOf(change: ClusterChange, cluster: AksCluster): Setting<unknown>[] {
  if (change.setting) return [change.setting(cluster)];
  if (change.pool && cluster.nodePools.state !== 'unknown')
    return cluster.nodePools.value.map((pool: NodePool) => change.pool?.(pool) as Setting<unknown>);
  return [];
}

interface EditOutcome {
  readonly changes: FileChange[];
  readonly notes: string[];
}

function recordChange(
  files: FileSet,
  file: string,
  after: string,
  changes: FileChange[],
  apply: boolean,
): void {
  const before = files.get(file);
  if (before === undefined || before === after) return;
  changes.push({ file, before, after });
  if (apply) files.set(file, after);
}

/** Settings azurerm cannot express (azapi or az only), even with the user's values. */
const NO_AZURERM_ATTRIBUTE = new Set(['require-deployment-safeguards', 'require-image-integrity']);

function editTerraform(
  change: ClusterChange,
  cluster: AksCluster,
  settings: readonly Setting<unknown>[],
  files: FileSet,
  apply: boolean,
): EditOutcome {
  const notes: string[] = [];
  const changes: FileChange[] = [];
  const address = terraformAddress(cluster.id);
  if (!change.terraform || !address) {
    // A change that waits for the user's value (a workspace, a version) says so in its reason: azurerm has
    // the attribute, aksward cannot fill it. Only these two have none in azurerm.
    if (change.reason === undefined || NO_AZURERM_ATTRIBUTE.has(change.rule))
      notes.push(`azurerm has no attribute for this change: use the az commands, or the azapi provider`);
    return { changes, notes };
  }
  const file = cluster.at.file;
  const text = files.get(file);
  if (text === undefined) return { changes, notes: [`${file} is not among the files aksward read`] };
  // A stated value in an older spelling is edited where it stands.
  const stated = settings.find((s) => s.state === 'stated');
  const path =
    stated && !stated.path.includes('[') && stated.path.split('.').length === change.terraform.path.length
      ? stated.path.split('.')
      : change.terraform.path;
  const value = hclLiteral(change.terraform.value);
  // A module call sets it (the finding points at the caller's argument): edit where the caller sets it.
  const fromCaller = change.setting && stated && stated.at.file !== file ? stated : undefined;
  if (fromCaller) {
    const edit = editCallArgument(files, fromCaller.at, value);
    if ('reason' in edit) notes.push(edit.reason);
    else recordChange(files, edit.file, edit.text, changes, apply);
  }
  // A pool change: pools of their own (`azurerm_kubernetes_cluster_node_pool`) are edited in their resource;
  // the cluster's block only when its default pool needs it.
  const pools = change.pool && cluster.nodePools.state !== 'unknown' ? cluster.nodePools.value : [];
  const needsChange = (pool: NodePool): boolean => {
    const setting = change.pool?.(pool);
    return setting?.state === 'unknown' || setting?.value !== change.terraform?.value;
  };
  for (const pool of pools) {
    const own = terraformAddress(pool.path);
    if (own?.type !== 'azurerm_kubernetes_cluster_node_pool' || !needsChange(pool)) continue;
    // A value the pool states is edited in the spelling it uses (`enable_node_public_ip` in older azurerm).
    const setting = change.pool?.(pool);
    const attribute =
      (setting?.state === 'stated' ? setting.path.split('.').at(-1) : undefined) ??
      change.terraform.path.at(-1) ??
      '';
    const poolText = files.get(pool.at.file);
    if (poolText === undefined) {
      notes.push(`${pool.at.file} is not among the files aksward read`);
      continue;
    }
    const edited = editResource(poolText, own, [{ path: [attribute], value }]);
    for (const skipped of edited.skipped) notes.push(skipped.reason);
    recordChange(files, pool.at.file, edited.text, changes, apply);
  }
  const defaultPoolNeedsIt =
    pools.length === 0 || pools.some((pool) => pool.path === 'default_node_pool' && needsChange(pool));
  const assignments: HclAssignment[] = [
    ...(fromCaller || !defaultPoolNeedsIt ? [] : [{ path, value }]),
    ...(change.also ?? []).flatMap((extra) =>
      extra.terraform ? [{ path: extra.terraform.path, value: hclLiteral(extra.terraform.value) }] : [],
    ),
  ];
  if (assignments.length === 0) return { changes, notes };
  // A pool edit above may have changed this very file: edit on top of it, as one change of the file.
  const earlier = changes.findIndex((c) => c.file === file);
  const previous = earlier === -1 ? undefined : changes[earlier];
  const edited = editResource(previous?.after ?? text, address, assignments);
  for (const skipped of edited.skipped) notes.push(skipped.reason);
  if (previous === undefined) recordChange(files, file, edited.text, changes, apply);
  else {
    changes[earlier] = { file, before: previous.before, after: edited.text };
    if (apply) files.set(file, edited.text);
  }
  return { changes, notes };
}

/** The ARM-vocabulary settings a change sets (its own, per pool, and the ones it also needs), with their values. */
function armTargets(
  change: ClusterChange,
  cluster: AksCluster,
  settings: readonly Setting<unknown>[],
): { setting: Setting<unknown>; value: unknown }[] {
  return [
    ...settings.map((setting) => ({ setting, value: change.armValue })),
    ...(change.also ?? []).map((extra) => ({ setting: extra.setting(cluster), value: extra.armValue })),
  ];
}

function editJson(
  change: ClusterChange,
  cluster: AksCluster,
  settings: readonly Setting<unknown>[],
  files: FileSet,
  apply: boolean,
): EditOutcome {
  const notes: string[] = [];
  const changes: FileChange[] = [];
  if (change.armValue === undefined) return { changes, notes };
  const targets = armTargets(change, cluster, settings);
  for (const { setting, value } of targets) {
    const file = setting.at.file;
    const text = files.get(file);
    if (text === undefined) continue;
    let prefix: JsonPathSegment[] = [];
    if (cluster.format === 'arm-template') {
      const found = resourcePathAtLine(text, cluster.at.line, 'Microsoft.ContainerService/managedClusters');
      if (!found) {
        notes.push(`the cluster resource was not found at ${file}:${cluster.at.line}`);
        continue;
      }
      prefix = found;
    }
    const path = [...prefix, ...parsePropertyPath(setting.path)];
    const current = files.get(file) ?? text;
    const existing = jsonValueAt(current, path);
    if (typeof existing === 'string' && existing.startsWith('[') && !existing.startsWith('[[')) {
      notes.push(
        `${setting.path} is the expression ${existing}: set its parameter or variable to ${JSON.stringify(change.armValue)}`,
      );
      continue;
    }
    const edited = setJsonValue(current, path, value);
    if (edited === undefined) {
      notes.push(`${setting.path} could not be set in ${file}`);
      continue;
    }
    recordChange(files, file, edited, changes, apply);
  }
  return { changes, notes };
}

/** A value set through a parameter without a literal default: its `.bicepparam` value, when one sets it. */
function editParameterFile(
  name: string,
  value: unknown,
  files: FileSet,
): { file: string; text: string } | undefined {
  for (const [file, text] of files) {
    if (!file.toLowerCase().endsWith('.bicepparam')) continue;
    const edited = editBicepParam(text, name, value);
    if (edited !== undefined) return { file, text: edited };
  }
  return undefined;
}

/** One Bicep setting: the literal at its line, its parameter's default or `.bicepparam` value, or an insertion. */
function editBicepSetting(
  setting: Setting<unknown>,
  value: unknown,
  cluster: AksCluster,
  files: FileSet,
): { file: string; text: string } | string {
  const file = setting.at.file;
  const text = files.get(file);
  if (text === undefined) return `${file} is not among the files aksward read`;
  const path = parsePropertyPath(setting.path);
  const key = path.at(-1);
  if (typeof key !== 'string') return `${setting.path} could not be set in ${file}`;
  const edit = editBicepValue(text, setting.at.line, key, value);
  const shown = JSON.stringify(value);
  if (edit.kind === 'edited') return { file, text: edit.text };
  if (edit.kind === 'expression')
    return `${setting.path} is the expression ${edit.written}: make it ${shown}`;
  if (edit.kind === 'parameter')
    return (
      editParameterFile(edit.name, value, files) ??
      `${setting.path} comes from the parameter ${edit.name}: set it to ${shown}`
    );
  const block = file === cluster.at.file ? resourceBlock(text, cluster.at.line) : undefined;
  const inserted =
    setting.state !== 'stated' && block && path.length > 0
      ? setBicepProperty(text, block, path, value)
      : undefined;
  return inserted === undefined
    ? `${setting.path} could not be set in ${file}: set it to ${shown}`
    : { file, text: inserted };
}

function editBicep(
  change: ClusterChange,
  cluster: AksCluster,
  settings: readonly Setting<unknown>[],
  files: FileSet,
  apply: boolean,
): EditOutcome {
  const notes: string[] = [];
  const changes: FileChange[] = [];
  if (change.armValue === undefined) return { changes, notes };
  const targets = armTargets(change, cluster, settings);
  for (const { setting, value } of targets) {
    const outcome = editBicepSetting(setting, value, cluster, files);
    if (typeof outcome === 'string') notes.push(outcome);
    else recordChange(files, outcome.file, outcome.text, changes, apply);
  }
  return { changes, notes };
}

/**
 * One step per failed cluster-setting finding that has a known change, per cluster. Every edit with a
 * value aksward can choose is applied to `files` (the target state); input steps edit nothing.
 */
export function planClusterChanges(
  model: ClusterModel,
  findings: readonly Finding[],
  files: FileSet,
): ClusterStep[] {
  const steps: ClusterStep[] = [];
  for (const cluster of model.clusters) {
    const own = findings.filter(
      (f) =>
        f.status === 'fail' && f.subject.display === cluster.display && f.subject.at.file === cluster.at.file,
    );
    const rules = [...new Set(own.map((f) => f.ruleId))].sort((a, b) => rolloutRank(a) - rolloutRank(b));
    for (const rule of rules) {
      const change = clusterChange(rule);
      if (!change) continue;
      const settings = settingsOf(change, cluster);
      const terraform = cluster.format === 'terraform';
      const patchable = terraform ? change.terraform !== undefined : change.armValue !== undefined;
      const retrofit: Retrofit = change.retrofit === 'update' && !patchable ? 'input' : change.retrofit;
      // `after/` is the target state: migrations and rebuilds land there too; the plan says they are not patches.
      const apply = retrofit !== 'input';
      const outcome =
        cluster.format === 'terraform-plan'
          ? { changes: [], notes: ['a plan JSON is not edited: change the Terraform sources and plan again'] }
          : terraform
            ? editTerraform(change, cluster, settings, files, apply)
            : cluster.format === 'bicep'
              ? editBicep(change, cluster, settings, files, apply)
              : editJson(change, cluster, settings, files, apply);
      // Nothing to edit and nothing in the way: an earlier step of the plan set the value already.
      const doneEarlier = retrofit === 'update' && outcome.changes.length === 0 && outcome.notes.length === 0;
      if (doneEarlier) outcome.notes.push('the value is set by an earlier step of this plan');
      steps.push({
        rule,
        title: change.title,
        phase: change.phase,
        retrofit: outcome.changes.length === 0 && retrofit === 'update' && !doneEarlier ? 'input' : retrofit,
        cluster: cluster.display,
        clusterFormat: cluster.format,
        closes: own.filter((f) => f.ruleId === rule).map((f) => f.fingerprint),
        changes: outcome.changes,
        applied: apply && outcome.changes.length > 0,
        az: change.az,
        verify: change.verify,
        after: change.after ?? [],
        ...(change.breaksIfEarly === undefined ? {} : { breaksIfEarly: change.breaksIfEarly }),
        ...(change.reason === undefined ? {} : { reason: change.reason }),
        ...(change.migration === undefined ? {} : { migration: change.migration }),
        notes: outcome.notes,
      });
    }
  }
  return steps;
}
