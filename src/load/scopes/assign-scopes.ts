/**
 * @module Which input files form one cluster (`--cluster-scope`): the default reads the repository layout
 * (a cluster definition and the manifests beside it are one cluster, all of them when there is one definition; each kustomization is one; each top-level
 * app folder is one, split into its folders or files where they define the same objects, as alternative
 * installs do).
 */
import { posix } from 'node:path';
import { appendAll } from '../../model/append.js';
import { groupBy } from '../../model/group-by.js';

export const CLUSTER_SCOPE_MODES = ['auto', 'per-folder', 'per-kustomization', 'all'] as const;
export type ClusterScopeMode = (typeof CLUSTER_SCOPE_MODES)[number];

/** One input file, as the scoping sees it. */
export interface ScopeSource {
  /** The file as displayed (objects' `origin.file`, clusters' `at.file`). */
  readonly file: string;
  readonly kind: 'kustomization' | 'cluster' | 'manifest';
  /** Identities (group, kind, namespace, name) of the workloads it defines: two files defining one are alternatives. */
  readonly identities: ReadonlySet<string>;
}

/** A set of input files that form one cluster, named by the folder or file they are. */
export interface ScopeAssignment {
  readonly name: string;
  /** Why these files are one cluster, in a few words. */
  readonly reason: string;
  readonly files: readonly string[];
}

/** `base/overlays/prod/kustomization.yaml` and `<stdin>` are shown as their folder, `.` as itself. */
function folderOf(file: string): string {
  return posix.dirname(file);
}

/** Whether `file` is `folder` itself or lies under it. */
function isUnder(file: string, folder: string): boolean {
  return folder === '.' ? !posix.isAbsolute(file) : file === folder || file.startsWith(`${folder}/`);
}

/** The deepest folder holding every file. */
function commonFolder(files: readonly string[]): string {
  const split = files.map((file) => folderOf(file).split('/'));
  const [first = []] = split;
  let length = first.length;
  for (const parts of split) {
    let same = 0;
    while (same < Math.min(length, parts.length) && parts[same] === first[same]) same += 1;
    length = same;
  }
  const joined = first.slice(0, length).join('/');
  return joined === '' ? (first[0] === '' ? '/' : '.') : joined;
}

/**
 * Each file's app folder: the first folder on its path, from the folder common to all (included), that holds
 * an input itself. `guestbook/all-in-one/` is part of the app in `guestbook/` when `guestbook/` holds manifests too;
 * `web/guestbook/` and `web/redis/` are two apps when `web/` holds none.
 */
function appFolders(files: readonly string[]): (file: string) => string {
  const holding = new Set(files.map(folderOf));
  const root = commonFolder(files);
  return (file) => {
    const folder = folderOf(file);
    if (folder === root || holding.has(root)) return root;
    const inside = (root === '.' ? folder : folder.slice(root.length + 1)).split('/');
    const base = root === '.' ? [] : [root === '/' ? '' : root];
    for (let depth = 1; depth <= inside.length; depth += 1) {
      const candidate = [...base, ...inside.slice(0, depth)].join('/');
      if (holding.has(candidate)) return candidate;
    }
    return folder;
  };
}

/**
 * Whether two of the sets share a member: each member noted with the first set holding it, one pass over
 * all of them (comparing every pair of a folder's files was quadratic: 5,000 files took 0.2 s).
 */
function anyShared(sets: Iterable<ReadonlySet<string>>): boolean {
  const holder = new Map<string, number>();
  let index = 0;
  for (const set of sets) {
    for (const member of set) {
      const first = holder.get(member);
      if (first === undefined) holder.set(member, index);
      else if (first !== index) return true;
    }
    index += 1;
  }
  return false;
}

function unionOf(sources: readonly ScopeSource[]): Set<string> {
  return new Set(sources.flatMap((source) => [...source.identities]));
}

/**
 * The files of one folder as units: the whole folder, or each file on its own when two of its files define
 * the same object (Argo CD's `install.yaml` beside `namespace-install.yaml`).
 */
function folderUnits(folder: string, sources: readonly ScopeSource[]): ScopeAssignment[] {
  const overlap = anyShared(sources.map((s) => s.identities));
  const [only] = sources;
  if (only !== undefined && sources.length === 1)
    return [{ name: only.file, reason: 'file', files: [only.file] }];
  if (!overlap) return [{ name: folder, reason: 'folder', files: sources.map((s) => s.file) }];
  return sources.map((s) => ({ name: s.file, reason: 'alternative install', files: [s.file] }));
}

/**
 * One top-level app folder: one cluster, unless its parts define the same objects (alternative installs
 * of one app): then each part (folder, or file where a folder's files overlap) is its own.
 */
function appScopes(name: string, sources: readonly ScopeSource[]): ScopeAssignment[] {
  const byFolder = groupBy(sources, (s) => folderOf(s.file));
  const units = [...byFolder].flatMap(([folder, members]) => folderUnits(folder, members));
  if (units.length === 1) return units;
  const byFile = new Map(sources.map((s) => [s.file, s]));
  const unitIdentities = units.map((unit) => unionOf(unit.files.flatMap((file) => byFile.get(file) ?? [])));
  if (anyShared(unitIdentities)) return units;
  return [{ name, reason: 'app folder', files: sources.map((s) => s.file) }];
}

function kustomizationScope(source: ScopeSource): ScopeAssignment {
  return { name: folderOf(source.file), reason: 'kustomization', files: [source.file] };
}

/** The default: what the repository layout says. */
function layoutScopes(sources: readonly ScopeSource[]): ScopeAssignment[] {
  const clusterFolders = [
    ...new Set(sources.filter((s) => s.kind === 'cluster').map((s) => folderOf(s.file))),
  ];
  // With one cluster folder, every input is its cluster's (manifests kept apart from the definition, as
  // `fix` writes them); with several, a file belongs to the nearest folder above it that holds one.
  const [onlyFolder] = clusterFolders;
  const clusterFolderOf = (file: string): string | undefined =>
    clusterFolders.length === 1
      ? onlyFolder
      : clusterFolders.filter((folder) => isUnder(file, folder)).sort((a, b) => b.length - a.length)[0];
  const scopes: ScopeAssignment[] = [];
  const byClusterFolder = groupBy(sources, (source) => clusterFolderOf(source.file));
  const rest = byClusterFolder.get(undefined) ?? [];
  for (const [folder, members] of byClusterFolder) {
    if (folder === undefined) continue;
    const kustomizations = members.filter((s) => s.kind === 'kustomization');
    // One kustomization beside a cluster definition is its workload; several are alternatives (overlays).
    const split = kustomizations.length > 1 ? kustomizations : [];
    scopes.push({
      name: folder,
      reason:
        clusterFolders.length === 1
          ? 'the cluster definition and every manifest'
          : 'cluster definition and the manifests beside it',
      files: members.filter((s) => !split.includes(s)).map((s) => s.file),
    });
    scopes.push(...split.map(kustomizationScope));
  }
  scopes.push(...rest.filter((s) => s.kind === 'kustomization').map(kustomizationScope));
  const plain = rest.filter((s) => s.kind !== 'kustomization');
  if (plain.length === 0) return scopes;
  const appOf = appFolders(plain.map((s) => s.file));
  for (const [app, members] of groupBy(plain, (s) => appOf(s.file)))
    appendAll(scopes, appScopes(app, members));
  return scopes;
}

/**
 * The scopes of a mode, sorted by name. Every source is in exactly one scope; no scope is empty (no sources:
 * no scopes).
 */
export function assignScopes(sources: readonly ScopeSource[], mode: ClusterScopeMode): ScopeAssignment[] {
  if (sources.length === 0) return [];
  const scopes = ((): ScopeAssignment[] => {
    switch (mode) {
      case 'all':
        return [{ name: 'all inputs', reason: 'all inputs', files: sources.map((s) => s.file) }];
      case 'per-kustomization': {
        const others = sources.filter((s) => s.kind !== 'kustomization');
        return [
          ...sources.filter((s) => s.kind === 'kustomization').map(kustomizationScope),
          ...(others.length === 0
            ? []
            : [{ name: 'other inputs', reason: 'not a kustomization', files: others.map((s) => s.file) }]),
        ];
      }
      case 'per-folder':
        return [
          ...sources.filter((s) => s.kind === 'kustomization').map(kustomizationScope),
          ...[
            ...groupBy(
              sources.filter((s) => s.kind !== 'kustomization'),
              (s) => folderOf(s.file),
            ),
          ].map(([folder, members]) => ({
            name: folder,
            reason: 'folder',
            files: members.map((s) => s.file),
          })),
        ];
      case 'auto':
        return layoutScopes(sources);
    }
  })();
  return uniqueNames(scopes.sort((a, b) => a.name.localeCompare(b.name)));
}

/** A kustomization and the plain files of its folder can share a name: the later ones get `#2`, `#3`. */
function uniqueNames(scopes: readonly ScopeAssignment[]): ScopeAssignment[] {
  const seen = new Map<string, number>();
  return scopes.map((scope) => {
    const count = (seen.get(scope.name) ?? 0) + 1;
    seen.set(scope.name, count);
    return count === 1 ? scope : { ...scope, name: `${scope.name}#${String(count)}` };
  });
}
