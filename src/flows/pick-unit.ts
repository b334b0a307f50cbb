import { z } from 'zod';
import type { TChoiceOption, TPromptInput } from '../core/ask.js';
import type { TAnswer } from '../core/input.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, msg, type TMsg } from '../core/message.js';
import { ownUnitNames } from '../core/campaigns.js';
import { findUnit } from '../units/find-unit.js';
import { findUnits } from '../units/find-units.js';
import { listUnitChoices, type ListUnitChoicesOptions, type UnitChoice } from '../units/list-unit-choices.js';
import { listUnitKinds } from '../units/list-unit-kinds.js';
import { searchUnits } from '../units/search-units.js';

/** Entries on one page of a picker: short enough for a cheap phone's screen and Zalo's limit. */
export const UNIT_PAGE_SIZE = 8;

/** Where a unit picker stands: the text searched for, if any, and the page of its list. */
export const ZUnitPick = z.object({
  query: z.string().max(100).optional(),
  page: z.number().int().nonnegative().default(0),
});
export type TUnitPick = z.infer<typeof ZUnitPick>;

/** Which units a picker offers: one kind's, or the places a report may name. */
export type UnitScope = Omit<ListUnitChoicesOptions, 'campaignId'>;

/** What an answer to a unit picker means. */
export type UnitPicked =
  | { unit: UnitChoice }
  /** Stay on the picker: another page, a search, or the whole list again. */
  | { pick: TUnitPick }
  /** One of the flow's own options shown after the list (skip, back). */
  | { other: string }
  | { retry: TMsg };

/**
 * A short number typed to a picker is an entry of its list as shown (numbered where there are
 * no buttons); unit codes are longer, and a number past the list is searched as a code.
 */
function numberedEntry(text: string, options: TChoiceOption[]): TChoiceOption | undefined {
  return /^\d{1,2}$/.test(text) ? options[Number(text) - 1] : undefined;
}

/** Unit kinds that have active units, as options. */
async function unitKindOptions(ctx: TurnContext): Promise<TChoiceOption[]> {
  const kinds = await ctx.run(listUnitKinds, { campaignId: ctx.campaignId });
  return kinds.map((k) => ({ value: k.id, label: bilingual(k.nameVi, k.nameEn) }));
}

/** What an answer to unitKindPrompt means: a kind to pick in, or a search over every kind. */
export type KindPicked = { kindId: string } | { query: string } | { retry: TMsg };

/**
 * The step before a unit picker: the kinds as options, or a few letters of a unit's name or
 * code typed at once, searched over every kind (an official rarely needs the kind first).
 */
export async function unitKindPrompt(ctx: TurnContext, lines: TMsg[]): Promise<TPromptInput> {
  return { lines: [...lines, msg('unitPicker.typeToSearch')], ask: { kind: 'text', min: 1, max: 100, shortcuts: await unitKindOptions(ctx) } };
}

/** How many units in scope answer typed text, as the picker would search it. */
export async function countUnitMatches(ctx: TurnContext, scope: UnitScope, text: string): Promise<number> {
  return searchUnits(await unitsIn(ctx, scope), text).length;
}

/** Reads an answer to unitKindPrompt. */
export async function readUnitKind(answer: TAnswer, ctx: TurnContext): Promise<KindPicked> {
  if (answer.kind === 'choice') return { kindId: answer.value };
  if (answer.kind !== 'text') return { retry: msg('unitPicker.typeOrChoose') };
  const text = answer.text.trim();
  const kinds = await unitKindOptions(ctx);
  const entry = numberedEntry(text, kinds);
  if (entry) return { kindId: entry.value };
  if (!(await countUnitMatches(ctx, {}, text))) return { retry: msg('unitPicker.noMatch', { query: text.slice(0, 100) }) };
  return { query: text.slice(0, 100) };
}

const unitLabel = (u: Pick<UnitChoice, 'nameVi' | 'nameEn' | 'shortName'>): TMsg => bilingual(u.shortName ?? u.nameVi, u.nameEn);

interface PickerView {
  lines: TMsg[];
  options: TChoiceOption[];
}

/**
 * The list a picker shows: a page of every unit in scope, or of the units matching the search.
 * A search that no longer matches anything (the units changed since) shows the whole list.
 */
function pickerView(units: UnitChoice[], pick: TUnitPick, extra: TChoiceOption[]): PickerView {
  const matches = pick.query ? searchUnits(units, pick.query) : [];
  const searching = matches.length > 0;
  const list = searching ? matches : units;
  const pages = Math.max(1, Math.ceil(list.length / UNIT_PAGE_SIZE));
  const page = Math.min(pick.page, pages - 1);
  const options: TChoiceOption[] = list.slice(page * UNIT_PAGE_SIZE, (page + 1) * UNIT_PAGE_SIZE).map((u) => ({ value: `unit:${u.id}`, label: unitLabel(u) }));
  if (page > 0) options.push({ value: 'prev', label: msg('common.previousPage') });
  if (page < pages - 1) options.push({ value: 'next', label: msg('common.nextPage') });
  if (searching) options.push({ value: 'all', label: msg('unitPicker.showAll') });
  options.push(...extra);

  const lines: TMsg[] = [];
  if (!units.length) lines.push(msg('unitPicker.empty'));
  else if (!searching) lines.push(msg('unitPicker.typeToSearch'));
  else if (matches.length === 1) lines.push(msg('unitPicker.oneMatch', { query: pick.query! }));
  else lines.push(msg('unitPicker.matches', { count: matches.length, query: pick.query! }));
  if (pages > 1) lines.push(msg('unitPicker.page', { page: page + 1, pages }));
  return { lines, options };
}

async function unitsIn(ctx: TurnContext, scope: UnitScope): Promise<UnitChoice[]> {
  return ctx.run(listUnitChoices, { campaignId: ctx.campaignId, ...scope });
}

/**
 * A step that picks one unit out of hundreds: the person types a few letters of its name or
 * its code (diacritics optional) or turns the pages. The list is buttons where the platform
 * has them and numbered otherwise, so the answer may also be the entry's number.
 */
export async function unitPickerPrompt(ctx: TurnContext, scope: UnitScope, pick: TUnitPick, lines: TMsg[], extra: TChoiceOption[] = []): Promise<TPromptInput> {
  const view = pickerView(await unitsIn(ctx, scope), pick, extra);
  return { lines: [...lines, ...view.lines], ask: { kind: 'text', min: 1, max: 100, shortcuts: view.options } };
}

/** Reads an answer to unitPickerPrompt asked with the same scope, pick and extra options. */
export async function readUnitPick(answer: TAnswer, ctx: TurnContext, scope: UnitScope, pick: TUnitPick, extra: TChoiceOption[] = []): Promise<UnitPicked> {
  const units = await unitsIn(ctx, scope);
  let value: string;
  if (answer.kind === 'choice') value = answer.value;
  else if (answer.kind === 'text') {
    const text = answer.text.trim();
    const entry = numberedEntry(text, pickerView(units, pick, extra).options);
    if (entry) value = entry.value;
    else {
      if (!searchUnits(units, text).length) return { retry: msg('unitPicker.noMatch', { query: text.slice(0, 100) }) };
      return { pick: { query: text.slice(0, 100), page: 0 } };
    }
  } else return { retry: msg('unitPicker.typeOrChoose') };

  if (value === 'next') return { pick: { ...pick, page: pick.page + 1 } };
  if (value === 'prev') return { pick: { ...pick, page: Math.max(0, pick.page - 1) } };
  if (value === 'all') return { pick: { page: 0 } };
  // A list asked before the picker could search carried bare unit ids: those still count.
  const unit = units.find((u) => u.id === value.replace(/^unit:/, ''));
  if (unit) return { unit };
  if (value.startsWith('unit:')) return { retry: msg('unitPicker.typeOrChoose') };
  return { other: value };
}

/** For a contact of several units: which of their own units they act for now. */
export async function ownUnitPrompt(ctx: TurnContext, question: TMsg = msg('progress.chooseUnit')): Promise<TPromptInput> {
  const units = await ctx.run(findUnits, { unitIds: ctx.person.unitIds });
  const names = ownUnitNames(units, ctx.campaigns);
  return { lines: [question], ask: { kind: 'choice', options: units.map((u) => ({ value: u.id, label: names.get(u.id)! })) } };
}

/** The unit chosen in answer to ownUnitPrompt, if it is still one of the person's own. */
export function ownUnitAnswer(answer: TAnswer, ctx: TurnContext): string | null {
  return answer.kind === 'choice' && ctx.person.unitIds.includes(answer.value) ? answer.value : null;
}

/**
 * The campaign a contact's dialog for `unitId` works in: the unit's, which is not always the
 * turn's (a contact may report to several movements); the turn's while no unit is chosen.
 */
export async function campaignOfUnit(ctx: TurnContext, unitId: string | undefined): Promise<string> {
  return (unitId ? (await ctx.run(findUnit, { unitId }))?.campaignId : undefined) ?? ctx.campaignId;
}
