/**
 * A database error out of the token path, said without the database's own words: Prisma
 * prints a failed query's arguments, and there the arguments are the tokens (the refresh token
 * in a `where`, a new pair in `data`). Only what was being done and the error's code remain;
 * the code (P1001…) still tells isDatabaseUnavailable that the database is away.
 */
export class ZaloOaTokenStoreError extends Error {
  override name = 'ZaloOaTokenStoreError';
  constructor(
    doing: string,
    readonly code: string | undefined,
  ) {
    super(`the Zalo OA token store could not ${doing} (${code ?? 'database error'})`);
  }
}

/** Runs one database operation of the token path, its error replaced by a ZaloOaTokenStoreError. */
export async function guardZaloOaTokenStore<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new ZaloOaTokenStoreError(doing, typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined);
  }
}
