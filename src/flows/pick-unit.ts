import type { TChoiceOption, TPromptInput } from '../core/ask.js';
import type { TAnswer } from '../core/input.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, msg } from '../core/message.js';
import { findUnits } from '../units/find-units.js';
import { listUnitKinds } from '../units/list-unit-kinds.js';
import { listUnitsPage } from '../units/list-units-page.js';

export const UNIT_PAGE_SIZE = 8;

/** Unit kinds that have active units, as options. */
export async function unitKindOptions(ctx: TurnContext): Promise<TChoiceOption[]> {
  const kinds = await ctx.run(listUnitKinds, { campaignId: ctx.campaignId });
  return kinds.map((k) => ({ value: k.id, label: bilingual(k.nameVi, k.nameEn) }));
}

/** One page of a kind's units as options `unit:<id>`, with `prev`/`next` to turn pages. */
export async function unitPageOptions(ctx: TurnContext, kindId: string | undefined, page: number): Promise<TChoiceOption[]> {
  const { units, total } = await ctx.run(listUnitsPage, { campaignId: ctx.campaignId, ...(kindId ? { kindId } : {}), page, pageSize: UNIT_PAGE_SIZE });
  const options: TChoiceOption[] = units.map((u) => ({ value: `unit:${u.id}`, label: bilingual(u.shortName ?? u.nameVi, u.nameEn) }));
  if (page > 0) options.push({ value: 'prev', label: msg('common.previousPage') });
  if ((page + 1) * UNIT_PAGE_SIZE < total) options.push({ value: 'next', label: msg('common.nextPage') });
  return options;
}

/** Reads a unit page answer: a unit id, or the page to show next. */
export function readUnitPageAnswer(value: string, page: number): { unitId: string } | { page: number } {
  if (value === 'next') return { page: page + 1 };
  if (value === 'prev') return { page: Math.max(0, page - 1) };
  return { unitId: value.replace(/^unit:/, '') };
}

/** For a contact of several units: which of their own units they act for now. */
export async function ownUnitPrompt(ctx: TurnContext): Promise<TPromptInput> {
  const units = await ctx.run(findUnits, { unitIds: ctx.person.unitIds });
  return { lines: [msg('progress.chooseUnit')], ask: { kind: 'choice', options: units.map((u) => ({ value: u.id, label: bilingual(u.nameVi, u.nameEn) })) } };
}

/** The unit chosen in answer to ownUnitPrompt, if it is still one of the person's own. */
export function ownUnitAnswer(answer: TAnswer, ctx: TurnContext): string | null {
  return answer.kind === 'choice' && ctx.person.unitIds.includes(answer.value) ? answer.value : null;
}
