import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp, createLogger } from './bootstrap';
import { ConfigError, loadConfig, type AppConfig } from './core/config/config';
import { dataSourceOptions } from './core/database/data-source';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from './core/database/embedded-postgres';
import { seedDemo } from './seed/seed';
import { LocalDiskStorage } from './documents/storage.service';
import { verifyAuditChain } from './seed/audit-verify';

/**
 * `node main.js` serves the portal; `node main.js seed [--scale N]` seeds the demo;
 * `node main.js audit:verify` checks the audit chain; `node main.js migrate` runs migrations.
 */
async function run(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('Tremplin');
  Logger.overrideLogger(createLogger(config));
  const [command = 'serve', ...args] = process.argv.slice(2);

  let embedded: RunningEmbeddedPostgres | null = null;
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch((e: unknown) => logger.error(`Stopping PostgreSQL failed: ${String(e)}`));
    embedded = null;
  };

  try {
    // A serving API keeps its embedded PostgreSQL alive: if it dies, it is started again and /api/health recovers.
    const databaseUrl =
      config.databaseUrl ??
      (embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, { restartOnExit: command === 'serve' })).url;
    const dataSource = await new DataSource(dataSourceOptions(databaseUrl, 2)).initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) logger.log(`Migrations applied: ${applied.map((m) => m.name).join(', ')}`);
      if (command === 'seed') {
        const scaleIndex = args.indexOf('--scale');
        const scale = scaleIndex >= 0 ? Number(args[scaleIndex + 1]) : config.seedScale;
        if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new ConfigError('--scale must be a whole number from 1 to 100');
        await seedDemo(dataSource, { scale, storage: new LocalDiskStorage(config.storageDir, config.webDistDir) });
      } else if (command === 'audit:verify') {
        const result = await verifyAuditChain(dataSource);
        console.log(JSON.stringify(result, null, 2));
        process.exitCode = result.valid ? 0 : 2;
      } else if (command === 'serve' && config.seedDemo) {
        await seedDemo(dataSource, { scale: config.seedScale, storage: new LocalDiskStorage(config.storageDir, config.webDistDir) });
      }
    } finally {
      await dataSource.destroy();
    }
    if (command !== 'serve') return await stopEmbedded();

    const app = await createApp(config, databaseUrl);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      logger.log(`${signal} received: closing`);
      await app.close();
      await stopEmbedded();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    await app.listen(config.port, config.host);
    logger.log(`Tremplin is listening on http://${config.host}:${config.port} (API /api, docs /api/docs)`);
  } catch (error) {
    if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    await stopEmbedded();
    process.exit(1);
  }
}

void run();
