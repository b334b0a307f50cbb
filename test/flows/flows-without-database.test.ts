import { describe, expect, it } from 'vitest';
import { TELEGRAM_TRAITS } from '../../src/channels/telegram/telegram-traits.js';
import { answerFlow, startFlow } from '../../src/flows/engine/advance.js';
import { describeRole } from '../../src/flows/describe-role.js';
import { inviteFlow } from '../../src/flows/invite-flow.js';
import { nameFlow } from '../../src/flows/name-flow.js';
import { wasteReportFlow } from '../../src/flows/waste-report-flow.js';
import { recordAudit } from '../../src/audit/record-audit.js';
import { createInvite } from '../../src/invites/create-invite.js';
import { getChosenName, setChosenName } from '../../src/people/set-chosen-name.js';
import { findUnit } from '../../src/units/find-unit.js';
import { findUnitOfCampaign } from '../../src/units/find-unit-of-campaign.js';
import { choiceData } from '../../src/flows/engine/validate-answer.js';
import type { TInput } from '../../src/core/input.js';
import { FakeOperations, makeFakeFlowContext } from '../helpers/flow-context.js';
import { TestClock } from '../helpers/test-clock.js';

const labelsOf = () => [];
const text = (t: string): TInput => ({ kind: 'text', text: t });

const unit = { id: 'unit-q1', campaignId: 'campaign-1', code: 'Q1', nameVi: 'Quận 1', nameEn: 'District 1', shortName: null, kindId: 'kind-1', parentId: null, active: true, sortOrder: 1, validFrom: null, validTo: null };

describe('flows driven with fake operations, no database', () => {
  it('should keep a typed name through setChosenName, and ask again for one it cannot use', async () => {
    const names = new Map<string, string>();
    const operations = new FakeOperations()
      .on(getChosenName, ({ personId }) => names.get(personId) ?? null)
      .on(setChosenName, ({ personId, name }) => void names.set(personId, name));
    const ctx = makeFakeFlowContext(operations, { clock: new TestClock() });

    const started = await startFlow(nameFlow, '', ctx);
    expect(started.replies[0]!.lines[0]).toEqual({ key: 'name.none' });

    const tooShort = await answerFlow(nameFlow, started.conversation!, text('A'), ctx, labelsOf);
    expect(tooShort.conversation).toEqual(started.conversation);
    expect(operations.optionsOf(setChosenName)).toEqual([]);

    const saved = await answerFlow(nameFlow, started.conversation!, text('Trần Thị Bình'), ctx, labelsOf);
    expect(saved.conversation).toBeNull();
    expect(saved.replies[0]!.lines).toEqual([{ key: 'name.saved', params: { name: 'Trần Thị Bình' } }]);
    expect(operations.optionsOf(setChosenName)).toEqual([{ personId: 'person-1', name: 'Trần Thị Bình' }]);

    const again = await startFlow(nameFlow, '', ctx);
    expect(again.replies[0]!.lines[0]).toEqual({ key: 'name.current', params: { name: 'Trần Thị Bình' } });
  });

  it('should create an invite for a unit typed by its code, and record it', async () => {
    const clock = new TestClock();
    const operations = new FakeOperations()
      .on(findUnitOfCampaign, ({ code }) => (code.trim().toUpperCase() === 'Q1' ? { ...unit, kind: { id: 'kind-1', campaignId: 'campaign-1', code: 'district', nameVi: 'Quận', nameEn: 'District', place: true, active: true } } : null))
      .on(findUnit, ({ unitId }) => (unitId === unit.id ? unit : null))
      .on(createInvite, ({ ttlDays, now }) => ({ id: 'invite-1', code: 'ABCDEFGHJKMNPQRSTVWXYZ0123', expiresAt: new Date(now.getTime() + ttlDays * 86_400_000) }))
      .on(recordAudit, () => undefined);
    const ctx = makeFakeFlowContext(operations, { clock, roles: ['citizen', 'official'] });

    const started = await startFlow(inviteFlow, 'q1', ctx);
    expect(started.conversation?.step).toBe('confirm');
    expect(started.replies[0]!.lines[1]).toEqual(describeRole('unit_contact', unit));

    const seq = started.conversation!.seq;
    const done = await answerFlow(inviteFlow, started.conversation!, { kind: 'button', data: choiceData(seq, 0) }, ctx, labelsOf);
    expect(done.conversation).toBeNull();
    expect(done.replies[0]!.lines[0]).toEqual({ key: 'invite.created' });
    expect(operations.optionsOf(createInvite)).toEqual([{ role: 'unit_contact', unitId: unit.id, createdById: 'person-1', ttlDays: 14, now: clock.now() }]);
    expect(operations.optionsOf(recordAudit)).toMatchObject([{ action: 'invite.create', subjectId: 'invite-1' }]);
  });

  it('should ask for a location only where the platform can send one', async () => {
    const place = async (traits = TELEGRAM_TRAITS) => {
      const ctx = makeFakeFlowContext(new FakeOperations(), { clock: new TestClock(), traits });
      return (await wasteReportFlow.steps.place.prompt(wasteReportFlow.data.parse({}), ctx)).lines;
    };
    expect(await place()).toEqual([{ key: 'waste.askPlaceWithLocation' }]);
    expect(await place({ ...TELEGRAM_TRAITS, receivesLocations: false })).toEqual([{ key: 'waste.askPlace' }]);
  });
});
