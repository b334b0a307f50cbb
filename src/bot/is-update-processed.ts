import type { Db } from '../store/db.js';

export interface IsUpdateProcessedOptions {
  channel: string;
  updateId: string;
}

/**
 * Whether an update was already handled: a channel that does costly work before the turn (a
 * photo fetched and kept from a link) asks first, so a platform's re-delivery neither fetches
 * nor stores it again. The turn itself still records the update, which settles any race.
 */
export async function isUpdateProcessed(db: Db, { channel, updateId }: IsUpdateProcessedOptions): Promise<boolean> {
  return (await db.processedUpdate.count({ where: { channel, updateId } })) > 0;
}
