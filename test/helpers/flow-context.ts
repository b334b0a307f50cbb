import { CampaignDirectory } from '../../src/core/campaigns.js';
import { WEB_TRAITS } from '../../src/channels/web/web-traits.js';
import type { Clock } from '../../src/clock.js';
import type { ChannelTraits } from '../../src/core/channel-traits.js';
import type { TChannel } from '../../src/domain/channel.js';
import type { TRole } from '../../src/domain/role.js';
import type { Operation, TurnContext } from '../../src/core/turn-context.js';
import type { TReply } from '../../src/core/message.js';
import type { Tx } from '../../src/store/db.js';

export interface FakeFlowContext extends TurnContext {
  notices: { personId: string; message: TReply; dedupeKey: string }[];
  jobs: { kind: string; args: unknown }[];
}

/** What both contexts share: settings, and notices and jobs collected instead of queued. */
function collecting(): Pick<FakeFlowContext, 'settings' | 'setLocale' | 'refreshPerson' | 'notify' | 'queueJob' | 'notices' | 'jobs'> {
  const notices: FakeFlowContext['notices'] = [];
  const jobs: FakeFlowContext['jobs'] = [];
  return {
    settings: { inviteTtlDays: 14, wasteReportsPerHour: 5, unitResultReview: 'board' },
    setLocale: async () => {},
    refreshPerson: async () => {},
    notify: async (personId, message, dedupeKey) => void notices.push({ personId, message, dedupeKey }),
    queueJob: async (job, args) => {
      if (!job.args.safeParse(args).success) return 'invalid';
      jobs.push({ kind: job.kind, args });
      return 'queued';
    },
    notices,
    jobs,
  };
}

/** The campaigns of an installation that runs one movement. */
const oneCampaign = (id: string) => new CampaignDirectory([{ id, code: 'TEST', nameVi: 'Thử', nameEn: 'Test', archived: false, lineage: [id] }], [id]);

/** A flow context over a real transaction, with notifications collected instead of queued. */
export function makeFlowContext(
  tx: Tx,
  options: { clock: Clock; personId: string; roles: TRole[]; campaignId: string; unitIds?: string[] },
): FakeFlowContext {
  return {
    run: (operation, opts) => operation(tx, opts),
    clock: options.clock,
    person: { id: options.personId, displayName: 'Test', locale: 'vi', roles: options.roles, unitIds: options.unitIds ?? [], assignments: [], localeChosen: true },
    identity: { id: 'test-identity', channel: 'web', chatId: 'test-chat' },
    traits: WEB_TRAITS,
    campaignId: options.campaignId,
    campaigns: oneCampaign(options.campaignId),
    ...collecting(),
    inCampaign(campaign) {
      return { ...this, campaignId: campaign.id };
    },
  };
}

/** What a fake operation does instead of the database: given the options, the result. */
export type FakeOperation<O, R> = (options: O) => R | Promise<R>;

/**
 * Operations a flow may run, each answered by a fake, keyed by the operation function itself.
 * Running one with no fake fails the test, so a test lists everything the flow reads or writes.
 */
export class FakeOperations {
  // Each entry pairs an operation with a fake of the same options and result, as `on` enforces.
  private readonly fakes = new Map<Operation<never, unknown>, FakeOperation<never, unknown>>();
  /** Every operation run, in order, with its options. */
  readonly calls: { operation: Operation<never, unknown>; options: unknown }[] = [];

  on<O, R>(operation: Operation<O, R>, fake: FakeOperation<O, R>): this {
    this.fakes.set(operation as Operation<never, unknown>, fake as FakeOperation<never, unknown>);
    return this;
  }

  run = async <O, R>(operation: Operation<O, R>, options: O): Promise<R> => {
    const fake = this.fakes.get(operation as Operation<never, unknown>) as FakeOperation<O, R> | undefined;
    if (!fake) throw new Error(`no fake for operation ${operation.name}`);
    this.calls.push({ operation: operation as Operation<never, unknown>, options });
    return fake(options);
  };

  /** The options of each run of `operation`, in order. */
  optionsOf<O, R>(operation: Operation<O, R>): O[] {
    return this.calls.filter((c) => c.operation === (operation as Operation<never, unknown>)).map((c) => c.options as O);
  }
}


/** A flow context with no database at all: operations are answered by `operations`. */
export function makeFakeFlowContext(
  operations: FakeOperations,
  options: { clock: Clock; personId?: string; displayName?: string; roles?: TRole[]; unitIds?: string[]; traits?: ChannelTraits; channel?: TChannel },
): FakeFlowContext {
  return {
    run: operations.run,
    clock: options.clock,
    person: { id: options.personId ?? 'person-1', displayName: options.displayName ?? 'Test', locale: 'vi', roles: options.roles ?? ['citizen'], unitIds: options.unitIds ?? [], assignments: [], localeChosen: true },
    identity: { id: 'identity-1', channel: options.channel ?? 'web', chatId: 'chat-1' },
    traits: options.traits ?? WEB_TRAITS,
    campaignId: 'campaign-1',
    campaigns: oneCampaign('campaign-1'),
    ...collecting(),
    inCampaign(campaign) {
      return { ...this, campaignId: campaign.id };
    },
  };
}
