/**
 * @module `can-i`, `who-can` and `access` over several cluster scopes, as text and JSON: the scoping stated
 * as `scan` states it, then each scope's answer under its name; scopes with the very same answer (the same
 * app installed twice, or scopes holding no grant) are one block naming them all.
 */
import type { AccessReport } from '../../analysis/rbac/access.js';
import { COMBINATION_MODEL } from '../../analysis/rbac/decide.js';
import type { CanIAnswer, Verdict } from '../../engine/can-i.js';
import type { ScopeAnswer, ScopedAnswers, ScopedCanI, ScopedWhoCan } from '../../engine/scoped-rbac.js';
import type { WhoCanAnswer } from '../../engine/who-can.js';
import { describeRequest } from '../../analysis/rbac/parse-request.js';
import type { Render } from '../render.js';
import { scopeList, scopeStatementLines } from '../scope-statement.js';
import { jsonText, terminalLines } from '../escape.js';
import { accessHeading, accessJson, accessLines } from './access.js';
import { MODEL_LINE, askedLines, canIJson, decisionLines, indent } from './can-i.js';
import type { Json } from './json.js';
import { whoCanJson, whoCanLines } from './who-can.js';

const statement = (answers: ScopedAnswers<unknown>): string[] => scopeStatementLines(answers.all);

/** `cluster scopes a, b`, or `every cluster scope`. */
function scopesText(names: readonly string[], answers: ScopedAnswers<unknown>): string {
  const list = scopeList(names, answers.all.length);
  return names.length === answers.all.length ? list : `cluster scope${names.length === 1 ? '' : 's'} ${list}`;
}

interface Block {
  readonly names: string[];
  readonly lines: readonly string[];
}

/** Scopes whose answer reads the same, together, in the order of their first scope. */
function blocks<Answer>(
  answers: readonly ScopeAnswer<Answer>[],
  linesOf: (answer: Answer) => string[],
): Block[] {
  const byText = new Map<string, Block>();
  for (const item of answers) {
    const lines = linesOf(item.answer);
    const key = lines.join('\n');
    const block = byText.get(key);
    if (block === undefined) byText.set(key, { names: [item.scope.name], lines });
    else block.names.push(item.scope.name);
  }
  return [...byText.values()];
}

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  allowed: 'yes',
  unknown: 'undecided',
  denied: 'no',
};
const VERDICT_ORDER: readonly Verdict[] = ['allowed', 'unknown', 'denied'];

/** `yes` or `no` first, as kubectl; then where it holds (yes first), each scope's evidence under its name. */
export const renderScopedCanIText: Render<ScopedCanI> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedCanIText: no scope answered');
  const lines = [
    scoped.verdict === 'allowed' ? 'yes' : 'no',
    ...askedLines(first.answer),
    ...statement(scoped),
  ];
  const all = blocks(scoped.answers, (answer: CanIAnswer) => [
    VERDICT_WORDS[answer.verdict],
    ...decisionLines(answer),
  ]);
  for (const verdict of VERDICT_ORDER) {
    for (const block of all.filter((b) => b.lines[0] === VERDICT_WORDS[verdict])) {
      lines.push(
        `${VERDICT_WORDS[verdict]} in ${scopesText(block.names, scoped)}`,
        ...indent(block.lines.slice(1)),
      );
    }
  }
  lines.push(MODEL_LINE);
  write(terminalLines(lines));
};

/** Each member of a scope's JSON answer but those said once for all (the request, the user, the model). */
function scopeJson<Answer>(
  { scope, answer }: ScopeAnswer<Answer>,
  json: (answer: Answer) => Json,
  shared: readonly string[],
): Json {
  const members = Object.entries(json(answer) as Record<string, Json>).filter(
    ([key]) => !shared.includes(key),
  );
  return { name: scope.name, reason: scope.reason, files: [...scope.files], ...Object.fromEntries(members) };
}

export const renderScopedCanIJson: Render<ScopedCanI> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedCanIJson: no scope answered');
  const whole = canIJson(first.answer) as Record<string, Json>;
  write(
    `${jsonText({
      allowed: scoped.verdict === 'allowed',
      verdict: scoped.verdict,
      request: whole.request,
      user: whole.user,
      allowedIn: scoped.answers
        .filter(({ answer }) => answer.verdict === 'allowed')
        .map(({ scope }) => scope.name),
      scopes: scoped.answers.map((item) => scopeJson(item, canIJson, ['request', 'user', 'model'])),
      model: COMBINATION_MODEL,
    })}\n`,
  );
};

export const renderScopedWhoCanText: Render<ScopedWhoCan> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedWhoCanText: no scope answered');
  const lines = [`who can ${describeRequest(first.answer.request)}:`, ...statement(scoped)];
  for (const block of blocks(scoped.answers, (answer: WhoCanAnswer) => whoCanLines(answer)))
    lines.push(
      `in ${scopesText(block.names, scoped)}:`,
      ...indent(block.lines.length > 0 ? block.lines : ['nobody']),
    );
  lines.push(MODEL_LINE);
  write(terminalLines(lines));
};

export const renderScopedWhoCanJson: Render<ScopedWhoCan> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedWhoCanJson: no scope answered');
  const whole = whoCanJson(first.answer) as Record<string, Json>;
  write(
    `${jsonText({
      request: whole.request,
      scopes: scoped.answers.map((item) => scopeJson(item, whoCanJson, ['request', 'model'])),
      model: COMBINATION_MODEL,
    })}\n`,
  );
};

export const renderScopedAccessText: Render<ScopedAnswers<AccessReport>> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedAccessText: no scope answered');
  const lines = [accessHeading(first.answer), ...statement(scoped)];
  for (const block of blocks(scoped.answers, accessLines))
    lines.push(`in ${scopesText(block.names, scoped)}:`, ...indent(block.lines));
  lines.push(`model: ${COMBINATION_MODEL}`);
  write(terminalLines(lines));
};

export const renderScopedAccessJson: Render<ScopedAnswers<AccessReport>> = (scoped, write) => {
  const [first] = scoped.answers;
  if (first === undefined) throw new Error('renderScopedAccessJson: no scope answered');
  const whole = accessJson(first.answer) as Record<string, Json>;
  write(
    `${jsonText({
      user: whole.user,
      scopes: scoped.answers.map((item) => scopeJson(item, accessJson, ['user', 'model'])),
      model: COMBINATION_MODEL,
    })}\n`,
  );
};
