import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../src/core/config/config';
import { MAIL_MAX_ATTEMPTS, MailWorker } from '../src/notifications/mail-worker';
import { registerAssociation } from './support/association';
import { startTestApp, type TestApp } from './support/test-app';

/** A local port with nothing listening: SMTP there fails at once with ECONNREFUSED. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface MailRow { id: string; attempts: number; sent_at: Date | null; locked_until: Date | null; last_error: string | null; retry_in: number }

describe('mail outbox and worker', () => {
  let t: TestApp;
  let config: AppConfig;
  beforeAll(async () => {
    t = await startTestApp({ MAIL_FROM: 'Tremplin <no-reply@tremplin.lenord.example>' });
    config = t.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(() => t.close());
  // Each test starts from an outbox with nothing due (the demo seed may have left mails there).
  beforeEach(() => t.sql(`UPDATE outbox_mail SET sent_at = coalesce(sent_at, now())`));

  const rows = (ids: string[]) =>
    t.sql<MailRow>(
      `SELECT id, attempts, sent_at, locked_until, last_error, round(extract(epoch FROM next_attempt_at - now()))::int AS retry_in
         FROM outbox_mail WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  const enqueue = async (count: number) =>
    (await t.sql<{ id: string }>(
      `INSERT INTO outbox_mail (to_address, subject, text_body, kind)
       SELECT 'dest' || g || '@example.org', 'Sujet n°' || g, 'Bonjour,' || chr(10) || 'corps ' || g, 'message' FROM generate_series(1, $1::int) g
       RETURNING id`,
      [count],
    )).map((r) => r.id);

  it('without SMTP (the demo) leaves mails in the outbox', async () => {
    const reg = await registerAssociation(t);
    const worker = t.app.get(MailWorker);
    expect(await worker.drainOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    const [mail] = await t.sql<{ sent_at: Date | null; attempts: number }>(`SELECT sent_at, attempts FROM outbox_mail WHERE to_address = $1`, [reg.email]);
    expect(mail).toEqual({ sent_at: null, attempts: 0 });
  });

  it('sends each pending mail exactly once, even with two workers draining at the same time', async () => {
    const ids = await enqueue(45);
    const transport = createTransport({ jsonTransport: true });
    const sendMail = jest.spyOn(transport, 'sendMail');
    // Two workers as in two API processes, sharing nothing but the database.
    const one = new MailWorker(t.dataSource, config, transport);
    const two = new MailWorker(t.dataSource, config, transport);
    const drained = [];
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([one.drainOnce(10), two.drainOnce(10), one.drainOnce(10), two.drainOnce(10)]);
      drained.push(...results);
      if (results.every((r) => r.claimed === 0)) break;
    }
    expect(drained.reduce((n, r) => n + r.sent, 0)).toBe(45);
    expect(drained.reduce((n, r) => n + r.failed, 0)).toBe(0);
    expect(sendMail).toHaveBeenCalledTimes(45);

    // What nodemailer really built: our sender, and a Message-ID derived from the outbox id.
    const built = await Promise.all(sendMail.mock.results.map(async (r) => JSON.parse((await r.value).message) as Record<string, unknown>));
    const messageIds = built.map((m) => m['messageId']);
    expect(new Set(messageIds).size).toBe(45);
    expect([...messageIds].sort()).toEqual(ids.map((id) => `<${id}@tremplin.lenord.example>`).sort());
    expect(built[0]).toMatchObject({ from: { address: 'no-reply@tremplin.lenord.example', name: 'Tremplin' } });
    const first = built.find((m) => m['subject'] === 'Sujet n°1');
    expect(first).toMatchObject({ to: [{ address: 'dest1@example.org', name: '' }], text: 'Bonjour,\ncorps 1' });

    const after = await rows(ids);
    expect(after.every((r) => r.sent_at !== null && r.attempts === 1 && r.locked_until === null && r.last_error === null)).toBe(true);
    expect(await one.drainOnce()).toEqual({ claimed: 0, sent: 0, failed: 0 });
  });

  it('records the error and retries with exponential backoff when sending fails, then sends', async () => {
    const [id = ''] = await enqueue(1);
    const failing = createTransport({ url: `smtp://127.0.0.1:${await closedPort()}`, connectionTimeout: 2000 });
    const down = new MailWorker(t.dataSource, config, failing);

    expect(await down.drainOnce()).toEqual({ claimed: 1, sent: 0, failed: 1 });
    let [row] = await rows([id]);
    expect(row).toMatchObject({ attempts: 1, sent_at: null, locked_until: null });
    expect(row?.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(row?.retry_in).toBeGreaterThanOrEqual(28);
    expect(row?.retry_in).toBeLessThanOrEqual(30);
    // Not due yet: nobody picks it up.
    expect((await down.drainOnce()).claimed).toBe(0);

    await t.sql(`UPDATE outbox_mail SET next_attempt_at = now() WHERE id = $1`, [id]);
    expect((await down.drainOnce()).failed).toBe(1);
    [row] = await rows([id]);
    expect(row?.attempts).toBe(2);
    expect(row?.retry_in).toBeGreaterThanOrEqual(58);
    expect(row?.retry_in).toBeLessThanOrEqual(60);

    // The server is back: the next attempt sends it and clears the error.
    await t.sql(`UPDATE outbox_mail SET next_attempt_at = now() WHERE id = $1`, [id]);
    const up = new MailWorker(t.dataSource, config, createTransport({ jsonTransport: true }));
    expect(await up.drainOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    [row] = await rows([id]);
    expect(row).toMatchObject({ attempts: 3, last_error: null });
    expect(row?.sent_at).not.toBeNull();
    failing.close();
  });

  it(`gives up after ${MAIL_MAX_ATTEMPTS} attempts and caps the backoff at one hour`, async () => {
    const [id = ''] = await enqueue(1);
    await t.sql(`UPDATE outbox_mail SET attempts = $2 - 1 WHERE id = $1`, [id, MAIL_MAX_ATTEMPTS]);
    const failing = createTransport({ url: `smtp://127.0.0.1:${await closedPort()}`, connectionTimeout: 2000 });
    const worker = new MailWorker(t.dataSource, config, failing);
    expect((await worker.drainOnce()).failed).toBe(1);
    const [row] = await rows([id]);
    expect(row?.attempts).toBe(MAIL_MAX_ATTEMPTS);
    expect(row?.retry_in).toBe(3600);
    expect(row?.last_error).toMatch(/abandonné après 8 tentatives/);
    await t.sql(`UPDATE outbox_mail SET next_attempt_at = now() WHERE id = $1`, [id]);
    expect((await worker.drainOnce()).claimed).toBe(0);
    failing.close();
  });

  it('does not claim a mail whose lease another worker holds, and takes it over once the lease ran out', async () => {
    const [id = ''] = await enqueue(1);
    await t.sql(`UPDATE outbox_mail SET locked_until = now() + interval '1 minute', attempts = 1 WHERE id = $1`, [id]);
    const worker = new MailWorker(t.dataSource, config, createTransport({ jsonTransport: true }));
    expect((await worker.drainOnce()).claimed).toBe(0);
    await t.sql(`UPDATE outbox_mail SET locked_until = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await worker.drainOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    const [row] = await rows([id]);
    expect(row?.attempts).toBe(2);
  });

  it('polls on its own when SMTP_URL is set, and stops cleanly with the app', async () => {
    const app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, MAIL_WORKER_INTERVAL_MS: '200' });
    try {
      await app.sql(`UPDATE outbox_mail SET sent_at = coalesce(sent_at, now())`);
      const reg = await registerAssociation(app);
      let mail: { attempts: number; last_error: string | null } | undefined;
      for (let i = 0; i < 50 && !mail?.last_error; i++) {
        await new Promise((r) => setTimeout(r, 100));
        [mail] = await app.sql<{ attempts: number; last_error: string | null }>(`SELECT attempts, last_error FROM outbox_mail WHERE to_address = $1`, [reg.email]);
      }
      expect(mail?.attempts).toBe(1);
      expect(mail?.last_error).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await app.close();
    }
  });
});
