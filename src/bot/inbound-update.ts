import type { TChannel } from '../domain/channel.js';
import type { TInput } from '../core/input.js';
import type { ChannelUser } from '../people/resolve-identity.js';

/** One update from any channel, already normalised. */
export interface InboundUpdate {
  channel: TChannel;
  /** Unique per channel; an update seen twice is handled once. */
  updateId: string;
  from: ChannelUser;
  input: TInput;
  /**
   * An opaque key of where the update came from when the sender is not a platform account (a
   * keyed hash of a web visitor's address): limits meant per person also hold across the new
   * visitors one address can make.
   */
  sourceKey?: string;
}
