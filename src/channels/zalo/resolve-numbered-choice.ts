import { foldText } from '../../domain/fold-text.js';
import type { TInput } from '../../core/input.js';
import type { TChannel } from '../../domain/channel.js';
import { listRecentMessages } from '../../outbox/list-recent-messages.js';
import { LEAVE_PREFIX } from '../../core/command-button.js';
import type { Db } from '../../store/db.js';

/** How many of the latest messages to a chat are searched for the choice a reply names. */
const RECENT_MESSAGES = 20;

export interface ResolveNumberedChoiceOptions {
  /** Any channel that numbers its choices; Zalo's Bot API by default. */
  channel?: TChannel;
  chatId: string;
  /** The person's Zalo user id, to find the dialog they are in. */
  externalId: string;
  input: TInput;
}

/**
 * Zalo has no buttons, so messages list their choices by number. A number answers the prompt
 * the person is answering, not whatever came last: while a dialog is open, that is the
 * dialog's current question (its buttons carry the prompt's `p<seq>:` data), so a reminder
 * arriving in between does not capture "2"; the question taking no choice leaves "2" as text.
 * With no dialog open, a number answers the latest message with choices. An option's words
 * are unambiguous, so they press the button of any recent message (the dialog's first).
 */
export async function resolveNumberedChoice(db: Db, { channel = 'zalo', chatId, externalId, input }: ResolveNumberedChoiceOptions): Promise<TInput> {
  if (input.kind !== 'text') return input;
  const text = input.text.trim();
  // Lists run past 99 (the communes of a province).
  const isNumber = /^\d{1,3}\.?$/.test(text);
  const recent = await listRecentMessages(db, { to: { channel, chatId }, take: RECENT_MESSAGES, withMessages: true });
  const choices = recent.map((row) => row.message?.buttons?.flat() ?? []).filter((buttons) => buttons.length);
  if (!choices.length) return input;

  const identity = await db.identity.findUnique({
    where: { channel_externalId: { channel, externalId } },
    select: { conversation: { select: { seq: true } } },
  });
  const seq = identity?.conversation?.seq;
  const dialogPrompt = seq === undefined ? undefined : choices.find((buttons) => buttons.some((b) => b.data.startsWith(`p${seq}:`)));

  if (isNumber) {
    // The question whether to leave the dialog (see leaveQuestion in routeInput) stands between
    // the dialog and its question while it is the latest: a number answers it.
    const leaving = choices[0]!.some((b) => b.data.startsWith(LEAVE_PREFIX)) ? choices[0] : undefined;
    const answering = leaving ?? (seq === undefined ? choices[0] : dialogPrompt);
    const button = answering?.[Number.parseInt(text, 10) - 1];
    return button ? { kind: 'button', data: button.data } : input;
  }
  const folded = foldText(text);
  for (const buttons of dialogPrompt ? [dialogPrompt, ...choices] : choices) {
    const byLabel = buttons.find((b) => foldText(b.label) === folded);
    if (byLabel) return { kind: 'button', data: byLabel.data };
  }
  return input;
}
