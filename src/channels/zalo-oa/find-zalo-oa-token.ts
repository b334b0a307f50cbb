import type { Tx } from '../../store/db.js';

export interface FindZaloOaTokenOptions {
  appId: string;
}

export async function findZaloOaToken(tx: Tx, { appId }: FindZaloOaTokenOptions) {
  return tx.zaloOaToken.findUnique({ where: { appId } });
}
