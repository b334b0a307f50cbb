/**
 * The few error types of the bot. Each carries what a person needs to fix the problem;
 * none carries a secret (tokens are scrubbed before anything is logged, see logger.ts).
 */

/** The environment or a data file is wrong; the message names what to change. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A campaign file does not match the schema; `issues` lists every problem with its path. */
export class CampaignFileError extends Error {
  override name = 'CampaignFileError';
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`Campaign file ${file} is not valid:\n  - ${issues.join('\n  - ')}`);
  }
}

/**
 * A chat platform refused or failed a call. `retryAfterSeconds` is set on rate limits.
 * `out_of_window`: the platform carries proactive messages only for a while after the person last
 * wrote (Zalo OA); the message waits until they write again. `suspended`: the channel cannot send
 * at all for now (its credentials are being renewed or were refused); the message waits without
 * spending its attempts.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'blocked' | 'transient' | 'permanent' | 'out_of_window' | 'suspended',
    readonly retryAfterSeconds?: number,
    /** The platform's own error code, when it gave one. */
    readonly code?: number,
  ) {
    super(message);
  }
}

/** Two writers raced on the same conversation; the turn is retried from fresh state. */
export class ConcurrentUpdateError extends Error {
  override name = 'ConcurrentUpdateError';
}

/**
 * An outbox message's lease ran out mid-send and another instance took it over: whatever this
 * send does next is the new holder's business, so it stops.
 */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(readonly outboxId: number) {
    super(`outbox message ${outboxId} was taken over by another sender`);
  }
}
