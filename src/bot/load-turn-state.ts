import type { TChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import { parseConversation, type TConversation } from '../flows/engine/conversation.js';
import type { TPersonView } from '../core/person-view.js';
import { toPersonView } from '../people/get-person-view.js';
import type { StoredIdentity } from '../people/resolve-identity.js';
import type { Tx } from '../store/db.js';

export interface LoadTurnStateOptions {
  channel: TChannel;
  externalId: string;
  defaultLocale: TLocale;
}

export interface TTurnState {
  identity: StoredIdentity;
  person: TPersonView;
  conversation: TConversation | null;
}

interface Row {
  identityId: string;
  personId: string;
  chatId: string;
  username: string | null;
  identityName: string | null;
  status: string;
  lastSeenAt: Date | string;
  personName: string;
  locale: string | null;
  role: string | null;
  unitId: string | null;
  flowId: string | null;
  step: string | null;
  dataJson: string | null;
  promptJson: string | null;
  seq: number | bigint | null;
  version: number | bigint | null;
  startedAt: Date | string | null;
  updatedAt: Date | string | null;
}

/**
 * What a turn reads before it acts, in one statement: the account, the person behind it with
 * their current (unrevoked) roles, and the conversation under way. One row per active role,
 * or one row without a role. Nothing is kept between turns, so a role revoked by anyone, in
 * any instance, is seen by the very next turn. The SQL is plain enough to be the same for
 * SQLite and PostgreSQL. Null when the account is new.
 */
export async function loadTurnState(tx: Tx, options: LoadTurnStateOptions): Promise<TTurnState | null> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT i."id" AS "identityId", i."personId", i."chatId", i."username", i."displayName" AS "identityName",
           i."status", i."lastSeenAt",
           p."displayName" AS "personName", p."locale",
           r."role", r."unitId",
           c."flowId", c."step", c."dataJson", c."promptJson", c."seq", c."version", c."startedAt", c."updatedAt"
    FROM "Identity" i
    JOIN "Person" p ON p."id" = i."personId"
    LEFT JOIN "RoleAssignment" r ON r."personId" = p."id" AND r."revokedAt" IS NULL
    LEFT JOIN "Conversation" c ON c."identityId" = i."id"
    WHERE i."channel" = ${options.channel} AND i."externalId" = ${options.externalId}`;
  const first = rows[0];
  if (!first) return null;
  const assignments = rows.flatMap((r) => (r.role ? [{ role: r.role, unitId: r.unitId }] : []));
  const conversation =
    first.flowId !== null
      ? parseConversation({
          flowId: first.flowId,
          step: first.step!,
          dataJson: first.dataJson!,
          promptJson: first.promptJson!,
          seq: Number(first.seq),
          version: Number(first.version),
          startedAt: asDate(first.startedAt!),
          updatedAt: asDate(first.updatedAt!),
        })
      : null;
  return {
    identity: {
      id: first.identityId,
      personId: first.personId,
      chatId: first.chatId,
      username: first.username,
      displayName: first.identityName,
      status: first.status,
      lastSeenAt: asDate(first.lastSeenAt),
    },
    person: toPersonView({ id: first.personId, displayName: first.personName, locale: first.locale }, assignments, options.defaultLocale),
    conversation,
  };
}

/** Dates come back as Date from both drivers; a text or epoch value is read the same way. */
function asDate(value: Date | string | number | bigint): Date {
  return value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : value);
}
