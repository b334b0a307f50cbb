import type { TChoiceOption, TPromptInput } from '../core/ask.js';
import type { TAnswer } from '../core/input.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, msg } from '../core/message.js';

export const UNIT_PAGE_SIZE = 8;

/** Unit kinds that have active units, as options. */
export async function unitKindOptions(ctx: TurnContext): Promise<TChoiceOption[]> {
  const kinds = await ctx.tx.unitKind.findMany({
    where: { campaignId: ctx.campaignId, active: true, units: { some: { active: true } } },
    orderBy: { code: 'asc' },
  });
  return kinds.map((k) => ({ value: k.id, label: bilingual(k.nameVi, k.nameEn) }));
}

/** One page of a kind's units as options `unit:<id>`, with `prev`/`next` to turn pages. */
export async function unitPageOptions(ctx: TurnContext, kindId: string | undefined, page: number): Promise<TChoiceOption[]> {
  const where = { campaignId: ctx.campaignId, active: true, ...(kindId ? { kindId } : {}) };
  const total = await ctx.tx.unit.count({ where });
  const units = await ctx.tx.unit.findMany({ where, orderBy: { sortOrder: 'asc' }, skip: page * UNIT_PAGE_SIZE, take: UNIT_PAGE_SIZE });
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
  const units = await ctx.tx.unit.findMany({ where: { id: { in: ctx.person.unitIds } }, orderBy: { sortOrder: 'asc' } });
  return { lines: [msg('progress.chooseUnit')], ask: { kind: 'choice', options: units.map((u) => ({ value: u.id, label: bilingual(u.nameVi, u.nameEn) })) } };
}

/** The unit chosen in answer to ownUnitPrompt, if it is still one of the person's own. */
export function ownUnitAnswer(answer: TAnswer, ctx: TurnContext): string | null {
  return answer.kind === 'choice' && ctx.person.unitIds.includes(answer.value) ? answer.value : null;
}
