import type { ChannelTraits } from '../../core/channel-traits.js';

export const WEB_TRAITS: ChannelTraits = {
  maxText: 4000,
  choices: 'buttons',
  sendsFiles: true,
  receivesLocations: false,
  sendGapMs: 0,
  refusal: 'unreachable',
  // A visitor is nobody until they type a name.
  knowsName: false,
  interactionWindow: false,
};
