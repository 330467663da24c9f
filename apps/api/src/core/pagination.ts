/** Page numbers start at 1; page sizes are capped so no request loads a whole table. */
export function pageParams(page?: string, pageSize?: string, maxPageSize = 100): { page: number; pageSize: number; offset: number } {
  const p = Math.max(1, Number(page ?? 1) || 1);
  const size = Math.min(maxPageSize, Math.max(1, Number(pageSize ?? 25) || 25));
  return { page: p, pageSize: size, offset: (p - 1) * size };
}
