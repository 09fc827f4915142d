/** The violated constraint's name when `err` is a PostgreSQL unique violation, else null. */
export function isUniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' ? (e.constraint ?? 'unique') : null;
}
