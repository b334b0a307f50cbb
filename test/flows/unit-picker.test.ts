import { describe, expect, it } from 'vitest';
import { ZALO_TRAITS } from '../../src/channels/zalo/zalo-traits.js';
import { answerFlow, startFlow } from '../../src/flows/engine/advance.js';
import { choiceData } from '../../src/flows/engine/validate-answer.js';
import { inviteFlow } from '../../src/flows/invite-flow.js';
import { UNIT_PAGE_SIZE } from '../../src/flows/pick-unit.js';
import { wasteReportFlow } from '../../src/flows/waste-report-flow.js';
import type { TAnswer } from '../../src/core/input.js';
import { findUnit } from '../../src/units/find-unit.js';
import { findUnitOfCampaign } from '../../src/units/find-unit-of-campaign.js';
import { listUnitChoices, type UnitChoice } from '../../src/units/list-unit-choices.js';
import { listUnitKinds } from '../../src/units/list-unit-kinds.js';
import { searchUnits } from '../../src/units/search-units.js';
import { FakeOperations, makeFakeFlowContext } from '../helpers/flow-context.js';
import { TestClock } from '../helpers/test-clock.js';
import { LAM_DONG_UNITS } from '../units/lam-dong-units.js';

const PREFIX = { commune: 'UBND x', ward: 'UBND p', special_zone: 'UBND đ' } as const;
/** The 124 units as the campaign file names them: "UBND xã Quảng Tân", short name "Xã Quảng Tân". */
const units: UnitChoice[] = LAM_DONG_UNITS.map((u) => ({
  id: `u-${u.code}`,
  code: u.code,
  nameVi: `${PREFIX[u.kind]}${u.name.slice(1)}`,
  nameEn: `People's Committee of ${u.name}`,
  shortName: u.name,
}));
const names = (found: UnitChoice[]) => found.map((u) => u.shortName);
const byName = (name: string) => units.find((u) => u.shortName === name)!;
const text = (t: string): TAnswer => ({ kind: 'text', text: t });

function picker() {
  const operations = new FakeOperations().on(listUnitChoices, () => units);
  return { operations, ctx: makeFakeFlowContext(operations, { clock: new TestClock() }) };
}

const shortcuts = (ask: { kind: string; shortcuts?: { value: string }[] }) => ask.shortcuts ?? [];

describe('searching a unit picker of 124 communes and wards', () => {
  it('should find a name with or without diacritics, in any case, by a few letters or by code', () => {
    expect(names(searchUnits(units, 'quang tan'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, 'QUẢNG TÂN'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, 'quangtan'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, 'tan quang'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, 'xa quang tan'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, '24748'))).toEqual(['Xã Quảng Tân']);
    expect(names(searchUnits(units, 'dak mil'))[0]).toBe('Xã Đắk Mil');
    expect(names(searchUnits(units, 'Đắk Mil'))[0]).toBe('Xã Đắk Mil');
  });

  it('should put the closest first: a whole name before names that only begin with the letters', () => {
    const cat = names(searchUnits(units, 'cat tien'));
    expect(cat[0]).toBe('Xã Cát Tiên');
    expect(cat).toEqual(expect.arrayContaining(['Xã Cát Tiên 2', 'Xã Cát Tiên 3']));
    // "phuong" begins every ward's name: a long list, kept in the campaign's order.
    const wards = searchUnits(units, 'phuong');
    expect(wards.length).toBeGreaterThan(UNIT_PAGE_SIZE);
    expect(wards).toEqual(units.filter((u) => u.shortName!.startsWith('Phường')));
  });

  it('should match nothing for letters in no name, and for text with no letter at all', () => {
    expect(searchUnits(units, 'xyzw')).toEqual([]);
    expect(searchUnits(units, ' !? ')).toEqual([]);
  });
});

describe('the waste report place step over 124 places, with fake operations', () => {
  const base = () => wasteReportFlow.data.parse({ categoryId: 'c', description: 'Một công trình bỏ hoang nhiều năm.' });

  it('should list the places a page at a time and say a name can be typed', async () => {
    const { ctx, operations } = picker();
    const prompt = await wasteReportFlow.steps.locality.prompt(base(), ctx);
    expect(prompt.lines).toEqual([{ key: 'waste.askLocality' }, { key: 'unitPicker.typeToSearch' }, { key: 'unitPicker.page', params: { page: 1, pages: 16 } }]);
    const options = shortcuts(prompt.ask);
    expect(options.filter((o) => o.value.startsWith('unit:'))).toHaveLength(UNIT_PAGE_SIZE);
    expect(options.slice(UNIT_PAGE_SIZE).map((o) => o.value)).toEqual(['next', 'skip']);
    // The places are the kinds the campaign file marks as such, never a kind named in the code.
    expect(operations.optionsOf(listUnitChoices)).toEqual([{ campaignId: 'campaign-1', placesOnly: true }]);

    const last = await wasteReportFlow.steps.locality.prompt({ ...base(), localityPick: { page: 15 } }, ctx);
    expect(shortcuts(last.ask).map((o) => o.value)).toEqual([...units.slice(120).map((u) => `unit:${u.id}`), 'prev', 'skip']);
  });

  it('should take "quang tan" to one match, chosen with a tap or its number', async () => {
    const { ctx } = picker();
    const searched = await wasteReportFlow.steps.locality.answer(text('quang tan'), base(), ctx);
    expect(searched).toMatchObject({ next: 'locality', data: { localityPick: { query: 'quang tan', page: 0 } } });
    const data = (searched as { data: ReturnType<typeof base> }).data;

    const prompt = await wasteReportFlow.steps.locality.prompt(data, ctx);
    expect(prompt.lines).toEqual([{ key: 'waste.askLocality' }, { key: 'unitPicker.oneMatch', params: { query: 'quang tan' } }]);
    expect(shortcuts(prompt.ask).map((o) => o.value)).toEqual([`unit:${byName('Xã Quảng Tân').id}`, 'all', 'skip']);

    for (const answer of [{ kind: 'choice', value: `unit:${byName('Xã Quảng Tân').id}` } as const, text('1')]) {
      const chosen = await wasteReportFlow.steps.locality.answer(answer, data, ctx);
      expect(chosen).toMatchObject({ next: 'photos', data: { place: { localityUnitId: 'u-24748', localityName: { vi: 'Xã Quảng Tân' } } } });
    }
    // "2" is the whole list again, "3" skips the place.
    expect(await wasteReportFlow.steps.locality.answer(text('2'), data, ctx)).toMatchObject({ next: 'locality', data: { localityPick: { page: 0 } } });
    const skipped = await wasteReportFlow.steps.locality.answer(text('3'), data, ctx);
    expect(skipped).toMatchObject({ next: 'photos' });
    expect((skipped as { data: ReturnType<typeof base> }).data.place).toBeUndefined();
  });

  it('should offer the locality when the typed place names a commune, and go on when it is an address', async () => {
    const { ctx } = picker();
    const named = await wasteReportFlow.steps.place.answer({ kind: 'place', text: 'Quảng Tân' }, base(), ctx);
    expect(named).toMatchObject({ next: 'locality', data: { place: { text: 'Quảng Tân' }, localityPick: { query: 'Quảng Tân', page: 0 } } });
    const chosen = await wasteReportFlow.steps.locality.answer(text('1'), (named as { data: ReturnType<typeof base> }).data, ctx);
    expect(chosen).toMatchObject({ next: 'photos', data: { place: { text: 'Quảng Tân', localityUnitId: 'u-24748' } } });

    const address = await wasteReportFlow.steps.place.answer({ kind: 'place', text: 'Thôn 3, gần cầu treo' }, base(), ctx);
    expect(address).toMatchObject({ next: 'photos', data: { place: { text: 'Thôn 3, gần cầu treo' } } });
  });

  it('should say plainly when nothing matches and keep the list to try again', async () => {
    const { ctx } = picker();
    expect(await wasteReportFlow.steps.locality.answer(text('xyzw'), base(), ctx)).toEqual({ retry: { key: 'unitPicker.noMatch', params: { query: 'xyzw' } } });
  });

  it('should list several matches a page at a time and turn their pages', async () => {
    const { ctx } = picker();
    const searched = (await wasteReportFlow.steps.locality.answer(text('phuong'), base(), ctx)) as { data: ReturnType<typeof base> };
    const count = searchUnits(units, 'phuong').length;
    const first = await wasteReportFlow.steps.locality.prompt(searched.data, ctx);
    expect(first.lines[1]).toEqual({ key: 'unitPicker.matches', params: { count, query: 'phuong' } });
    expect(shortcuts(first.ask).map((o) => o.value).slice(UNIT_PAGE_SIZE)).toEqual(['next', 'all', 'skip']);
    const turned = (await wasteReportFlow.steps.locality.answer({ kind: 'choice', value: 'next' }, searched.data, ctx)) as { data: ReturnType<typeof base> };
    expect(turned.data.localityPick).toEqual({ query: 'phuong', page: 1 });
  });
});

describe('the invite unit picker over 124 communes, through the engine', () => {
  it('should find a commune by its name without diacritics on a numbered platform', async () => {
    const operations = new FakeOperations()
      .on(listUnitKinds, () => [{ id: 'kind-commune', campaignId: 'campaign-1', code: 'commune', nameVi: 'UBND xã', nameEn: 'Commune', active: true, place: true }])
      .on(listUnitChoices, () => units)
      .on(findUnit, ({ unitId }) => {
        const u = units.find((x) => x.id === unitId);
        return u ? { ...u, campaignId: 'campaign-1', kindId: 'kind-commune', parentId: null, active: true, sortOrder: 0, validFrom: null, validTo: null } : null;
      });
    const ctx = makeFakeFlowContext(operations, { clock: new TestClock(), roles: ['citizen', 'official'], traits: ZALO_TRAITS, channel: 'zalo' });
    const labelsOf = () => [];
    let turn = await startFlow(inviteFlow, '', ctx);
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'text', text: '1' }, ctx, labelsOf);
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'button', data: choiceData(turn.conversation!.seq, 0) }, ctx, labelsOf);
    expect(turn.conversation?.step).toBe('unit');
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'text', text: 'nam gia nghia' }, ctx, labelsOf);
    expect(turn.replies.at(-1)!.lines).toContainEqual({ key: 'unitPicker.oneMatch', params: { query: 'nam gia nghia' } });
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'text', text: '1' }, ctx, labelsOf);
    expect(turn.conversation).toMatchObject({ step: 'confirm', data: { unitId: byName('Phường Nam Gia Nghĩa').id } });
    expect(operations.optionsOf(listUnitChoices).at(-1)).toEqual({ campaignId: 'campaign-1', kindId: 'kind-commune' });
  });

  it('should search every kind when a name is typed instead of a kind, or given with /moi', async () => {
    const operations = new FakeOperations()
      .on(listUnitKinds, () => [{ id: 'kind-commune', campaignId: 'campaign-1', code: 'commune', nameVi: 'UBND xã', nameEn: 'Commune', active: true, place: true }])
      .on(listUnitChoices, () => units)
      .on(findUnitOfCampaign, () => null);
    const ctx = makeFakeFlowContext(operations, { clock: new TestClock(), roles: ['citizen', 'official'] });
    const labelsOf = () => [];
    let turn = await startFlow(inviteFlow, '', ctx);
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'button', data: choiceData(turn.conversation!.seq, 0) }, ctx, labelsOf);
    expect(turn.replies.at(-1)!.lines).toContainEqual({ key: 'unitPicker.typeToSearch' });
    const none = await answerFlow(inviteFlow, turn.conversation!, { kind: 'text', text: 'xyzw' }, ctx, labelsOf);
    expect(none.replies.at(-1)!.lines[0]).toEqual({ key: 'unitPicker.noMatch', params: { query: 'xyzw' } });
    turn = await answerFlow(inviteFlow, turn.conversation!, { kind: 'text', text: 'phuong bac gia nghia' }, ctx, labelsOf);
    expect(turn.conversation).toMatchObject({ step: 'unit', data: { query: 'phuong bac gia nghia' } });
    expect(operations.optionsOf(listUnitChoices).at(-1)).toEqual({ campaignId: 'campaign-1' });

    const started = await startFlow(inviteFlow, 'quang tan', ctx);
    expect(started.conversation).toMatchObject({ step: 'unit', data: { role: 'unit_contact', query: 'quang tan' } });
    expect(started.replies.at(-1)!.lines).toContainEqual({ key: 'unitPicker.oneMatch', params: { query: 'quang tan' } });
    const unknown = await startFlow(inviteFlow, 'XYZW_1', ctx);
    expect(unknown.conversation?.step).toBe('role');
  });
});
