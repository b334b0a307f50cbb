/**
 * What a platform can do, declared by its channel. The renderer and the outbox read these and
 * never a platform's name, so a new platform is a new folder and one line in the channel list.
 */
export interface ChannelTraits {
  /** The longest text one message may hold, in characters. */
  maxText: number;
  /** `buttons`: choices are tappable; `numbered`: a numbered list the person answers by number. */
  choices: 'buttons' | 'numbered';
  /** The bot can send a file (an export) as a document. */
  sendsFiles: boolean;
  /** A person can send their location (for a waste report's place). */
  receivesLocations: boolean;
  /** The least time between two proactive messages of this bot on the platform, in ms. */
  sendGapMs: number;
  /**
   * What a permanent refusal to deliver means for the person's identity: `blocked` (they
   * blocked the bot; they come back by writing again) or `unreachable` (the platform will not
   * carry messages to them until something changes).
   */
  refusal: 'blocked' | 'unreachable';
  /** The platform tells the bot the person's name (Telegram, Zalo; the web chat does not). */
  knowsName: boolean;
  /**
   * The platform carries the bot's messages only for a while after the person last wrote (a
   * Zalo OA's interaction window): what it refused outside the window waits, and goes out
   * again in the turn of the person's next message.
   */
  interactionWindow: boolean;
}

/** The traits of a channel by its name, as stored with an identity or an outbox row. */
export type TraitsOf = (channel: string) => ChannelTraits;
