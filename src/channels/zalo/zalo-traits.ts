import type { ChannelTraits } from '../../core/channel-traits.js';

export const ZALO_TRAITS: ChannelTraits = {
  maxText: 2000,
  // The Zalo Bot API has no buttons: choices become a numbered list answered by number.
  choices: 'numbered',
  // Its Bot API sends no files, so a document's message says where to get it.
  sendsFiles: false,
  receivesLocations: false,
  sendGapMs: 50,
  refusal: 'unreachable',
  knowsName: true,
  interactionWindow: false,
};
