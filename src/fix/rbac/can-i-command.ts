/** @module The exact `kubectl auth can-i` line that asks the API server what the engine answered. */
import type { AccessRequest } from '../../analysis/rbac/types.js';
import { isClusterScoped } from '../../analysis/rbac/resources.js';
import { serviceAccountUsername, userInfo } from '../../analysis/rbac/user-info.js';
import type { UserInfo } from '../../analysis/rbac/types.js';
import type { SubjectRef } from './types.js';

/** The user a Group subject is checked as: any member will do, kubectl needs a name with `--as-group`. */
export const GROUP_PROBE_USER = 'aksward-check';

const quote = (word: string): string =>
  /^[A-Za-z0-9_.:/@=-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;

/** The identity, as the API server would see it after impersonation. */
export function subjectUser(subject: SubjectRef): UserInfo {
  switch (subject.kind) {
    case 'ServiceAccount':
      return userInfo(serviceAccountUsername(subject.namespace ?? '', subject.name));
    case 'User':
      return userInfo(subject.name);
    case 'Group':
      return userInfo(GROUP_PROBE_USER, [subject.name]);
  }
}

function asFlags(subject: SubjectRef): string {
  switch (subject.kind) {
    case 'ServiceAccount':
      return `--as ${quote(serviceAccountUsername(subject.namespace ?? '', subject.name))}`;
    case 'User':
      return `--as ${quote(subject.name)}`;
    case 'Group':
      return `--as ${GROUP_PROBE_USER} --as-group ${quote(subject.name)}`;
  }
}

export function canICommand(subject: SubjectRef, request: AccessRequest): string {
  if (request.kind === 'non-resource') {
    return `kubectl auth can-i ${quote(request.verb)} ${quote(request.path)} ${asFlags(subject)}`;
  }
  const group = request.apiGroup === '' ? '' : `.${request.apiGroup}`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  const resource = request.resource === '*' ? '*' : `${request.resource}${group}${sub}`;
  const words = ['kubectl auth can-i', quote(request.verb), quote(resource)];
  if (request.name !== '') words.push(quote(request.name));
  if (request.namespace !== '') words.push('-n', quote(request.namespace));
  else if (!isClusterScoped(request.apiGroup, request.resource)) words.push('-A');
  words.push(asFlags(subject));
  return words.join(' ');
}
