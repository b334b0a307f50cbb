import type { TChannel } from '../domain/channel.js';
import type { TInput } from '../flows/engine/input.js';
import type { ChannelUser } from '../people/resolve-identity.js';

/** One update from any channel, already normalised. */
export interface InboundUpdate {
  channel: TChannel;
  /** Unique per channel; an update seen twice is handled once. */
  updateId: string;
  from: ChannelUser;
  input: TInput;
}
