import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'tremplin-config-'));

describe('loadConfig', () => {
  it('has working defaults for the embedded demo', () => {
    const config = loadConfig({ DATA_DIR: dataDir() }, '/srv/tremplin');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.seedDemo).toBe(true);
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.webDistDir).toBe('/srv/tremplin/dist/apps/web/browser');
  });

  it('keeps the generated secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(loadConfig({ DATA_DIR: dir }).jwtSecret);
  });

  it('does not seed an external database unless asked', () => {
    const env = { DATABASE_URL: 'postgres://u:p@db:5432/tremplin', DATA_DIR: dataDir() };
    expect(loadConfig(env).seedDemo).toBe(false);
    expect(loadConfig({ ...env, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  describe('in production', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/tremplin' };
    const ownSecret = 'Zq8vR1xN4mT7pL0sK3jH6gF9dC2bA5eW';

    it('refuses the demo JWT secret that docker-compose.yml used to ship', () => {
      const start = () => loadConfig({ ...prod, DATA_DIR: dataDir(), JWT_SECRET: 'change-me-in-production-0123456789abcdef' });
      expect(start).toThrow(ConfigError);
      expect(start).toThrow(/JWT_SECRET is the public demo value/);
    });

    it('accepts the same demo secret outside production (local demo and tests)', () => {
      expect(loadConfig({ DATA_DIR: dataDir(), JWT_SECRET: 'change-me-in-production-0123456789abcdef' }).jwtSecret).toBe(
        'change-me-in-production-0123456789abcdef',
      );
    });

    it('refuses to seed the demo on the embedded database unless SEED_DEMO is set explicitly', () => {
      const start = () => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() });
      expect(start).toThrow(ConfigError);
      expect(start).toThrow(/SEED_DEMO must be set explicitly/);
      expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir(), SEED_DEMO: 'true' }).seedDemo).toBe(true);
      expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir(), SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });

    it('starts with its own secret on an external database, without the demo', () => {
      const config = loadConfig({ ...prod, DATA_DIR: dataDir(), JWT_SECRET: ownSecret });
      expect(config.jwtSecret).toBe(ownSecret);
      expect(config.seedDemo).toBe(false);
    });
  });

  it('reads the account throttling limits, with defaults', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).accountThrottle).toEqual({ maxPerEmail: 5, maxPerIp: 20, windowSeconds: 3600 });
    expect(
      loadConfig({ DATA_DIR: dataDir(), ACCOUNT_THROTTLE_MAX_PER_EMAIL: '2', ACCOUNT_THROTTLE_MAX_PER_IP: '7', ACCOUNT_THROTTLE_WINDOW_SECONDS: '60' })
        .accountThrottle,
    ).toEqual({ maxPerEmail: 2, maxPerIp: 7, windowSeconds: 60 });
  });

  it('signs conventions with the configured PKCS#12, or a demo one generated under the data dir', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).signing).toEqual({ p12Path: join(dir, 'signing', 'departement-demo.p12'), passphrase: 'tremplin-demo-signing', generated: true });
    expect(loadConfig({ DATA_DIR: dir, SIGNING_P12_PATH: '/etc/tremplin/departement.p12', SIGNING_P12_PASSPHRASE: 's3cret' }).signing)
      .toEqual({ p12Path: '/etc/tremplin/departement.p12', passphrase: 's3cret', generated: false });
  });

  it('runs the installment due pass hourly by default, never in tests unless asked, and 0 turns it off', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).installmentDueIntervalMs).toBe(3_600_000);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).installmentDueIntervalMs).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test', INSTALLMENT_DUE_INTERVAL_MS: '60000' }).installmentDueIntervalMs).toBe(60_000);
    expect(loadConfig({ DATA_DIR: dataDir(), INSTALLMENT_DUE_INTERVAL_MS: '0' }).installmentDueIntervalMs).toBe(0);
    expect(() => loadConfig({ DATA_DIR: dataDir(), INSTALLMENT_DUE_INTERVAL_MS: 'hourly' })).toThrow(/INSTALLMENT_DUE_INTERVAL_MS/);
  });

  it.each([
    [{ ACCOUNT_THROTTLE_MAX_PER_IP: '0' }, /ACCOUNT_THROTTLE_MAX_PER_IP/],
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/t' }, /JWT_SECRET is required/],
    [{ CORS_ORIGINS: 'not a url' }, /CORS_ORIGINS/],
    [{ SIGNING_P12_PATH: '/etc/tremplin/departement.p12' }, /SIGNING_P12_PASSPHRASE is required/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
  });
});
