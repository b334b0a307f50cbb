import type { Clock } from '../clock.js';
import type { TChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import { ConcurrentUpdateError } from '../errors.js';
import { saveConversation } from '../flows/engine/conversation.js';
import type { TraitsOf } from '../core/channel-traits.js';
import type { TurnContext, TurnSettings } from '../core/turn-context.js';
import { personIn, turnCampaign, type CampaignDirectory, type TCampaignView } from '../core/campaigns.js';
import type { TPersonView } from '../core/person-view.js';
import { msg } from '../core/message.js';
import { queueJob } from '../jobs/queue-job.js';
import type { Translator } from '../i18n/create-translator.js';
import type { Logger } from '../logger.js';
import type { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import type { OutboxRow } from '../outbox/out-message.js';
import { queueMessage } from '../outbox/queue-message.js';
import { wakeWaitingMessages } from '../outbox/wake-waiting-messages.js';
import { queueReplies } from '../outbox/queue-replies.js';
import { createRenderReply, type RenderReply } from '../outbox/render-reply.js';
import { getPersonView, toPersonView } from '../people/get-person-view.js';
import { createIdentity, resolveIdentity, touchIdentity } from '../people/resolve-identity.js';
import type { Db, Tx } from '../store/db.js';
import type { InboundUpdate } from './inbound-update.js';
import { isDatabaseUnavailable } from './is-database-unavailable.js';
import { isDuplicateUpdate } from './is-duplicate-update.js';
import { CatalogueCache } from './catalogue-cache.js';
import { loadTurnState } from './load-turn-state.js';
import { Slots } from '../core/slots.js';
import { routeInput } from './route-input.js';
import { recordFailedUpdate } from './record-failed-update.js';
import { sanitizeInput, sanitizeUser } from './sanitize-input.js';

export interface BotCoreOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  translator: Translator;
  outbox: OutboxDispatcher;
  campaigns: CampaignDirectory;
  defaultLocale: TLocale;
  conversationTtlHours: number;
  settings: TurnSettings;
  /** What each platform can do, for the flows (ask for a location only where one can be sent). */
  traitsOf: TraitsOf;
  /** Told when a turn queued a job, so it starts without waiting for the next poll. */
  jobs?: { kick(): void };
  /** Turns under way at once; further updates wait for a slot (see Slots). */
  turnsInFlight?: number;
}

/** SQLite has one connection, PostgreSQL a pool of ten: more turns at once would only wait inside it. */
const DEFAULT_TURNS_IN_FLIGHT = 4;

export type HandleOutcome = { status: 'handled' | 'duplicate'; queued: OutboxRow[]; identityId?: string; jobQueued?: boolean };

/**
 * The one entry point for updates from every channel. A turn runs in one transaction: the
 * update is marked processed, the conversation advances and the replies are queued in the
 * outbox together, so a crash either loses the whole turn (and the platform re-delivers the
 * update) or keeps all of it (and the outbox delivers the replies).
 */
export class BotCore {
  private readonly render: RenderReply;
  private readonly slots: Slots;
  private readonly catalogue = new CatalogueCache();

  constructor(private readonly options: BotCoreOptions) {
    this.render = createRenderReply(options.translator, options.traitsOf);
    this.slots = new Slots(options.turnsInFlight ?? DEFAULT_TURNS_IN_FLIGHT);
  }

  /**
   * Resolves once the update's turn is stored (a webhook may then answer the platform);
   * delivery goes on after. Updates beyond the turns in flight wait for a slot.
   */
  async handle(raw: InboundUpdate): Promise<HandleOutcome> {
    const update = { ...raw, from: sanitizeUser(raw.from), input: sanitizeInput(raw.input) };
    const outcome = await this.slots.run(() => this.store(update), update.channel);
    if (outcome.jobQueued) this.options.jobs?.kick();
    // Once stored, the update is done: delivery goes on in the chat's lane of the outbox. The
    // caller (a poll loop, a webhook) takes the next update meanwhile, so a slow upload to one
    // person never holds another's answer.
    this.options.outbox.deliverNow(outcome.queued).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'immediate delivery failed; the outbox sweep will retry');
    });
    return outcome;
  }

  private async store(update: InboundUpdate): Promise<HandleOutcome> {
    let outcome: HandleOutcome | undefined;
    for (let attempt = 1; !outcome; attempt++) {
      try {
        outcome = await this.turn(update);
      } catch (error) {
        if (isDuplicateUpdate(error)) return { status: 'duplicate', queued: [] };
        if (error instanceof ConcurrentUpdateError && attempt < 4) continue;
        if (isDatabaseUnavailable(error)) throw error;
        // A bug must not leave the person in silence, nor make the platform re-send the
        // same update for ever: apologise and mark the update handled.
        this.options.logger.error({ err: error, channel: update.channel, updateId: update.updateId }, 'turn failed');
        outcome = await this.apologise(update).catch((failure: unknown) => {
          if (isDuplicateUpdate(failure)) return { status: 'duplicate' as const, queued: [] };
          throw failure;
        });
      }
    }
    return outcome;
  }

  /**
   * For a channel whose update failed outside the turn (it could not be read, or even the
   * apology failed): counts the failure and says whether to give the update up and acknowledge
   * it. A database outage is never given up: the caller holds the update instead.
   */
  async giveUpOnFailure(channel: TChannel, updateId: string, error: unknown): Promise<boolean> {
    if (isDatabaseUnavailable(error)) return false;
    const { db, clock, logger } = this.options;
    return recordFailedUpdate({ db, clock, logger, channel, updateId, error });
  }

  private async turn(update: InboundUpdate): Promise<HandleOutcome> {
    const { db, clock, translator } = this.options;
    return db.$transaction(
      async (tx) => {
        const now = clock.now();
        const notices: OutboxRow[] = [];
        let jobQueued = false;
        // Records the update as processed too: a duplicate fails here, see isDuplicateUpdate.
        const { state, catalogue } = await loadTurnState(tx, {
          channel: update.channel,
          updateId: update.updateId,
          externalId: update.from.externalId,
          now,
          defaultLocale: this.options.defaultLocale,
        });
        this.catalogue.seen(catalogue);
        const who = state ? await touchIdentity(tx, state.identity, update.from, now) : await createIdentity(tx, update.channel, update.from, now);
        // Writing opens the platform's window again: what waited for it goes back to the queue,
        // in the same transaction as the message that opened it.
        if (state && this.options.traitsOf(update.channel).interactionWindow) {
          await wakeWaitingMessages(tx, { channel: update.channel, chatId: update.from.chatId, now });
        }
        const { campaigns } = this.options;
        const everywhere = state?.person ?? toPersonView({ id: who.personId, displayName: update.from.displayName, locale: null }, [], this.options.defaultLocale);
        const campaign = turnCampaign(campaigns, everywhere, state?.chosenCampaignId ?? null);
        const { personId } = who;
        const loaded = state?.conversation ?? null;
        const identity = { id: who.identityId, channel: update.channel, chatId: update.from.chatId };
        // A command may name another campaign for itself (see routeInput): the same turn, another campaign.
        const contextIn = (working: TCampaignView, who: TPersonView): TurnContext => {
          const c: TurnContext = {
            run: (operation, options) => this.catalogue.run(tx, operation, options),
            clock,
            person: who,
            identity,
            traits: this.options.traitsOf(update.channel),
            campaignId: working.id,
            campaigns,
            settings: this.options.settings,
            ...(update.sourceKey ? { sourceKey: update.sourceKey } : {}),
            refreshPerson: async () => {
              c.person = personIn(await getPersonView(tx, personId, this.options.defaultLocale), campaigns.byId(c.campaignId) ?? working, campaigns);
            },
            setLocale: async (locale) => {
              await tx.person.update({ where: { id: personId }, data: { locale } });
              c.person = { ...c.person, locale, localeChosen: true };
            },
            notify: async (recipientId, reply, dedupeKey) => {
              const rows = await queueMessage(tx, {
                personId: recipientId,
                reply,
                dedupeKey,
                render: this.render,
                defaultLocale: this.options.defaultLocale,
                now,
              });
              notices.push(...rows);
            },
            queueJob: async (job, args) => {
              const result = await queueJob(tx, { job, args, person: c.person, identity, campaignId: c.campaignId, now });
              jobQueued ||= result === 'queued';
              return result;
            },
            inCampaign: (other) => contextIn(other, personIn(c.person, other, campaigns)),
          };
          return c;
        };
        const ctx = contextIn(campaign, personIn(everywhere, campaign, campaigns));
        const result = await routeInput(update.input, loaded, ctx, {
          conversationTtlMs: this.options.conversationTtlHours * 3_600_000,
          labelsOf: (label) => translator.variants(label),
        });
        await saveConversation(tx, who.identityId, loaded, result.conversation, now);
        const replies = await queueReplies(tx, { identity, locale: ctx.person.locale, replies: result.replies, render: this.render, now, claim: this.options.outbox.claimAtQueueing });
        return { status: 'handled' as const, queued: [...replies, ...notices], identityId: who.identityId, jobQueued };
      },
      { maxWait: 15_000, timeout: 30_000 },
    );
  }

  /**
   * Records the update as handled. An update handled before (a re-delivery, or a concurrent
   * turn for the same update) fails here on the primary key; handle() reports it as a duplicate
   * and the transaction rolls back. One insert instead of a lookup first: duplicates are rare.
   */
  private async markProcessed(tx: Tx, update: InboundUpdate, now: Date): Promise<void> {
    await tx.processedUpdate.create({ data: { channel: update.channel, updateId: update.updateId, processedAt: now } });
  }

  private async apologise(update: InboundUpdate): Promise<HandleOutcome> {
    const { db, clock } = this.options;
    return db.$transaction(async (tx) => {
      const now = clock.now();
      await this.markProcessed(tx, update, now);
      const who = await resolveIdentity(tx, update.channel, update.from, now);
      const person = await getPersonView(tx, who.personId, this.options.defaultLocale);
      const identity = { id: who.identityId, channel: update.channel, chatId: update.from.chatId };
      const queued = await queueReplies(tx, { identity, locale: person.locale, replies: [{ lines: [msg('errors.internal')] }], render: this.render, now });
      return { status: 'handled' as const, queued, identityId: who.identityId };
    });
  }

}
