/** @module The formats of `can-i`, `who-can` and `access` by name, as `--format` spells them: the one list the CLI offers. */
import type { AccessReport } from '../../analysis/rbac/access.js';
import type { Decision } from '../../analysis/rbac/decide.js';
import type { WhoCanResult } from '../../analysis/rbac/who-can.js';
import type { ScopedAnswers, ScopedCanI, ScopedWhoCan } from '../../engine/scoped-rbac.js';
import type { Render } from '../render.js';
import { renderAccessJson, renderAccessText } from './access.js';
import { renderCanIJson, renderCanIText } from './can-i.js';
import { renderWhoCanJson, renderWhoCanText } from './who-can.js';
import {
  renderScopedAccessJson,
  renderScopedAccessText,
  renderScopedCanIJson,
  renderScopedCanIText,
  renderScopedWhoCanJson,
  renderScopedWhoCanText,
} from './scoped.js';

export const RBAC_FORMATS = ['text', 'json'] as const;
export type RbacFormat = (typeof RBAC_FORMATS)[number];

export const canIRenderers: Readonly<Record<RbacFormat, Render<Decision>>> = {
  text: renderCanIText,
  json: renderCanIJson,
};

export const whoCanRenderers: Readonly<Record<RbacFormat, Render<WhoCanResult>>> = {
  text: renderWhoCanText,
  json: renderWhoCanJson,
};

export const accessRenderers: Readonly<Record<RbacFormat, Render<AccessReport>>> = {
  text: renderAccessText,
  json: renderAccessJson,
};

/** The same formats over several cluster scopes. */
export const scopedCanIRenderers: Readonly<Record<RbacFormat, Render<ScopedCanI>>> = {
  text: renderScopedCanIText,
  json: renderScopedCanIJson,
};

export const scopedWhoCanRenderers: Readonly<Record<RbacFormat, Render<ScopedWhoCan>>> = {
  text: renderScopedWhoCanText,
  json: renderScopedWhoCanJson,
};

export const scopedAccessRenderers: Readonly<Record<RbacFormat, Render<ScopedAnswers<AccessReport>>>> = {
  text: renderScopedAccessText,
  json: renderScopedAccessJson,
};
