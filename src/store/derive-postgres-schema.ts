/**
 * The PostgreSQL schema is the SQLite one with another provider and output folder. Keeping a
 * single source means the two clients can never drift apart.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const provider = /provider\s*=\s*"sqlite"/;
  const output = /output\s*=\s*"\.\.\/src\/generated\/sqlite"/;
  if (!provider.test(sqliteSchema) || !output.test(sqliteSchema)) {
    throw new Error(
      'prisma/schema.prisma must keep `provider = "sqlite"` and `output = "../src/generated/sqlite"`; ' +
        'the PostgreSQL schema is derived from those two lines.',
    );
  }
  return sqliteSchema
    .replace(provider, 'provider = "postgresql"')
    .replace(output, 'output = "./postgresql"');
}
