/** @module The objects after the RBAC steps: the input of `<dir>/after` and of the proof. */
import type { ClusterModel, KubeObject } from '../../model/index.js';
import { kubeObjectsOf } from './generated-objects.js';
import type { GrantStep, RemoveStep } from './types.js';

/** The objects after the confirmed steps (or every step, pending ones included). */
export function objectsAfter(
  model: ClusterModel,
  grants: readonly GrantStep[],
  removals: readonly RemoveStep[],
  options: { readonly includePending?: boolean } = {},
): KubeObject[] {
  const applied = removals.filter((r) => options.includePending === true || r.needsUserInput === undefined);
  const drop = new Set<string>();
  const edits = new Map<string, KubeObject>();
  for (const step of applied) {
    for (const change of step.changes) {
      const key = `${change.binding.kind}/${change.binding.namespace ?? ''}/${change.binding.name}`;
      if (change.action === 'delete') drop.add(key);
      else if (change.edited) {
        const [object] = kubeObjectsOf(change.edited);
        if (object) edits.set(key, object);
      }
    }
    for (const role of step.deleteRoles) drop.add(`${role.kind}/${role.namespace ?? ''}/${role.name}`);
  }
  const kept: KubeObject[] = [];
  for (const object of model.objects) {
    const key = `${object.kind}/${object.kind === 'Role' || object.kind === 'RoleBinding' ? (object.namespace ?? 'default') : ''}/${object.name}`;
    if (drop.has(key)) continue;
    kept.push(edits.get(key) ?? object);
  }
  return [...kept, ...grants.flatMap((g) => g.files.flatMap(kubeObjectsOf))];
}
