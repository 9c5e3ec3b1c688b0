/** @module Resources around an azurerm cluster: maintenance windows, diagnostic settings, the Defender for Containers plan. */
import type { DiagnosticSetting, MaintenanceConfiguration, Setting } from '../../model/index.js';
import type { Lookup } from '../normalize/cluster-source.js';
import { absent, display, stated, unknownLookup } from './azurerm-lookups.js';
import type { TfResource, TfView } from './tf-resource.js';

export const DIAGNOSTIC_SETTING = 'azurerm_monitor_diagnostic_setting';
export const PRICING = 'azurerm_security_center_subscription_pricing';

/** azurerm's maintenance blocks and the AKS maintenance configuration each one creates. */
const MAINTENANCE_BLOCKS = [
  ['maintenance_window', 'default'],
  ['maintenance_window_auto_upgrade', 'aksManagedAutoUpgradeSchedule'],
  ['maintenance_window_node_os', 'aksManagedNodeOSUpgradeSchedule'],
] as const;

/** The module is the definition: the windows it lacks do not exist. */
export function maintenanceConfigurations(cluster: TfResource): Setting<readonly MaintenanceConfiguration[]> {
  const out: MaintenanceConfiguration[] = [];
  for (const [block, name] of MAINTENANCE_BLOCKS) {
    const read = cluster.view.block([block]);
    const at = cluster.view.locate([block]);
    if (read.kind === 'unknown') return { state: 'unknown', reason: read.reason, at, path: block };
    if (read.kind === 'value') out.push({ name, at });
  }
  return { state: 'stated', value: out, at: cluster.at, path: 'maintenance_window' };
}

/** One `enabled_log` or `log` block's categories; a `log` block with `enabled = false` has none. */
function blockCategories(block: TfView, isLog: boolean): string[] | { readonly unknown: string } {
  if (isLog) {
    const enabled = block.attr(['enabled']);
    if (enabled.kind === 'unknown') return { unknown: enabled.reason };
    if (enabled.kind === 'value' && (enabled.value === false || enabled.value === 'false')) return [];
  }
  const out: string[] = [];
  for (const attribute of ['category', 'category_group']) {
    const read = block.attr([attribute]);
    if (read.kind === 'unknown') return { unknown: read.reason };
    if (read.kind === 'value' && typeof read.value === 'string' && read.value !== '') out.push(read.value);
  }
  return out;
}

/**
 * Enabled log categories: `enabled_log { category | category_group }`, and the older
 * `log { category, enabled }` (azurerm: `enabled` "Defaults to `true`").
 */
function enabledCategories(setting: TfResource): Setting<readonly string[]> {
  const { view, address } = setting;
  const out: string[] = [];
  for (const name of ['enabled_log', 'log']) {
    const blocks = view.blocks(name);
    const path = display(address, [name]);
    if ('unknown' in blocks)
      return { state: 'unknown', reason: blocks.unknown, at: view.locate([name]), path };
    for (const block of blocks) {
      const categories = blockCategories(block, name === 'log');
      if ('unknown' in categories)
        return { state: 'unknown', reason: categories.unknown, at: block.locate([]), path };
      out.push(...categories);
    }
  }
  const logs =
    view.block(['enabled_log']).kind === 'absent' && view.block(['log']).kind !== 'absent'
      ? 'log'
      : 'enabled_log';
  return { state: 'stated', value: out, at: view.locate([logs]), path: display(address, [logs]) };
}

export function toDiagnosticSetting(setting: TfResource): DiagnosticSetting {
  const name = setting.view.attr(['name']);
  return {
    name: name.kind === 'value' && typeof name.value === 'string' ? name.value : setting.name,
    at: setting.at,
    enabledCategories: enabledCategories(setting),
  };
}

/** The diagnostic settings whose `target_resource_id` is this cluster; unknown when one may be. */
export function diagnosticSettings(
  cluster: TfResource,
  resources: readonly TfResource[],
): Setting<readonly DiagnosticSetting[]> {
  const out: DiagnosticSetting[] = [];
  for (const setting of resources) {
    if (setting.type !== DIAGNOSTIC_SETTING) continue;
    const target = setting.references('target_resource_id', cluster);
    if (target === true) out.push(toDiagnosticSetting(setting));
    else if (target !== false) {
      return {
        state: 'unknown',
        reason: `${setting.address}: ${target.unknown}, so it may target this cluster`,
        at: setting.view.locate(['target_resource_id']),
        path: display(setting.address, ['target_resource_id']),
      };
    }
  }
  return { state: 'stated', value: out, at: cluster.at, path: DIAGNOSTIC_SETTING };
}

/** `azurerm_security_center_subscription_pricing` with `resource_type = "Containers"` (azurerm default: `VirtualMachines`). */
export function defenderPlan(resources: readonly TfResource[]): Lookup | undefined {
  let undecided: Lookup | undefined;
  for (const pricing of resources) {
    if (pricing.type !== PRICING) continue;
    const type = pricing.view.attr(['resource_type']);
    if (
      type.kind === 'value' &&
      typeof type.value === 'string' &&
      type.value.toLowerCase() === 'containers'
    ) {
      return (
        stated(pricing.view, ['tier'], pricing.address) ?? absent(pricing.view, ['tier'], pricing.address)
      );
    }
    if (type.kind === 'unknown') {
      const reason = `resource_type ${type.reason}, so it may be the Containers plan`;
      undecided ??= unknownLookup(pricing.view, ['resource_type'], reason, pricing.address);
    }
  }
  return undecided;
}
