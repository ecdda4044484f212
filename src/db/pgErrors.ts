// Recognising Postgres errors by SQLSTATE, the same way on PGlite and node-postgres.
interface PgErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A row refers to something that does not exist (e.g. a grant in an unknown service). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as PgErrorLike | undefined)?.code === '23503';
}

/** The database gave up on this transaction to let others proceed (deadlock, serialization, lock timeout): safe to retry. */
export function isTransient(err: unknown): boolean {
  return ['40P01', '40001', '55P03'].includes((err as PgErrorLike | undefined)?.code ?? '');
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as PgErrorLike | undefined;
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}
