/**
 * @module `can-i`, `who-can` and `access` over several cluster scopes: each scope's RBAC on its own, so a
 * binding of one scope grants nothing in another; the answer keeps each scope's decision under its name.
 */
import type { ClusterModel } from '../model/index.js';
import type { AccessQuery, AccessReport } from './access.js';
import { access } from './access.js';
import type { CanIAnswer, CanIQuery, Verdict } from './can-i.js';
import { canI } from './can-i.js';
import type { WhoCanAnswer, WhoCanQuery } from './who-can.js';
import { whoCan } from './who-can.js';

/** The inputs that form one cluster, and their model. */
export interface RbacScope {
  readonly name: string;
  readonly reason: string;
  readonly files: readonly string[];
  readonly model: ClusterModel;
}

/** One scope's answer, under the scope's name. */
export interface ScopeAnswer<Answer> {
  readonly scope: Omit<RbacScope, 'model'>;
  readonly answer: Answer;
}

/** Every scope's answer; `all` are the scopes of the inputs, for the statement of the scoping. */
export interface ScopedAnswers<Answer> {
  readonly all: readonly Omit<RbacScope, 'model'>[];
  readonly answers: readonly ScopeAnswer<Answer>[];
}

export interface ScopedCanI extends ScopedAnswers<CanIAnswer> {
  /** Allowed when any scope allows it (the subject can, in that cluster); else undecided when any is. */
  readonly verdict: Verdict;
  readonly warnings: readonly string[];
}

export interface ScopedWhoCan extends ScopedAnswers<WhoCanAnswer> {
  readonly warnings: readonly string[];
}

const described = ({ name, reason, files }: RbacScope): Omit<RbacScope, 'model'> => ({ name, reason, files });

/** `--cluster <name>` asks the scopes holding that cluster definition; no such scope, every scope (as before). */
function asked(scopes: readonly RbacScope[], cluster: string | undefined): readonly RbacScope[] {
  if (cluster === undefined) return scopes;
  const named = cluster.toLowerCase();
  const holding = scopes.filter((s) => s.model.clusters.some((c) => c.name.toLowerCase() === named));
  return holding.length > 0 ? holding : scopes;
}

function answersOf<Answer>(
  scopes: readonly RbacScope[],
  cluster: string | undefined,
  answer: (model: ClusterModel) => Answer,
): ScopedAnswers<Answer> {
  return {
    all: scopes.map(described),
    answers: asked(scopes, cluster).map((scope) => ({
      scope: described(scope),
      answer: answer(scope.model),
    })),
  };
}

/** The strongest verdict of the scopes: a yes anywhere is a yes, naming where. */
function overall(answers: readonly ScopeAnswer<CanIAnswer>[]): Verdict {
  if (answers.some(({ answer }) => answer.verdict === 'allowed')) return 'allowed';
  return answers.some(({ answer }) => answer.verdict === 'unknown') ? 'unknown' : 'denied';
}

export function canIInScopes(scopes: readonly RbacScope[], query: CanIQuery): ScopedCanI {
  const scoped = answersOf(scopes, query.cluster, (model) => canI(model, query));
  return { ...scoped, verdict: overall(scoped.answers), warnings: scoped.answers[0]?.answer.warnings ?? [] };
}

export function whoCanInScopes(scopes: readonly RbacScope[], query: WhoCanQuery): ScopedWhoCan {
  const scoped = answersOf(scopes, query.cluster, (model) => whoCan(model, query));
  return { ...scoped, warnings: scoped.answers[0]?.answer.warnings ?? [] };
}

export function accessInScopes(
  scopes: readonly RbacScope[],
  query: AccessQuery,
): ScopedAnswers<AccessReport> {
  return answersOf(scopes, query.cluster, (model) => access(model, query));
}
