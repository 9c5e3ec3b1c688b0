/**
 * @module Matches parameter files to their templates and tells Bicep modules from entry points, before
 * loading: a `.bicepparam` applies to the template its `using` names, `x.parameters.json` to `x.json` or
 * `x.bicep` beside it; a Bicep file that another Bicep input uses as a local module is read through it.
 * A parameter file the user named is read, or rejected with an error (exit 3) saying what to do.
 */
import { access } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { InputUnit } from '../inputs/discover-inputs.js';
import { readInputFile } from '../inputs/read-input-file.js';
import type { LoadSink } from '../load-sink.js';
import { linkedPaths } from '../cluster-json/linked-templates.js';
import { moduleReferences } from './load-bicep.js';
import type { ParameterValues } from './parameter-files.js';
import { isBicepParam, isParameterFileName, readParameterFile, templateStem } from './parameter-files.js';

type FileUnit = Extract<InputUnit, { kind: 'file' }>;

export interface AppliedParameters {
  readonly display: string;
  readonly values: ParameterValues['values'];
}

export interface TemplatePlan {
  /** What to load: parameter files taken out (their records are in the sink), named templates added. */
  readonly units: readonly InputUnit[];
  /** Parameter files by the absolute path of the template they apply to. */
  readonly parameters: ReadonlyMap<string, readonly AppliedParameters[]>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    // absent or unreadable: not a template to pair with
    return false;
  }
}

/** The template a JSON parameter file sits beside. */
async function besideTemplate(path: string): Promise<string | undefined> {
  const stem = templateStem(path);
  if (stem === undefined) return undefined;
  for (const candidate of [`${stem}.json`, `${stem}.bicep`]) if (await exists(candidate)) return candidate;
  return undefined;
}

interface Given {
  readonly path: string;
  readonly display: string;
  readonly explicit: boolean;
}

/** Reads a parameter file and finds its template; problems are diagnostics, errors when the file was named. */
async function pairParameterFile(
  given: Given,
  sink: LoadSink,
): Promise<{ template: string; applied: AppliedParameters } | undefined> {
  const { path, display, explicit } = given;
  const level = explicit ? 'error' : 'warning';
  const read = await readInputFile(path, display, sink.limits);
  if ('diagnostic' in read) {
    sink.addDiagnostic({ ...read.diagnostic, level });
    sink.addInput({ file: display, objects: 0, reason: read.diagnostic.message });
    return undefined;
  }
  const values = readParameterFile(read.text, path, display, sink);
  const template = isBicepParam(path) ? values?.using : await besideTemplate(path);
  if (values && template !== undefined && (await exists(template))) {
    sink.addInput({
      file: display,
      format: 'parameters',
      objects: 0,
      reason: `parameters for ${relative(dirname(path), template)}`,
    });
    return { template, applied: { display, values: values.values } };
  }
  const reason = !values
    ? 'parameter file not read (see its diagnostic)'
    : isBicepParam(path)
      ? template === undefined
        ? "a .bicepparam file without `using`: add `using './main.bicep'` naming its template"
        : `the template its \`using\` names (${relative(dirname(path), template)}) does not exist`
      : 'no template beside it: name it <template>.parameters.json beside <template>.json or <template>.bicep';
  if (values)
    sink.addDiagnostic({
      code: 'read-error',
      level,
      message: `parameter file not applied: ${reason}`,
      file: display,
    });
  sink.addInput({ file: display, objects: 0, reason });
  return undefined;
}

/**
 * Files that another input (not themselves) includes: Bicep local modules, and ARM templates linked with
 * `templateLink`. They are read through that input, not on their own with default parameters.
 */
async function includedFiles(units: readonly InputUnit[], sink: LoadSink): Promise<Map<string, string>> {
  const usedBy = new Map<string, string>();
  for (const unit of units) {
    if (unit.kind !== 'file') continue;
    const lower = unit.path.toLowerCase();
    if (!lower.endsWith('.bicep') && !lower.endsWith('.json')) continue;
    const read = await readInputFile(unit.path, unit.display, sink.limits);
    if ('diagnostic' in read) continue;
    const targets = lower.endsWith('.bicep')
      ? moduleReferences(unit.path, read.text)
      : linkedPaths(unit.path, read.text);
    for (const target of targets)
      if (target !== unit.path && !usedBy.has(target)) usedBy.set(target, unit.display);
  }
  return usedBy;
}

function addParameters(
  map: Map<string, AppliedParameters[]>,
  template: string,
  applied: AppliedParameters,
): void {
  map.set(template, [...(map.get(template) ?? []), applied]);
}

/**
 * Plans the template inputs: `parameterFiles` are the `--parameters` paths (relative to `cwd`). Records of
 * parameter files go to the sink; included files are listed by the loader of the input that includes them.
 */
export async function planTemplateInputs(
  units: readonly InputUnit[],
  parameterFiles: readonly string[],
  cwd: string,
  sink: LoadSink,
): Promise<TemplatePlan> {
  const parameters = new Map<string, AppliedParameters[]>();
  const out: InputUnit[] = [];
  const loaded = new Set(units.flatMap((u) => (u.kind === 'file' ? [u.path] : [])));
  const extra: FileUnit[] = [];
  const givenFiles: Given[] = parameterFiles.map((file) => {
    const path = resolve(cwd, file);
    return { path, display: isAbsolute(file) ? path : relative(cwd, path), explicit: true };
  });
  const modules = await includedFiles(units, sink);
  for (const unit of units) {
    if (unit.kind !== 'file') {
      out.push(unit);
      continue;
    }
    // Listed by the loader of the input that includes it, as read through that input.
    if (modules.has(unit.path) && !unit.explicit) continue;
    if (isParameterFileName(unit.path)) {
      if (!givenFiles.some((g) => g.path === unit.path)) givenFiles.push(unit);
    } else out.push(unit);
  }
  for (const given of givenFiles) {
    const paired = await pairParameterFile(given, sink);
    if (!paired) continue;
    addParameters(parameters, paired.template, paired.applied);
    if (!loaded.has(paired.template) && !extra.some((u) => u.path === paired.template)) {
      const display = relative(cwd, paired.template) || paired.template;
      extra.push({ kind: 'file', path: paired.template, display, explicit: true });
    }
  }
  return { units: [...out, ...extra], parameters };
}
