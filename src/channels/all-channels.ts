import type { ChannelTraits, TraitsOf } from '../core/channel-traits.js';
import type { ChannelFactory } from './channel.js';
import { telegramChannel } from './telegram/telegram-channel.js';
import { webChannel } from './web/web-channel.js';
import { zaloChannel } from './zalo/zalo-channel.js';
import { zaloOaChannel } from './zalo-oa/zalo-oa-channel.js';

/** Every platform the bot knows; the config decides which of them run. */
export const ALL_CHANNELS: readonly ChannelFactory[] = [webChannel, telegramChannel, zaloChannel, zaloOaChannel];

const TRAITS = new Map<string, ChannelTraits>(ALL_CHANNELS.map((channel) => [channel.name, channel.traits]));

/**
 * What a channel can do, whether or not it runs here: a message for a channel turned off
 * waits in the outbox, rendered for it. A name no channel has (an old row) gets the web
 * chat's, which is always there.
 */
export const traitsOf: TraitsOf = (channel) => TRAITS.get(channel) ?? webChannel.traits;
