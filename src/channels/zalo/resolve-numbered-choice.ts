import { foldText } from '../../domain/fold-text.js';
import type { TInput } from '../../flows/engine/input.js';
import { ZOutMessage } from '../../outbox/out-message.js';
import type { Db } from '../../store/db.js';

/**
 * Zalo has no buttons, so the bot's last message to the chat listed its choices by number. A
 * reply that is one of those numbers (or an option's words) becomes a press of that button;
 * anything else stays text.
 */
export async function resolveNumberedChoice(db: Db, chatId: string, input: TInput): Promise<TInput> {
  if (input.kind !== 'text') return input;
  const last = await db.outboxMessage.findFirst({
    where: { channel: 'zalo', chatId },
    orderBy: { id: 'desc' },
    select: { payloadJson: true },
  });
  if (!last) return input;
  const parsed = ZOutMessage.safeParse(JSON.parse(last.payloadJson));
  const buttons = parsed.success ? (parsed.data.buttons?.flat() ?? []) : [];
  if (!buttons.length) return input;
  const text = input.text.trim();
  if (/^\d{1,2}\.?$/.test(text)) {
    const button = buttons[Number.parseInt(text, 10) - 1];
    return button ? { kind: 'button', data: button.data } : input;
  }
  const byLabel = buttons.find((b) => foldText(b.label) === foldText(text));
  return byLabel ? { kind: 'button', data: byLabel.data } : input;
}
