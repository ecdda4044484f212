// Recognising Postgres errors by SQLSTATE, the same way on PGlite and node-postgres.
interface PgErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as PgErrorLike | undefined;
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}
