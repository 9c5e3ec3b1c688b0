/** @module `Microsoft.Insights/diagnosticSettings`: enabled log categories, and `az monitor diagnostic-settings list` output as satellites. */
import type { DiagnosticSetting, Setting } from '../../model/index.js';
import type { LoadSink } from '../load-sink.js';
import type { JsonNode } from './json-tree.js';
import { getNode, getString } from './json-tree.js';
import type { Cursor, ValueReader } from './resource-view.js';
import { finish, isCursorList, listItems, rootCursor, walk } from './resource-view.js';

const SETTINGS_TYPE = 'microsoft.insights/diagnosticsettings';
const ID_MARKER = '/providers/microsoft.insights/diagnosticsettings/';

export const isDiagnosticSettingType = (type: string | undefined): boolean =>
  type?.toLowerCase() === SETTINGS_TYPE;

/** True for an object that is a diagnostic setting by its type or by its resource id. */
export function isDiagnosticSettingObject(node: unknown): boolean {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const { type, id } = node as { type?: unknown; id?: unknown };
  if (typeof type === 'string') return isDiagnosticSettingType(type);
  return typeof id === 'string' && id.toLowerCase().includes(ID_MARKER);
}

type Category = { readonly name: string } | { readonly unknown: string };

/** A log entry's category (or category group) when it is enabled, nothing when disabled. */
function enabledCategory(item: Cursor, reader: ValueReader): Category | undefined {
  const enabled = finish(walk(item, ['enabled'], reader), reader);
  if (enabled.kind === 'unknown') return { unknown: enabled.reason };
  // `enabled` is required by the API: an entry without it cannot be read as either state.
  if (enabled.kind === 'absent') return { unknown: `${enabled.path} is not stated` };
  if (enabled.value === false || enabled.value === 'false') return undefined;
  if (enabled.value !== true && enabled.value !== 'true')
    return { unknown: `${enabled.path} is not a boolean` };
  for (const key of ['category', 'categoryGroup']) {
    const name = finish(walk(item, [key], reader), reader);
    if (name.kind === 'unknown') return { unknown: name.reason };
    if (name.kind === 'value' && typeof name.value === 'string') return { name: name.value };
  }
  return { unknown: `${item.path} names no category or categoryGroup` };
}

/** Reads the setting under `resource`; `properties` is used when present, else the flattened az CLI shape. */
export function readDiagnosticSetting(
  resource: Cursor,
  reader: ValueReader,
  name: string,
): DiagnosticSetting {
  const at = { file: reader.file, line: resource.line };
  const properties = walk(resource, ['properties'], reader);
  const logs = walk(properties.kind === 'absent' ? resource : properties, ['logs'], reader);
  const items = listItems(logs, reader);
  const where = { at: { file: reader.file, line: logs.line }, path: logs.path };
  let enabledCategories: Setting<readonly string[]>;
  if (!isCursorList(items)) {
    const reason = items.kind === 'unknown' ? items.reason : 'logs cannot be read';
    enabledCategories = { state: 'unknown', reason, ...where };
  } else if (logs.kind === 'absent') {
    enabledCategories = {
      state: 'default',
      value: [],
      basis: 'a diagnostic setting without logs sends none',
      ...where,
    };
  } else {
    enabledCategories = collect(items, reader, where);
  }
  return { name, at, enabledCategories };
}

function collect(
  items: readonly Cursor[],
  reader: ValueReader,
  where: { at: DiagnosticSetting['at']; path: string },
): Setting<readonly string[]> {
  const names: string[] = [];
  for (const item of items) {
    const category = enabledCategory(item, reader);
    if (category === undefined) continue;
    if ('unknown' in category) return { state: 'unknown', reason: category.unknown, ...where };
    names.push(category.name);
  }
  return { state: 'stated', value: names, ...where };
}

/** `<resource id>/providers/microsoft.insights/diagnosticSettings/<name>` → the resource id (the cluster's). */
export function targetOfSettingId(id: string): string | undefined {
  const index = id.toLowerCase().lastIndexOf(ID_MARKER);
  return index > 0 ? id.slice(0, index) : undefined;
}

function settingItems(root: JsonNode): readonly JsonNode[] {
  if (root.kind === 'array') return root.items;
  const value = getNode(root, 'value');
  return value?.kind === 'array' ? value.items : [root];
}

/** Loads a list (or one REST object) of diagnostic settings as satellites of the resources they belong to. */
export function loadDiagnosticSettings(root: JsonNode, sink: LoadSink, reader: ValueReader): number {
  let count = 0;
  for (const item of settingItems(root)) {
    const id = getString(item, 'id');
    const name = getString(item, 'name') ?? id?.split('/').pop() ?? 'unnamed';
    const targetId = id === undefined ? undefined : targetOfSettingId(id);
    if (item.kind !== 'object' || targetId === undefined) {
      const message = `diagnostic setting ${name} has no resource id naming the resource it belongs to; skipped`;
      reader.report({ code: 'wrong-type', undecidable: false, message, line: item.line });
      continue;
    }
    const value = readDiagnosticSetting(rootCursor(item), reader, name);
    sink.addSatellite({ kind: 'diagnostic-setting', targetId, value });
    count++;
  }
  return count;
}
