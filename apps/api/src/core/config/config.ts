import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export interface AppConfig {
  nodeEnv: 'production' | 'development' | 'test';
  host: string;
  port: number;
  /** Null: the API starts an embedded PostgreSQL under dataDir. */
  databaseUrl: string | null;
  databasePoolSize: number;
  embeddedPostgresPort: number;
  dataDir: string;
  seedDemo: boolean;
  seedScale: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  cookieSecure: boolean;
  trustProxy: number;
  corsOrigins: string[];
  webDistDir: string;
  logLevel: LogLevel;
  logFormat: 'json' | 'text';
  login: { maxFailuresPerEmail: number; maxFailuresPerIp: number; windowSeconds: number };
  /** Other account requests (sign-up, invitations, email verification, password reset): per endpoint, counted in PostgreSQL. */
  accountThrottle: { maxPerEmail: number; maxPerIp: number; windowSeconds: number };
  /** Public address of the portal, for links in mails. */
  publicUrl: string;
  /** Null: mails stay in the outbox (the demo); an admin page shows them. */
  smtpUrl: string | null;
  mailFrom: string;
  mailWorkerIntervalMs: number;
  /** How often planned advances whose date has come are made due (0 = never; tests run it by hand). */
  installmentDueIntervalMs: number;
  /** Where uploaded documents are stored (never under the web root). */
  storageDir: string;
  maxUploadBytes: number;
}

export class ConfigError extends Error {}

/** The secret an older docker-compose.yml shipped as its default: public, so never acceptable in production. */
export const DEMO_JWT_SECRET = 'change-me-in-production-0123456789abcdef';

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max} (got ${value})`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

/** The embedded default keeps a generated secret beside its data, so tokens survive restarts. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Reads and validates the environment once, at start-up. Any bad value throws a ConfigError naming it. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'] as const, 'development');
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDir = resolve(cwd, env['DATA_DIR'] || '.data');
  let jwtSecret = env['JWT_SECRET'] || '';
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if (nodeEnv === 'production' && jwtSecret === DEMO_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET is the public demo value: set your own secret in production (e.g. openssl rand -base64 48)');
  }
  // The demo seeds accounts whose password is published in the README: production loads it only when asked in so many words.
  if (nodeEnv === 'production' && databaseUrl === null && !env['SEED_DEMO']) {
    throw new ConfigError('SEED_DEMO must be set explicitly in production (true loads the demo accounts and their public password, false does not)');
  }
  if (!jwtSecret) {
    if (databaseUrl && nodeEnv === 'production') {
      throw new ConfigError('JWT_SECRET is required in production with DATABASE_URL (shared by every instance)');
    }
    jwtSecret = persistedSecret(dataDir);
  }
  const corsOrigins = (env['CORS_ORIGINS'] || '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) throw new ConfigError(`CORS_ORIGINS has an invalid origin "${origin}"`);
  }
  return {
    nodeEnv,
    host: env['HOST'] || '127.0.0.1',
    port: int(env, 'PORT', 3000, 1, 65535),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    embeddedPostgresPort: int(env, 'EMBEDDED_POSTGRES_PORT', 54329, 1024, 65535),
    dataDir,
    seedDemo: bool(env, 'SEED_DEMO', databaseUrl === null),
    seedScale: int(env, 'SEED_SCALE', 1, 1, 100),
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlDays: int(env, 'REFRESH_TOKEN_TTL_DAYS', 14, 1, 90),
    cookieSecure: bool(env, 'COOKIE_SECURE', nodeEnv === 'production'),
    trustProxy: int(env, 'TRUST_PROXY', 0, 0, 10),
    corsOrigins,
    webDistDir: resolve(cwd, env['WEB_DIST_DIR'] || 'dist/apps/web/browser'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'] as const, nodeEnv === 'production' ? 'json' : 'text'),
    publicUrl: (env['PUBLIC_URL'] || `http://localhost:${env['PORT'] || 3000}`).replace(/\/$/, ''),
    smtpUrl: smtpUrl(env),
    mailFrom: env['MAIL_FROM'] || 'Tremplin <no-reply@tremplin.localhost>',
    mailWorkerIntervalMs: int(env, 'MAIL_WORKER_INTERVAL_MS', 5000, 200, 600_000),
    installmentDueIntervalMs: int(env, 'INSTALLMENT_DUE_INTERVAL_MS', nodeEnv === 'test' ? 0 : 3_600_000, 0, 86_400_000),
    storageDir: resolve(dataDir, env['STORAGE_DIR'] || 'documents'),
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    login: {
      maxFailuresPerEmail: int(env, 'LOGIN_MAX_FAILURES_PER_EMAIL', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 30, 1, 10000),
      windowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 10, 86400),
    },
    accountThrottle: {
      maxPerEmail: int(env, 'ACCOUNT_THROTTLE_MAX_PER_EMAIL', 5, 1, 1000),
      maxPerIp: int(env, 'ACCOUNT_THROTTLE_MAX_PER_IP', 20, 1, 100000),
      windowSeconds: int(env, 'ACCOUNT_THROTTLE_WINDOW_SECONDS', 3600, 10, 86400),
    },
  };
}

function smtpUrl(env: Env): string | null {
  const url = env['SMTP_URL'] || null;
  if (url && !/^smtps?:\/\//.test(url)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return url;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
