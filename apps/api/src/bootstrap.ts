import { ConsoleLogger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/config';
import { validationExceptionFactory } from './core/errors/validation';
import { refuseDeepJson, refuseUnstorableText } from './core/http/request-input';
import { buildOpenApiDocument } from './core/openapi/openapi-document';
import { webApp } from './core/web/web-app';
import { APP_VERSION } from './health/health.controller';

export function createLogger(config: AppConfig): ConsoleLogger {
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
}

/** Everything main.ts and the integration tests share: one app, configured one way. */
export async function createApp(config: AppConfig, databaseUrl: string, options: { logger?: ConsoleLogger | false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl), {
    logger: options.logger ?? createLogger(config),
    bodyParser: false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const web = webApp(config.webDistDir);
  if (web) app.use(web.assets);
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          // Swagger UI and Angular Material need inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb', verify: refuseDeepJson }));
  app.use(refuseUnstorableText);
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  if (web) app.use(web.documents);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationExceptionFactory }),
  );
  setupSwagger(app);
}

function setupSwagger(app: INestApplication): void {
  const document = buildOpenApiDocument(app, APP_VERSION);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
