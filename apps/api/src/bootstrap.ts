import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { ConsoleLogger, NotFoundException, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/config';
import { validationExceptionFactory } from './core/errors/validation';
import { JSON_BODY_LIMIT_BYTES, parseJsonBody, refuseUnstorableText } from './core/http/request-input';
import { buildOpenApiDocument } from './core/openapi/openapi-document';
import { isApi, serveWebApp, webApp } from './core/web/web-app';
import { APP_VERSION } from './health/health.controller';

export function createLogger(config: AppConfig): ConsoleLogger {
  const levels = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return new ConsoleLogger({
    json: config.logFormat === 'json',
    logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
}

/** Everything main.ts and the integration tests share: one app, configured one way. */
export async function createApp(config: AppConfig, databaseUrl: string, options: { logger?: ConsoleLogger | false } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy > 0 ? config.trustProxy : false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // A caller's own X-Request-Id is kept when it is plausible, so that its logs and ours can be joined.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl), adapter, {
    logger: options.logger ?? createLogger(config),
    bodyParser: false,
  });
  await configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * The page policies (CSP, frame and referrer rules…) as helmet writes them, captured once: they do not
 * depend on the request, and setting them from one table costs less than helmet's dozen steps per request.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const capture = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
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
  })({} as never, capture as never, () => undefined);
  return headers;
}

export interface ServedRoute {
  method: string;
  url: string;
}
const routeTables = new WeakMap<INestApplication, ServedRoute[]>();

/** Every route the server serves (HEAD twins included), as it registered them: for the access matrix test. */
export function servedRoutes(app: INestApplication): readonly ServedRoute[] {
  return routeTables.get(app) ?? [];
}

async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const server = app.getHttpAdapter().getInstance();
  const routes: ServedRoute[] = [];
  routeTables.set(app, routes);
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  const pagePolicies = securityHeaders();
  // Callback hooks, not async ones: these run on every request, and a promise each is measurable.
  server.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    if (isApi(request.url)) reply.headers(pagePolicies);
    done();
  });
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'buffer' }, async (_request: unknown, raw: Buffer) => parseJsonBody(raw));
  server.addHook('preValidation', (request, _reply, done) => done(refuseUnstorableText(request)));
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  const web = webApp(config.webDistDir);
  if (web) {
    serveWebApp(server, web, pagePolicies, (request) => {
      throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    });
  }
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
