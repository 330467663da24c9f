import { applyDecorators, CanActivate, ExecutionContext, HttpStatus, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppException } from '../errors/app.exception';
import type { AuthenticatedRequest } from './auth.guard';

/** At most `limit` hits in any `windowSeconds` for one bucket (e.g. `login:email:jeanne@example.org`). */
export interface ThrottleRule {
  bucket: string;
  limit: number;
  windowSeconds: number;
}

// Class id of the two-integer advisory locks (a key space apart from the audit chain's single bigint key).
const THROTTLE_LOCK_CLASS = 7_301;
/** Expired hits removed per request: the table stays small without a separate job. */
const PRUNE_BATCH = 50;

/** A stable signed 32-bit lock key for a bucket name. */
function lockKey(bucket: string): number {
  return createHash('sha256').update(bucket).digest().readInt32BE(0);
}

/**
 * Throttling shared by every process: a hit is counted in PostgreSQL *before* the work it guards, under a
 * transaction-scoped advisory lock per bucket, so that N parallel requests against a limit of 5 let exactly
 * 5 through (count-then-check without the lock let all of them pass). Sliding window over the stored hits.
 */
@Injectable()
export class ThrottleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records one hit in every bucket, or none and a 429 (with Retry-After) when any bucket is full.
   * Returns the ids of the hits, for `forgive`.
   */
  async hit(rules: readonly ThrottleRule[]): Promise<string[]> {
    const unique = [...new Map(rules.map((rule) => [rule.bucket, rule])).values()];
    // Locks taken in key order: two requests sharing two buckets never wait on each other crosswise.
    const keys = [...new Set(unique.map((rule) => lockKey(rule.bucket)))].sort((a, b) => a - b);
    const buckets = unique.map((rule) => rule.bucket);
    const limits = unique.map((rule) => rule.limit);
    const windows = unique.map((rule) => rule.windowSeconds);
    return this.dataSource.transaction(async (manager) => {
      for (const key of keys) await manager.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [THROTTLE_LOCK_CLASS, key]);
      // clock_timestamp(), not now(): a request that waited for the lock must not count with a stale clock.
      // For a full bucket, the wait is until its limit-th newest hit leaves the window.
      const rows = await manager.query<Array<{ wait: number | null }>>(
        `SELECT (SELECT ceil(extract(epoch FROM h.hit_at + make_interval(secs => r.window_seconds) - clock_timestamp()))::int
                   FROM throttle_hit h
                  WHERE h.bucket = r.bucket AND h.hit_at > clock_timestamp() - make_interval(secs => r.window_seconds)
                  ORDER BY h.hit_at DESC OFFSET r.max_hits - 1 LIMIT 1) AS wait
           FROM unnest($1::text[], $2::int[], $3::int[]) AS r(bucket, max_hits, window_seconds)`,
        [buckets, limits, windows],
      );
      const waits = rows.map((row) => row.wait).filter((wait): wait is number => wait !== null);
      if (waits.length) {
        const retryAfterSeconds = Math.max(1, ...waits);
        throw new AppException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds }, undefined, {
          'Retry-After': String(retryAfterSeconds),
        });
      }
      const inserted = await manager.query<Array<{ id: string }>>(
        `INSERT INTO throttle_hit (bucket, hit_at, expires_at)
         SELECT r.bucket, clock_timestamp(), clock_timestamp() + make_interval(secs => r.window_seconds)
           FROM unnest($1::text[], $2::int[]) AS r(bucket, window_seconds)
         RETURNING id`,
        [buckets, windows],
      );
      await manager.query(
        `DELETE FROM throttle_hit WHERE id IN (
           SELECT id FROM throttle_hit WHERE expires_at < clock_timestamp() LIMIT ${PRUNE_BATCH} FOR UPDATE SKIP LOCKED)`,
      );
      return inserted.map((row) => String(row.id));
    });
  }

  /** Takes hits back (a successful login is not a failure to count). */
  async forgive(hitIds: readonly string[], resetBuckets: readonly string[] = []): Promise<void> {
    await this.dataSource.query(`DELETE FROM throttle_hit WHERE id = ANY($1::bigint[]) OR bucket = ANY($2::text[])`, [hitIds, resetBuckets]);
  }
}

export const THROTTLE_SCOPE = 'throttle:scope';

/**
 * The route counts each request per client IP and, when it carries one, per email (the body's `email`, or
 * the signed-in person's), with the account limits of the configuration; 429 with Retry-After beyond them.
 */
export const Throttle = (scope: string) => applyDecorators(SetMetadata(THROTTLE_SCOPE, scope), UseGuards(ThrottleGuard));

@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly throttle: ThrottleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.get<string>(THROTTLE_SCOPE, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { maxPerEmail, maxPerIp, windowSeconds } = this.config.accountThrottle;
    const rules: ThrottleRule[] = [{ bucket: `${scope}:ip:${clientIp(request)}`, limit: maxPerIp, windowSeconds }];
    const email = request.actor?.email ?? bodyEmail(request.body);
    if (email) rules.push({ bucket: `${scope}:email:${email}`, limit: maxPerEmail, windowSeconds });
    await this.throttle.hit(rules);
    return true;
  }
}

/** The client address as the server sees it (behind TRUST_PROXY hops, the forwarded one). */
export function clientIp(request: { ip?: string }): string {
  return request.ip ?? 'unknown';
}

/** The guard runs before validation: only a plausible email string is used as a key. */
function bodyEmail(body: unknown): string | null {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)['email'] : undefined;
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length > 0 && email.length <= 254 ? email : null;
}
