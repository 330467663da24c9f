import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/core/config/config';
import { DEMO_PASSWORD } from '../../src/seed/seed';

const TEMPLATE_DB = 'tremplin_test_template';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  dataSource: DataSource;
  databaseUrl: string;
  /** Logs in and returns the bearer token. */
  login(email: string, password?: string): Promise<string>;
  /** Runs SQL as the database owner (to inspect or tamper, as an attacker with DB access would). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const DEMO = {
  admin: 'admin@demo.tremplin.fr',
  reviewer: 'evaluateur@demo.tremplin.fr',
  reviewer2: 'evaluatrice@demo.tremplin.fr',
  finance: 'finances@demo.tremplin.fr',
  association1: 'association1@demo.tremplin.fr',
  association2: 'association2@demo.tremplin.fr',
} as const;

function adminUrl(): string {
  const url = process.env['TREMPLIN_TEST_ADMIN_URL'];
  if (!url) throw new Error('TREMPLIN_TEST_ADMIN_URL is not set: run through test/jest.config.cts');
  return url;
}

async function cloneTemplate(name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Two workers cloning at the same instant can collide on the template: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (error) {
        if (attempt > 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database cloned from the migrated, seeded template, and the real app on top of it. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await cloneTemplate(`t_${randomUUID().replace(/-/g, '')}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    DATA_DIR: '/tmp/tremplin-test-data',
    WEB_DIST_DIR: '/nonexistent',
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    // Every request of a test file comes from one address: per-IP account throttling would stop sign-up suites.
    ACCOUNT_THROTTLE_MAX_PER_IP: '10000',
    ...env,
  });
  const app = await createApp(config, databaseUrl, { logger: false });
  const dataSource = app.get(DataSource);
  const http = request(app.getHttpServer());
  const owner = new Client({ connectionString: databaseUrl });
  owner.on('error', () => undefined); // the server may go away first at teardown
  await owner.connect();
  return {
    app,
    http,
    dataSource,
    databaseUrl,
    async login(email, password = DEMO_PASSWORD) {
      const res = await http.post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async sql<T>(text: string, params?: unknown[]) {
      return (await owner.query(text, params)).rows as T[];
    },
    async close() {
      await owner.end();
      await app.close();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
