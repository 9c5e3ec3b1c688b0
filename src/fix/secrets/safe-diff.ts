/**
 * @module A unified diff that never carries a secret value. Context stops at a line that holds one (git
 * apply takes less context); a change that removes or adds such a line is left out of the diff and
 * given as a line-addressed instruction instead ("lines 31-32: replace with ..."), the value not shown.
 */
import { diffArrays } from 'diff';

const CONTEXT = 3;

export interface SafeDiff {
  /** The diff for `git apply`, or undefined when every change had to be left to the instructions. */
  readonly diff: string | undefined;
  /** Edits to make by hand, before applying the diff; line numbers are those of the file as it was. */
  readonly manual: readonly string[];
  /**
   * A hunk ends right before a secret line, away from the end of the file: git apply reads a hunk with
   * no trailing context as anchored at the end unless given `--unidiff-zero`.
   */
  readonly unidiffZero: boolean;
}

interface Region {
  readonly oldFrom: number;
  readonly oldTo: number;
  readonly newFrom: number;
  readonly newTo: number;
  readonly manual: boolean;
}

function splitLines(text: string): { lines: string[]; eol: boolean } {
  // An empty file has no line (not one empty line without its newline).
  if (text === '') return { lines: [], eol: true };
  const lines = text.split('\n');
  const eol = text.endsWith('\n');
  if (eol) lines.pop();
  return { lines, eol };
}

/** A document marker line: the edits of a plan change documents, never where they start. */
const MARKER = /^---(?:[ \t]|$)/;

interface Part {
  readonly count: number;
  readonly added?: boolean;
  readonly removed?: boolean;
}

/** The parts of a diff, in order, counted in lines; runs of unchanged lines are merged as they come. */
class Parts {
  readonly list: Part[] = [];

  same(count: number): void {
    if (count === 0) return;
    const last = this.list.at(-1);
    if (last !== undefined && !last.added && !last.removed)
      this.list[this.list.length - 1] = { count: last.count + count };
    else this.list.push({ count });
  }

  /** `diffArrays` of `a` and `b`, appended. */
  diff(a: readonly string[], b: readonly string[]): void {
    if (a.length === b.length && a.every((line, n) => line === b[n])) {
      this.same(a.length);
      return;
    }
    for (const p of diffArrays([...a], [...b])) {
      if (p.added || p.removed) this.list.push({ count: p.value.length, added: p.added, removed: p.removed });
      else this.same(p.value.length);
    }
  }
}

type Range = readonly [number, number];

/**
 * The documents of a line list: the lines before the first marker, then each marker with the lines up to
 * the next, as `[start, end)` ranges that cover every line.
 */
function documentRanges(lines: readonly string[], markers: readonly number[]): Range[] {
  const starts = [0, ...markers];
  return starts.map((start, k) => [start, starts[k + 1] ?? lines.length]);
}

/**
 * Documents of two lists matched by `key` (`diffArrays` of the keys): `matched` gets each pair, in order,
 * and `unmatched` each run of the others between two pairs (removed documents, then added ones).
 */
function matchDocuments(
  a: readonly Range[],
  b: readonly Range[],
  keyA: (range: Range) => string,
  keyB: (range: Range) => string,
  matched: (x: Range, y: Range) => void,
  unmatched: (xs: readonly Range[], ys: readonly Range[]) => void,
): void {
  let i = 0;
  let j = 0;
  let xs: Range[] = [];
  let ys: Range[] = [];
  const flush = (): void => {
    if (xs.length > 0 || ys.length > 0) unmatched(xs, ys);
    xs = [];
    ys = [];
  };
  for (const part of diffArrays(a.map(keyA), b.map(keyB))) {
    const count = part.value.length;
    if (part.removed) {
      xs.push(...a.slice(i, i + count));
      i += count;
    } else if (part.added) {
      ys.push(...b.slice(j, j + count));
      j += count;
    } else {
      flush();
      for (let k = 0; k < count; k += 1) matched(a[i + k] ?? [0, 0], b[j + k] ?? [0, 0]);
      i += count;
      j += count;
    }
  }
  flush();
}

/**
 * Which object a document holds, as its lines say it: its top-level `kind` line and the `name` and `namespace`
 * lines of its `metadata`. A document without them gets a key of its own (`side` and its first line), which
 * matches nothing. Only pairs documents for the diff: a wrong pair makes a longer diff, never a wrong one.
 */
function identityKey(lines: readonly string[], [start, end]: Range, side: string): string {
  let kind: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  let metadataIndent: number | undefined;
  let inMetadata = false;
  for (let n = start; n < end; n += 1) {
    const line = lines[n] ?? '';
    if (/^[^\s#-]/.test(line)) {
      inMetadata = line.startsWith('metadata:');
      if (kind === undefined && line.startsWith('kind:')) kind = line.trimEnd();
      continue;
    }
    if (!inMetadata || line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = indentOf(line);
    metadataIndent ??= indent;
    if (indent !== metadataIndent) continue;
    if (name === undefined && line.trimStart().startsWith('name:')) name = line.trim();
    else if (namespace === undefined && line.trimStart().startsWith('namespace:')) namespace = line.trim();
  }
  return kind !== undefined && name !== undefined
    ? `${kind}\n${name}\n${namespace ?? ''}`
    : `\u0000${side}${String(start)}`;
}

/**
 * `diffArrays` of two line lists, document by document: a plan edits hundreds of documents of one file, and
 * one diff over the whole file costs its length times the lines changed. It also pairs lines across
 * documents: a removed RoleBinding read as the end of one binding and the start of the next.
 * - Both lists have the same document markers: each marker line is kept, and each document's lines are
 *   compared with their own.
 * - Documents were removed or added (a plan removes a plain-text Secret from a file of workloads): the
 *   documents are matched first as whole texts, then those left by the object they hold (`identityKey`): an
 *   edited document is compared with its own new text, and a removed one is removed whole. Documents still
 *   left between two matched ones are compared line by line.
 */
function lineParts(old: readonly string[], neu: readonly string[]): Part[] {
  const oldMarkers = old.flatMap((line, i) => (MARKER.test(line) ? [i] : []));
  const newMarkers = neu.flatMap((line, i) => (MARKER.test(line) ? [i] : []));
  const parts = new Parts();
  if (oldMarkers.length === 0 && newMarkers.length === 0) {
    parts.diff(old, neu);
    return parts.list;
  }
  if (
    oldMarkers.length === newMarkers.length &&
    oldMarkers.every((at, k) => old[at] === neu[newMarkers[k] ?? -1])
  ) {
    let i = 0;
    let j = 0;
    for (let k = 0; k <= oldMarkers.length; k += 1) {
      const oldEnd = oldMarkers[k] ?? old.length;
      const newEnd = newMarkers[k] ?? neu.length;
      parts.diff(old.slice(i, oldEnd), neu.slice(j, newEnd));
      // The marker itself, when there is one.
      if (k < oldMarkers.length) parts.same(1);
      i = oldEnd + 1;
      j = newEnd + 1;
    }
    return parts.list;
  }
  const text = (lines: readonly string[], [start, end]: Range): string => lines.slice(start, end).join('\n');
  const span = (ranges: readonly Range[]): Range => [ranges[0]?.[0] ?? 0, ranges.at(-1)?.[1] ?? 0];
  const compare = ([start, end]: Range, [from, to]: Range): void => {
    parts.diff(old.slice(start, end), neu.slice(from, to));
  };
  matchDocuments(
    documentRanges(old, oldMarkers),
    documentRanges(neu, newMarkers),
    (range) => text(old, range),
    (range) => text(neu, range),
    ([start, end]) => {
      parts.same(end - start);
    },
    (removed, added) => {
      matchDocuments(
        removed,
        added,
        (range) => identityKey(old, range, 'a'),
        (range) => identityKey(neu, range, 'b'),
        compare,
        (xs, ys) => {
          if (xs.length === ys.length)
            xs.forEach((x, k) => {
              compare(x, ys[k] ?? [0, 0]);
            });
          else compare(span(xs), span(ys));
        },
      );
    },
  );
  return parts.list;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function header(start: number, count: number): string {
  // A hunk of no lines is addressed by the line before it (0 at the top of the file).
  return `${String(count === 0 ? start : start + 1)},${String(count)}`;
}

/**
 * The diff of `before` → `after` for `git apply`, with no line for which `holds` is true; the changes
 * that touch such lines are returned as instructions for `display` (the file's path in the plan).
 */
export function safeUnifiedDiff(
  path: string,
  before: string,
  after: string,
  holds: (line: string) => boolean,
): SafeDiff {
  const old = splitLines(before);
  const neu = splitLines(after);
  const regions: Region[] = [];
  let i = 0;
  let j = 0;
  let open: { oldFrom: number; newFrom: number } | undefined;
  const close = (): void => {
    if (!open) return;
    const removed = old.lines.slice(open.oldFrom, i);
    const added = neu.lines.slice(open.newFrom, j);
    const manual = removed.some(holds) || added.some(holds);
    // A secret line replaced, then more lines added after it: the replacement is the added lines nested
    // at least as deep as the removed one; what follows is an insertion the diff can carry.
    const depth = indentOf(removed[0] ?? '');
    let nested = 0;
    while (
      nested < added.length &&
      (added[nested] ?? '').trim() !== '' &&
      indentOf(added[nested] ?? '') >= depth
    )
      nested++;
    const tail = added.slice(nested);
    if (manual && removed.length > 0 && tail.length > 0 && !tail.some(holds)) {
      regions.push({
        oldFrom: open.oldFrom,
        oldTo: i,
        newFrom: open.newFrom,
        newTo: open.newFrom + nested,
        manual,
      });
      regions.push({ oldFrom: i, oldTo: i, newFrom: open.newFrom + nested, newTo: j, manual: false });
    } else regions.push({ oldFrom: open.oldFrom, oldTo: i, newFrom: open.newFrom, newTo: j, manual });
    open = undefined;
  };
  for (const part of lineParts(old.lines, neu.lines)) {
    const { count } = part;
    if (!part.added && !part.removed) {
      close();
      i += count;
      j += count;
      continue;
    }
    open ??= { oldFrom: i, newFrom: j };
    if (part.removed) i += count;
    else j += count;
  }
  close();
  // The newline at the end of the file changed only: a region over the last line of each side.
  if (regions.length === 0 && old.eol !== neu.eol && old.lines.length > 0)
    regions.push({
      oldFrom: old.lines.length - 1,
      oldTo: old.lines.length,
      newFrom: neu.lines.length - 1,
      newTo: neu.lines.length,
      manual: holds(old.lines.at(-1) ?? ''),
    });

  const manual = regions
    .filter((r) => r.manual)
    .map((r) => {
      const lines =
        r.oldTo - r.oldFrom === 0
          ? `after line ${String(r.oldFrom)}`
          : r.oldTo - r.oldFrom === 1
            ? `line ${String(r.oldFrom + 1)}`
            : `lines ${String(r.oldFrom + 1)}-${String(r.oldTo)}`;
      const added = neu.lines.slice(r.newFrom, r.newTo);
      const shown = added.filter((line) => !holds(line));
      if (r.oldTo === r.oldFrom) return `${path} ${lines}: insert\n${shown.join('\n')}`;
      if (added.length === 0)
        return `${path} ${lines}: delete ${r.oldTo - r.oldFrom === 1 ? 'this line' : 'these lines'} (a secret value is there; it is not shown)`;
      return `${path} ${lines}: replace ${r.oldTo - r.oldFrom === 1 ? 'the line' : 'the lines'} (a secret value is there; it is not shown) with\n${shown.join('\n')}${shown.length < added.length ? '\n(and keep the line that holds the value)' : ''}`;
    });

  // Lines no context may take: secret lines, and the lines of the changes left to the instructions.
  const barred = new Set<number>();
  old.lines.forEach((line, n) => {
    if (holds(line)) barred.add(n);
  });
  for (const r of regions) if (r.manual) for (let n = r.oldFrom; n < r.oldTo; n++) barred.add(n);

  const hunks: string[] = [];
  let unidiffZero = false;
  const auto = regions.filter((r) => !r.manual);
  let k = 0;
  while (k < auto.length) {
    const first = auto[k];
    if (!first) break;
    let lead = 0;
    while (lead < CONTEXT && first.oldFrom - lead - 1 >= 0 && !barred.has(first.oldFrom - lead - 1)) lead++;
    const body: string[] = [];
    for (let n = first.oldFrom - lead; n < first.oldFrom; n++) body.push(` ${old.lines[n] ?? ''}`);
    let last = first;
    const emit = (r: Region): void => {
      for (let n = r.oldFrom; n < r.oldTo; n++) {
        body.push(`-${old.lines[n] ?? ''}`);
        if (n === old.lines.length - 1 && !old.eol) body.push('\\ No newline at end of file');
      }
      for (let n = r.newFrom; n < r.newTo; n++) {
        body.push(`+${neu.lines[n] ?? ''}`);
        if (n === neu.lines.length - 1 && !neu.eol) body.push('\\ No newline at end of file');
      }
    };
    emit(first);
    k++;
    // Join the next change when the lines between are few and none is barred.
    for (;;) {
      const next = auto[k];
      if (!next) break;
      const gap = next.oldFrom - last.oldTo;
      let clear = gap <= 2 * CONTEXT;
      for (let n = last.oldTo; clear && n < next.oldFrom; n++) if (barred.has(n)) clear = false;
      if (!clear) break;
      for (let n = last.oldTo; n < next.oldFrom; n++) body.push(` ${old.lines[n] ?? ''}`);
      emit(next);
      last = next;
      k++;
    }
    let trail = 0;
    while (trail < CONTEXT && last.oldTo + trail < old.lines.length && !barred.has(last.oldTo + trail)) {
      body.push(` ${old.lines[last.oldTo + trail] ?? ''}`);
      if (last.oldTo + trail === old.lines.length - 1 && !old.eol) body.push('\\ No newline at end of file');
      trail++;
    }
    if (trail === 0 && last.oldTo < old.lines.length) unidiffZero = true;
    const oldStart = first.oldFrom - lead;
    const oldCount = last.oldTo + trail - oldStart;
    const newStart = first.newFrom - lead;
    const newCount = last.newTo + trail - newStart;
    hunks.push(`@@ -${header(oldStart, oldCount)} +${header(newStart, newCount)} @@`, ...body);
  }
  const diff =
    hunks.length === 0
      ? undefined
      : `${[`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, ...hunks].join('\n')}\n`;
  return { diff, manual, unidiffZero };
}
