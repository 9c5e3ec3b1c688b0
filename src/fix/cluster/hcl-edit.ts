/**
 * @module Edits of a Terraform file that keep its formatting and comments: an attribute's expression is
 * replaced in place; missing attributes are added as one aligned group, missing blocks as new blocks, in
 * the layout `terraform fmt` gives. Works on the block outline (offsets) of the loader's HCL scanner.
 */
import path from 'node:path';
import type { OutlineBlock } from '../../load/terraform/hcl-outline.js';
import { outlineHcl } from '../../load/terraform/hcl-outline.js';
import { indentOf, lineEndOf, lineStartOf } from '../text-lines.js';

/** Set `path` (nested blocks, then the attribute) to an HCL expression. */
export interface HclAssignment {
  readonly path: readonly string[];
  /** HCL expression text: `true`, `"patch"`, `["10.0.0.0/8"]`. */
  readonly value: string;
}

export interface HclEditResult {
  readonly text: string;
  /** Assignments not made, and why (a dynamic block, a value set through a variable). */
  readonly skipped: readonly { readonly assignment: HclAssignment; readonly reason: string }[];
}

/** The HCL literal of a JSON value: `true`, `"patch"`, `["a", "b"]`. */
export function hclLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(', ')}]`;
  // `${` and `%{` start templates in HCL strings: doubled, they are literal.
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new TypeError('only literals, lists and null are written to HCL');
}

/** Lines of `name = value`, with the `=` aligned as `terraform fmt` aligns a group. */
function attributeLines(indent: string, entries: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries.map(([name, value]) => `${indent}${name.padEnd(width)} = ${value}`);
}

/** Text of nested blocks ending in attributes: `a {\n  b = 1\n}`. */
function blockText(
  indent: string,
  path: readonly string[],
  entries: readonly (readonly [string, string])[],
): string {
  const [head, ...rest] = path;
  if (head === undefined) return attributeLines(indent, entries).join('\n');
  return `${indent}${head} {\n${blockText(`${indent}  `, rest, entries)}\n${indent}}`;
}

function findResource(root: OutlineBlock, type: string, name: string): OutlineBlock | undefined {
  return root.blocks.find((b) => b.type === 'resource' && b.labels[0] === type && b.labels[1] === name);
}

type Located =
  | { readonly kind: 'found'; readonly block: OutlineBlock }
  | { readonly kind: 'missing'; readonly parent: OutlineBlock; readonly rest: readonly string[] }
  | { readonly kind: 'dynamic'; readonly name: string };

function locate(block: OutlineBlock, path: readonly string[]): Located {
  let current = block;
  for (let i = 0; i < path.length; i++) {
    const name = path[i] ?? '';
    const literal = current.blocks.find((b) => b.type === name);
    if (literal) {
      current = literal;
      continue;
    }
    if (current.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === name))
      return { kind: 'dynamic', name };
    return { kind: 'missing', parent: current, rest: path.slice(i) };
  }
  return { kind: 'found', block: current };
}

function insertAt(text: string, offset: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset);
}

const ATTRIBUTE_LINE = /^([ \t]*)([A-Za-z0-9_-]+)[ \t]*=(?!=)[ \t]*/;

/**
 * Adds attributes to `block` after its leading attributes, as `terraform fmt` lays them out: in the same
 * group as the attribute lines just above (the `=` of the group realigned), or as a group of their own
 * when the block starts with nested blocks or is empty.
 */
function insertAttributes(
  text: string,
  block: OutlineBlock,
  indent: string,
  entries: readonly (readonly [string, string])[],
): string {
  const firstChild = block.blocks[0]?.span.start ?? Number.POSITIVE_INFINITY;
  const leading = [...block.attributeSpans.values()].filter((s) => s.start < firstChild);
  if (leading.length === 0) return insertGroup(text, block, attributeLines(indent, entries).join('\n'));
  const last = Math.max(...leading.map((s) => s.valueEnd));
  const end = lineEndOf(text, last);
  // The run of one-line attribute assignments that ends at the insertion point.
  const lines: { start: number; end: number }[] = [];
  for (let lineEnd = end; ;) {
    const start = lineStartOf(text, lineEnd);
    if (!ATTRIBUTE_LINE.test(text.slice(start, lineEnd)) || /[[{(]\s*$/.test(text.slice(start, lineEnd)))
      break;
    lines.unshift({ start, end: lineEnd });
    if (start === 0) break;
    lineEnd = start - 1;
  }
  const names = lines.map((l) => ATTRIBUTE_LINE.exec(text.slice(l.start, l.end))?.[2] ?? '');
  const width = Math.max(...names.map((n) => n.length), ...entries.map(([n]) => n.length));
  const added = entries.map(([name, value]) => `\n${indent}${name.padEnd(width)} = ${value}`).join('');
  let result = insertAt(text, end, added);
  for (const line of [...lines].reverse()) {
    const current = result.slice(line.start, line.end);
    const realigned = current.replace(
      ATTRIBUTE_LINE,
      (_m, lead: string, name: string) => `${lead}${name.padEnd(width)} = `,
    );
    result = result.slice(0, line.start) + realigned + result.slice(line.end);
  }
  return result;
}

/** Inserts `content` (whole lines, already indented) as a new group in `block`, after its leading attributes. */
function insertGroup(text: string, block: OutlineBlock, content: string): string {
  const firstChild = block.blocks[0]?.span.start ?? Number.POSITIVE_INFINITY;
  const leading = [...block.attributeSpans.values()].filter((s) => s.start < firstChild);
  if (leading.length > 0) {
    const last = Math.max(...leading.map((s) => s.valueEnd));
    return insertAt(text, lineEndOf(text, last), `\n\n${content}`);
  }
  if (block.blocks.length > 0) return insertAt(text, lineStartOf(text, firstChild), `${content}\n\n`);
  // An empty block: `features {}` or `{\n}`.
  const outer = indentOf(text, block.span.start);
  const inner = text.slice(block.span.open, block.span.close);
  if (inner.includes('\n')) return insertAt(text, lineStartOf(text, block.span.close), `${content}\n`);
  return `${text.slice(0, block.span.open)}\n${content}\n${outer}${text.slice(block.span.close)}`;
}

function innerIndent(text: string, block: OutlineBlock): string {
  const first = [...block.attributeSpans.values()][0]?.start ?? block.blocks[0]?.span.start;
  if (first !== undefined) return indentOf(text, first);
  return `${indentOf(text, block.span.start)}  `;
}

/** A value set through a variable, a local or another resource: the user's own source of truth. */
function isReference(expression: string): boolean {
  return /^(var|local|module|data)\./.test(expression.trim()) || /\$\{/.test(expression);
}

/**
 * Applies assignments to one resource of a Terraform file. Assignments to the same block are grouped,
 * so several new attributes land as one aligned group.
 */
export function editResource(
  text: string,
  resource: { readonly type: string; readonly name: string },
  assignments: readonly HclAssignment[],
): HclEditResult {
  const skipped: { assignment: HclAssignment; reason: string }[] = [];
  let current = text;
  const pending: HclAssignment[] = [];
  // Replace stated values first: offsets are re-read after every edit.
  for (const assignment of assignments) {
    const block = findResource(outlineHcl(current), resource.type, resource.name);
    if (!block) {
      skipped.push({
        assignment,
        reason: `resource ${resource.type}.${resource.name} not found in the file`,
      });
      continue;
    }
    const where = locate(block, assignment.path.slice(0, -1));
    const attribute = assignment.path.at(-1) ?? '';
    if (where.kind === 'dynamic') {
      skipped.push({
        assignment,
        reason: `${where.name} is a dynamic block: set ${attribute} in its content`,
      });
      continue;
    }
    const span = where.kind === 'found' ? where.block.attributeSpans.get(attribute) : undefined;
    if (!span) {
      pending.push(assignment);
      continue;
    }
    const expression = current.slice(span.valueStart, span.valueEnd);
    if (isReference(expression)) {
      skipped.push({
        assignment,
        reason: `${assignment.path.join('.')} is set by ${expression.trim()}: set that value to ${assignment.value}`,
      });
      continue;
    }
    if (expression !== assignment.value)
      current = current.slice(0, span.valueStart) + assignment.value + current.slice(span.valueEnd);
  }
  // Then the missing ones, grouped by the block that receives them.
  const groups = new Map<string, HclAssignment[]>();
  for (const assignment of pending) {
    const key = assignment.path.slice(0, -1).join('.');
    groups.set(key, [...(groups.get(key) ?? []), assignment]);
  }
  for (const group of groups.values()) {
    const block = findResource(outlineHcl(current), resource.type, resource.name);
    if (!block) continue;
    const blockPath = group[0]?.path.slice(0, -1) ?? [];
    const where = locate(block, blockPath);
    const entries = group.map((a) => [a.path.at(-1) ?? '', a.value] as const);
    if (where.kind === 'found') {
      const indent = innerIndent(current, where.block);
      current = insertAttributes(current, where.block, indent, entries);
    } else if (where.kind === 'missing') {
      const indent = innerIndent(current, where.parent);
      current = insertGroup(current, where.parent, blockText(indent, where.rest, entries));
    }
  }
  return { text: current, skipped };
}

const LITERAL = /^(?:true|false|null|-?\d+(?:\.\d+)?|"(?:[^"\\$%]|\\.|[$%](?!\{))*")$/;

/** A literal (or a list of literals) that the new value can replace; anything else is the user's expression. */
function isLiteral(expression: string): boolean {
  const list = /^\[([\s\S]*)\]$/.exec(expression);
  if (!list) return LITERAL.test(expression);
  const items = (list[1] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.every((item) => LITERAL.test(item));
}

/** Where a value a module call passes in is set, and the edit that sets it there. */
export interface ArgumentEdit {
  readonly file: string;
  readonly text: string;
}

function replaceSpan(text: string, span: { valueStart: number; valueEnd: number }, value: string): string {
  return text.slice(0, span.valueStart) + value + text.slice(span.valueEnd);
}

/**
 * Sets a value where the caller sets it: the module call argument on `line` of `file` when it is a
 * literal; when it is `var.<name>` of the calling (root) module, the var file of that folder that sets
 * `<name>` (terraform.tfvars or *.auto.tfvars, the last in Terraform's order), else the variable's default.
 * The module's generic code is never edited for a value its caller overrides.
 */
export function editCallArgument(
  files: ReadonlyMap<string, string>,
  at: { readonly file: string; readonly line: number },
  value: string,
): ArgumentEdit | { readonly reason: string } {
  const text = files.get(at.file);
  if (text === undefined) return { reason: `${at.file} is not among the files aksward read` };
  for (const block of outlineHcl(text).blocks) {
    if (block.type !== 'module') continue;
    const argument = [...block.attributes].find(([, line]) => line === at.line)?.[0];
    const span = argument === undefined ? undefined : block.attributeSpans.get(argument);
    if (!argument || !span) continue;
    const expression = text.slice(span.valueStart, span.valueEnd).trim();
    if (isLiteral(expression)) return { file: at.file, text: replaceSpan(text, span, value) };
    const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(expression)?.[1];
    if (variable === undefined)
      return {
        reason: `module.${block.labels[0] ?? ''} sets ${argument} = ${expression}: set that value to ${value}`,
      };
    return editVariable(files, path.dirname(at.file), variable, value);
  }
  return { reason: `no module argument at ${at.file}:${at.line}` };
}

/** The var file that sets `name` in `folder` (the one Terraform applies last), else its default. */
function editVariable(
  files: ReadonlyMap<string, string>,
  folder: string,
  name: string,
  value: string,
): ArgumentEdit | { readonly reason: string } {
  const inFolder = [...files.keys()].filter((file) => path.dirname(file) === folder).sort();
  const varFiles = inFolder.filter((file) => /(?:^|\/)terraform\.tfvars$|\.auto\.tfvars$/.test(file));
  // terraform.tfvars first, then *.auto.tfvars in lexical order: the last that sets it wins.
  varFiles.sort(
    (a, b) => Number(a.endsWith('.auto.tfvars')) - Number(b.endsWith('.auto.tfvars')) || (a < b ? -1 : 1),
  );
  for (const file of varFiles.reverse()) {
    const text = files.get(file) ?? '';
    const span = outlineHcl(text).attributeSpans.get(name);
    if (span) return { file, text: replaceSpan(text, span, value) };
  }
  for (const file of inFolder.filter((f) => f.endsWith('.tf'))) {
    const text = files.get(file) ?? '';
    const block = outlineHcl(text).blocks.find((b) => b.type === 'variable' && b.labels[0] === name);
    const span = block?.attributeSpans.get('default');
    if (span) return { file, text: replaceSpan(text, span, value) };
  }
  return {
    reason: `var.${name} of ${folder} has no default and no var file sets it: set it to ${value} where you pass it (--var-file, TF_VAR_${name})`,
  };
}
