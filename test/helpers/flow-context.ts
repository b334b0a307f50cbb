import { WEB_TRAITS } from '../../src/channels/web/web-traits.js';
import type { Clock } from '../../src/clock.js';
import type { TRole } from '../../src/domain/role.js';
import type { TurnContext } from '../../src/core/turn-context.js';
import type { TReply } from '../../src/core/message.js';
import type { Tx } from '../../src/store/db.js';

export interface FakeFlowContext extends TurnContext {
  notices: { personId: string; message: TReply; dedupeKey: string }[];
  jobs: { kind: string; args: unknown }[];
}

/** A flow context over a real transaction, with notifications collected instead of queued. */
export function makeFlowContext(
  tx: Tx,
  options: { clock: Clock; personId: string; roles: TRole[]; campaignId: string; unitIds?: string[] },
): FakeFlowContext {
  const notices: FakeFlowContext['notices'] = [];
  const jobs: FakeFlowContext['jobs'] = [];
  return {
    tx,
    run: (operation, opts) => operation(tx, opts),
    clock: options.clock,
    person: { id: options.personId, displayName: 'Test', locale: 'vi', roles: options.roles, unitIds: options.unitIds ?? [] },
    identity: { id: 'test-identity', channel: 'web', chatId: 'test-chat' },
    traits: WEB_TRAITS,
    campaignId: options.campaignId,
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
