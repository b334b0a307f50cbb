import type { TChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import { parseConversation, type TConversation } from '../flows/engine/conversation.js';
import type { TPersonView } from '../core/person-view.js';
import { toPersonView } from '../people/get-person-view.js';
import type { StoredIdentity } from '../people/resolve-identity.js';
import type { Tx } from '../store/db.js';
import { providerOf } from '../store/provider-of.js';
import { noteFact } from '../store/turn-facts.js';
import { reportingBlockedFact } from '../waste/is-reporting-blocked.js';

export interface LoadTurnStateOptions {
  channel: TChannel;
  updateId: string;
  externalId: string;
  now: Date;
  defaultLocale: TLocale;
}

export interface TTurnState {
  identity: StoredIdentity;
  person: TPersonView;
  /** The campaign the person chose with /phongtrao, if any. */
  chosenCampaignId: string | null;
  conversation: TConversation | null;
}

export interface TLoadedTurn {
  /** Null when the account is new. */
  state: TTurnState | null;
  /** When and from which files the campaigns were last loaded; null without a campaign. */
  catalogue: string | null;
}

type StoredAssignment = { role: string; unitId: string | null; campaignId: string | null };

/** Dates come as SQLite stores them (ISO text) or, from PostgreSQL, as epoch milliseconds. */
interface StateJson {
  identityId: string;
  personId: string;
  chatId: string;
  username: string | null;
  identityName: string | null;
  status: string;
  lastSeenAt: number | string;
  personName: string;
  locale: string | null;
  chosenCampaignId: string | null;
  reportingBlocked: boolean | number;
  roles: StoredAssignment[] | string;
  conversation: {
    flowId: string;
    step: string;
    dataJson: string;
    promptJson: string;
    seq: number;
    version: number;
    startedAt: number | string;
    updatedAt: number | string;
  } | null;
}

/**
 * Starts a turn in one statement: records the update as processed (a re-delivered update
 * fails here on the primary key, and the turn rolls back as a duplicate) and reads what the
 * turn acts on: the account, the person behind it with their current (unrevoked) roles,
 * whether an official's block stops them filing reports, and the conversation under way.
 * Nothing is kept between turns, so a role revoked or a block placed by anyone, in any
 * instance, is seen by the very next turn. The catalogue's stamp comes along, for the cache.
 */
export async function loadTurnState(tx: Tx, options: LoadTurnStateOptions): Promise<TLoadedTurn> {
  const rows = providerOf(tx) === 'postgresql' ? await postgresql(tx, options) : await sqlite(tx, options);
  const row = rows[0];
  if (!row) throw new Error('the processed update was not recorded');
  return { state: row.state === null ? null : readState(tx, row.state, options.defaultLocale), catalogue: row.catalogue };
}

function readState(tx: Tx, raw: StateJson | string, defaultLocale: TLocale): TTurnState {
  const state = (typeof raw === 'string' ? JSON.parse(raw) : raw) as StateJson;
  const assignments = typeof state.roles === 'string' ? (JSON.parse(state.roles) as StoredAssignment[]) : state.roles;
  noteFact(tx, reportingBlockedFact(state.personId), Boolean(state.reportingBlocked));
  const c = state.conversation;
  const conversation = c
    ? parseConversation({
        flowId: c.flowId,
        step: c.step,
        dataJson: c.dataJson,
        promptJson: c.promptJson,
        seq: Number(c.seq),
        version: Number(c.version),
        startedAt: asDate(c.startedAt),
        updatedAt: asDate(c.updatedAt),
      })
    : null;
  return {
    identity: {
      id: state.identityId,
      personId: state.personId,
      chatId: state.chatId,
      username: state.username,
      displayName: state.identityName,
      status: state.status,
      lastSeenAt: asDate(state.lastSeenAt),
    },
    person: toPersonView({ id: state.personId, displayName: state.personName, locale: state.locale }, assignments, defaultLocale),
    chosenCampaignId: state.chosenCampaignId ?? null,
    conversation,
  };
}

type StateRow = { state: StateJson | string | null; catalogue: string | null };

/**
 * SQLite allows subqueries in RETURNING; a JSON value loses its JSON type when it leaves a
 * subquery, so each nested one is passed through json() again.
 */
function sqlite(tx: Tx, o: LoadTurnStateOptions): Promise<StateRow[]> {
  return tx.$queryRaw<StateRow[]>`
    INSERT INTO "ProcessedUpdate" ("channel", "updateId", "processedAt") VALUES (${o.channel}, ${o.updateId}, ${o.now})
    RETURNING (
      SELECT json_object(
        'identityId', i."id", 'personId', i."personId", 'chatId', i."chatId", 'username', i."username",
        'identityName', i."displayName", 'status', i."status", 'lastSeenAt', i."lastSeenAt",
        'personName', p."displayName", 'locale', p."locale", 'chosenCampaignId', p."campaignId",
        'reportingBlocked', EXISTS (SELECT 1 FROM "ReportingBlock" b WHERE b."personId" = p."id" AND b."liftedAt" IS NULL),
        'roles', json((SELECT json_group_array(json_object('role', r."role", 'unitId', r."unitId", 'campaignId', COALESCE(r."campaignId", u."campaignId")))
                       FROM "RoleAssignment" r LEFT JOIN "Unit" u ON u."id" = r."unitId"
                       WHERE r."personId" = p."id" AND r."revokedAt" IS NULL)),
        'conversation', json((SELECT json_object(
                         'flowId', c."flowId", 'step', c."step", 'dataJson', c."dataJson", 'promptJson', c."promptJson",
                         'seq', c."seq", 'version', c."version",
                         'startedAt', c."startedAt", 'updatedAt', c."updatedAt")
                       FROM "Conversation" c WHERE c."identityId" = i."id"))
      )
      FROM "Identity" i JOIN "Person" p ON p."id" = i."personId"
      WHERE i."channel" = ${o.channel} AND i."externalId" = ${o.externalId}
    ) AS "state",
    (SELECT group_concat("stamp", ',') FROM (SELECT "sourceHash" || '@' || "loadedAt" AS "stamp" FROM "Campaign" ORDER BY "id")) AS "catalogue"`;
}

function postgresql(tx: Tx, o: LoadTurnStateOptions): Promise<StateRow[]> {
  return tx.$queryRaw<StateRow[]>`
    INSERT INTO "ProcessedUpdate" ("channel", "updateId", "processedAt") VALUES (${o.channel}, ${o.updateId}, ${o.now})
    RETURNING (
      SELECT json_build_object(
        'identityId', i."id", 'personId', i."personId", 'chatId', i."chatId", 'username', i."username",
        'identityName', i."displayName", 'status', i."status", 'lastSeenAt', round(extract(epoch from i."lastSeenAt") * 1000)::bigint,
        'personName', p."displayName", 'locale', p."locale", 'chosenCampaignId', p."campaignId",
        'reportingBlocked', EXISTS (SELECT 1 FROM "ReportingBlock" b WHERE b."personId" = p."id" AND b."liftedAt" IS NULL),
        'roles', COALESCE((SELECT json_agg(json_build_object('role', r."role", 'unitId', r."unitId", 'campaignId', COALESCE(r."campaignId", u."campaignId")))
                           FROM "RoleAssignment" r LEFT JOIN "Unit" u ON u."id" = r."unitId"
                           WHERE r."personId" = p."id" AND r."revokedAt" IS NULL), '[]'::json),
        'conversation', (SELECT json_build_object(
                           'flowId', c."flowId", 'step', c."step", 'dataJson', c."dataJson", 'promptJson', c."promptJson",
                           'seq', c."seq", 'version', c."version",
                           'startedAt', round(extract(epoch from c."startedAt") * 1000)::bigint, 'updatedAt', round(extract(epoch from c."updatedAt") * 1000)::bigint)
                         FROM "Conversation" c WHERE c."identityId" = i."id")
      )::text
      FROM "Identity" i JOIN "Person" p ON p."id" = i."personId"
      WHERE i."channel" = ${o.channel} AND i."externalId" = ${o.externalId}
    ) AS "state",
    (SELECT string_agg("sourceHash" || '@' || "loadedAt"::text, ',' ORDER BY "id") FROM "Campaign") AS "catalogue"`;
}

/** Dates come back as numbers, or as the text a column holds; either is read the same way. */
function asDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}
