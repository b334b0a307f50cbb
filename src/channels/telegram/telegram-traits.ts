import type { ChannelTraits } from '../../core/channel-traits.js';

export const TELEGRAM_TRAITS: ChannelTraits = {
  // Telegram allows 4096; the rest is room for a numbered tail or an edit.
  maxText: 4000,
  choices: 'buttons',
  sendsFiles: true,
  receivesLocations: true,
  // About 30 messages a second per bot.
  sendGapMs: 34,
  refusal: 'blocked',
  knowsName: true,
  interactionWindow: false,
};
