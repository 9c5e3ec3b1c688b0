/**
 * @module The texts of the inputs as a fix plan edits them (its `after/` state), file by file. The documents of
 * a YAML manifest are addressed as the loader numbered them in the text it read (`origin.documentIndex`, the
 * same split of the stream), whatever the plan removed from that file before: deleting a Secret or a RoleBinding
 * does not move the Deployment another step patches. An edit reads and rewrites its own document only, so a
 * file's cost grows with its edits, not with their product by its length.
 */
import type { ObjectOrigin } from '../model/index.js';
import type { TextSlice } from '../load/manifests/split-documents.js';
import { splitDocuments } from '../load/manifests/split-documents.js';
import type { EditPoint, ParsedDocument, YamlEdit } from './workloads/yaml-edit.js';
import {
  editDocumentText,
  parseDocumentText,
  replaceDocumentText,
  resumeEdits,
} from './workloads/yaml-edit.js';

export interface FileChange {
  readonly file: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Successive changes of files, one per file: the text before the first and after the last, what a step's
 * diff shows. Kept as they come, not listed: each change holds its whole file, and a step editing the 50
 * workloads of a file one by one held 50 copies of it (10,000 workloads: over a gigabyte).
 */
export class FileChanges {
  readonly #byFile = new Map<string, FileChange>();

  add(change: FileChange | undefined): void {
    if (change === undefined) return;
    const seen = this.#byFile.get(change.file);
    this.#byFile.set(
      change.file,
      seen ? { file: change.file, before: seen.before, after: change.after } : change,
    );
  }

  /** The files whose text changed, in the order of their first change. */
  list(): FileChange[] {
    return [...this.#byFile.values()].filter((c) => c.before !== c.after);
  }
}

/**
 * Why an object's manifest cannot be edited as a document of its file: an item of a List shares its document,
 * a rendered object's lines are not its source. Undefined for a document of its own, the only kind the plan's
 * diffs patch, remove or replace (the others are left to the user's hand or to a decision).
 */
export function byHandReason(origin: ObjectOrigin): string | undefined {
  if (origin.at.template !== undefined) return `rendered from the template ${origin.at.template}`;
  const [first, item] = origin.basePath;
  if (first === 'items' && typeof item === 'number') return `item ${String(item)} of a List`;
  return origin.basePath.length > 0 ? 'part of a larger document' : undefined;
}

/** The result of edits to one document: the change (none when nothing changed) and the edits not made. */
export interface DocumentEdit {
  readonly change: FileChange | undefined;
  readonly failed: readonly YamlEdit[];
}

/**
 * The object a document is expected to hold. A document that holds another one (or none) is not edited: the
 * object was numbered in another stream than the file (a kustomization's output) or placed by a line that is
 * not its own, and an edit there would land on a stranger.
 */
export interface DocumentIdentity {
  readonly kind: string;
  readonly name: string;
}

/** Whether a parsed document holds the object `identity` names (its `kind` and `metadata.name`). */
function holds(doc: ParsedDocument, identity: DocumentIdentity): boolean {
  if (doc === undefined || !('contents' in doc)) return false;
  return doc.get('kind') === identity.kind && doc.getIn(['metadata', 'name']) === identity.name;
}

/** Where a document's edits left off, and the identity its parse was checked against. */
interface KeptPoint {
  readonly point: EditPoint;
  readonly identity: DocumentIdentity;
}

const sameIdentity = (a: DocumentIdentity, b: DocumentIdentity): boolean =>
  a === b || (a.kind === b.kind && a.name === b.name);

/** Whether an edit writes at or above the document's `kind` or `metadata.name`. */
function touchesIdentity(edit: YamlEdit): boolean {
  const [first, second] = edit.path;
  return (
    first === undefined ||
    first === 'kind' ||
    (first === 'metadata' && (second === undefined || second === 'name'))
  );
}

/**
 * The documents of a file's current text, kept while the plan edits it: the text of each document and of what
 * lies between them (the file is `gaps[0] + pieces[0] + gaps[1] + … + gaps[n]`). An edit replaces its piece and
 * joins the file anew, a rope of the pieces: cutting a document out of the joined text instead made V8 copy the
 * whole file at every edit (a file of 50 workloads edited 100 times was copied 100 times).
 */
interface Documents {
  /** The file's text now: the text the pieces were cut from, or their join since the last edit. */
  text: string;
  /** What lies before each document, and after the last: one more than the pieces. */
  gaps: string[];
  /** Each current document's text. */
  pieces: string[];
  /** The loader's index of each current document, in order: removed ones are gone from it. */
  read: number[];
}

/** `gaps[0] + pieces[0] + gaps[1] + … + gaps[n]`, joined with `+`: a rope over the pieces, nothing copied. */
function joined(documents: Documents): string {
  let text = documents.gaps[0] ?? '';
  documents.pieces.forEach((piece, i) => {
    text = text + piece + (documents.gaps[i + 1] ?? '');
  });
  return text;
}

export class FileSet extends Map<string, string> {
  /** Each file's text as the loader read it: the lines of findings and objects point into it. */
  readonly #read = new Map<string, string>();
  readonly #documents = new Map<string, Documents>();
  readonly #lines = new Map<string, readonly { first: number; last: number }[]>();
  /**
   * Per file, per document (the loader's numbering): where its last edits left off, with the identity they were
   * checked against. The next edits of a document whose text is still the one they left are planned on the same
   * parse: a workload edited by the Key Vault step and then patched was parsed twice (a plan for 10,000 workloads
   * parsed 25,645 documents, now 20,645). A parse is about 20 KB of memory; the set lives as long as one plan's
   * build.
   */
  readonly #points = new Map<string, Map<number, KeptPoint>>();

  constructor(files: Iterable<readonly [string, string]> = []) {
    super();
    for (const [file, text] of files) {
      super.set(file, text);
      this.#read.set(file, text);
    }
  }

  /**
   * The documents of `file` now, split on first use. A text set whole since (a cluster-plane edit, which keeps
   * the documents) is split anew, its documents still the ones the loader numbered.
   */
  #documentsOf(file: string): Documents | undefined {
    const text = this.get(file);
    if (text === undefined) return undefined;
    const known = this.#documents.get(file);
    if (known?.text === text) return known;
    const slices = splitDocuments(text);
    const gaps: string[] = [];
    let end = 0;
    for (const slice of slices) {
      gaps.push(text.slice(end, slice.start));
      end = slice.end;
    }
    gaps.push(text.slice(end));
    const pieces = slices.map((slice) => text.slice(slice.start, slice.end));
    const read =
      known !== undefined && known.read.length === slices.length ? known.read : slices.map((_, i) => i);
    const documents: Documents = { text, gaps, pieces, read };
    this.#documents.set(file, documents);
    return documents;
  }

  /** Replaces document `at` (a current position) of `file` with `replacement`; undefined removes it. */
  #splice(file: string, documents: Documents, at: number, replacement: string | undefined): FileChange {
    const before = documents.text;
    if (replacement === undefined) {
      // What lay before and after the document now lies between its neighbours.
      documents.gaps.splice(at, 2, `${documents.gaps[at] ?? ''}${documents.gaps[at + 1] ?? ''}`);
      documents.pieces.splice(at, 1);
      documents.read.splice(at, 1);
    } else {
      documents.pieces[at] = replacement;
    }
    const after = joined(documents);
    documents.text = after;
    super.set(file, after);
    return { file, before, after };
  }

  /**
   * The current position and text of document `index` (the loader's numbering) of `file`, when it holds the
   * object `identity` names; undefined once removed, or when it holds another.
   */
  #find(
    file: string,
    index: number,
    identity: DocumentIdentity,
  ): { documents: Documents; at: number; text: string; doc: ParsedDocument } | undefined {
    const found = this.#piece(file, index);
    if (found === undefined) return undefined;
    // The parse that checks the identity is the one the first edit reads.
    const doc = parseDocumentText(found.text);
    return holds(doc, identity) ? { ...found, doc } : undefined;
  }

  /** The current position and text of document `index` (the loader's numbering) of `file`; undefined once removed. */
  #piece(file: string, index: number): { documents: Documents; at: number; text: string } | undefined {
    const documents = this.#documentsOf(file);
    const at = documents?.read.indexOf(index) ?? -1;
    const text = documents?.pieces[at];
    return documents === undefined || text === undefined ? undefined : { documents, at, text };
  }

  /**
   * Applies `edits` to document `index` of `file`, as the loader numbered it (see `editDocumentText`), when it
   * holds the object `identity` names; otherwise every edit fails. `final`: no later edit of this document
   * comes, so no parse is kept for one.
   */
  editDocument(
    file: string,
    index: number,
    identity: DocumentIdentity,
    edits: readonly YamlEdit[],
    options: { readonly final?: boolean } = {},
  ): DocumentEdit {
    const resumable = this.#resumable(file, index, identity);
    const found = resumable ?? this.#find(file, index, identity);
    if (found === undefined) return { change: undefined, failed: edits };
    const edited =
      'point' in found ? resumeEdits(found.point, edits) : editDocumentText(found.text, edits, found.doc);
    this.#keep(file, index, identity, options.final === true ? undefined : edited.point, edits);
    if (edited.text === found.text) return { change: undefined, failed: edited.failed };
    return { change: this.#splice(file, found.documents, found.at, edited.text), failed: edited.failed };
  }

  /** Document `index` of `file` where its last edits left it, when they kept their parse for `identity`. */
  #resumable(
    file: string,
    index: number,
    identity: DocumentIdentity,
  ): { documents: Documents; at: number; text: string; point: EditPoint } | undefined {
    const known = this.#points.get(file)?.get(index);
    if (known === undefined || !sameIdentity(known.identity, identity)) return undefined;
    const found = this.#piece(file, index);
    return found?.text === known.point.text ? { ...found, point: known.point } : undefined;
  }

  /** Drops every parse kept for a document's next edits (about 20 KB each): the next edits parse anew. */
  forgetEdits(): void {
    this.#points.clear();
  }

  /**
   * Keeps where edits left off, unless one of them could change what the identity was checked on (the kind or
   * the name): the next edits then parse the text and check it anew.
   */
  #keep(
    file: string,
    index: number,
    identity: DocumentIdentity,
    point: EditPoint | undefined,
    edits: readonly YamlEdit[],
  ): void {
    let points = this.#points.get(file);
    if (point === undefined || edits.some(touchesIdentity)) {
      points?.delete(index);
      return;
    }
    if (points === undefined) this.#points.set(file, (points = new Map<number, KeptPoint>()));
    points.set(index, { point, identity });
  }

  /** Removes document `index` of `file` (its `---` line and the comments before it with it) if it holds `identity`. */
  removeDocument(file: string, index: number, identity: DocumentIdentity): FileChange | undefined {
    const found = this.#find(file, index, identity);
    return found === undefined ? undefined : this.#splice(file, found.documents, found.at, undefined);
  }

  /** Replaces the content of document `index` of `file` (its separator and leading comments stay) if it holds `identity`. */
  replaceDocument(
    file: string,
    index: number,
    identity: DocumentIdentity,
    replacement: string,
  ): FileChange | undefined {
    const found = this.#find(file, index, identity);
    if (found === undefined) return undefined;
    const written = replaceDocumentText(found.text, replacement, found.doc);
    return written === undefined ? undefined : this.#splice(file, found.documents, found.at, written);
  }

  /** The document of `file` (the loader's numbering) whose lines hold `line` of the text the loader read. */
  documentAtLine(file: string, line: number): number | undefined {
    const lines = this.#readLines(file);
    const at = lines?.findIndex(({ first, last }) => first <= line && line <= last) ?? -1;
    return at === -1 ? undefined : at;
  }

  /** The first and last line of each document of the text the loader read, split once per file. */
  #readLines(file: string): readonly { first: number; last: number }[] | undefined {
    const known = this.#lines.get(file);
    if (known !== undefined) return known;
    const text = this.#read.get(file);
    if (text === undefined) return undefined;
    const lines = splitDocuments(text).map((slice: TextSlice) => {
      let breaks = 0;
      for (
        let at = text.indexOf('\n', slice.start);
        at !== -1 && at < slice.end;
        at = text.indexOf('\n', at + 1)
      )
        breaks += 1;
      const endsOpen = slice.end > slice.start && text[slice.end - 1] !== '\n';
      return { first: slice.line, last: slice.line + breaks - (endsOpen ? 0 : 1) };
    });
    this.#lines.set(file, lines);
    return lines;
  }
}
