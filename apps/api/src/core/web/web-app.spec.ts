import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { chooseEncoding, isApi, serveWebApp, webApp } from './web-app';

const MAIN_JS = 'console.log("main");'.repeat(50);
const INDEX_HTML = `<!doctype html><html lang="fr"><head><title>Tremplin</title></head><body>${'<tp-root></tp-root>'.repeat(20)}</body></html>`;
const MAIN_JS_BR = brotliCompressSync(MAIN_JS);
const MAIN_JS_GZ = gzipSync(MAIN_JS);
const INDEX_HTML_BR = brotliCompressSync(INDEX_HTML);

/** The body as bytes (supertest decompresses it; Content-Length tells which file was sent). */
const raw = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('chooseEncoding', () => {
  const both = new Set(['br', 'gzip'] as const);
  it.each([
    ['gzip, deflate, br, zstd', 'br'], // Chromium's header: our preference wins over its order
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['BR;Q=0.1', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', null],
    ['', null],
    [undefined, null],
  ])('Accept-Encoding %p → %p', (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });
  it('only offers what was written', () => {
    expect(chooseEncoding('br, gzip', new Set(['gzip'] as const))).toBe('gzip');
    expect(chooseEncoding('br', new Set(['gzip'] as const))).toBeNull();
  });
});

describe('isApi', () => {
  it.each([
    ['/api', true],
    ['/api/calls', true],
    ['/api?x=1', true],
    ['/api/docs', true],
    ['/apis', false],
    ['/appels/api', false],
    ['/', false],
  ])('%p → %p', (url, expected) => {
    expect(isApi(url)).toBe(expected);
  });
});

describe('webApp (the built web app served by the API)', () => {
  let dir: string;
  let server: FastifyInstance;
  let app: FastifyInstance['server'];

  beforeAll(async () => {
    // A built app as the web build + tools/compress-static.mjs leave it.
    dir = mkdtempSync(join(tmpdir(), 'tremplin-web-'));
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'index.html.br'), INDEX_HTML_BR);
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX_HTML));
    writeFileSync(join(dir, 'main-AB12CD34.js'), MAIN_JS);
    writeFileSync(join(dir, 'main-AB12CD34.js.br'), MAIN_JS_BR);
    writeFileSync(join(dir, 'main-AB12CD34.js.gz'), MAIN_JS_GZ);
    writeFileSync(join(dir, 'styles-ZZ99YY88.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
    writeFileSync(join(dir, 'media', 'roboto-latin-400-normal-LOX3CHMS.woff2'), Buffer.from('wOF2-font-bytes'));

    // Served as bootstrap.ts does: documents get the page policies (helmet's there), the rest is the API's.
    server = Fastify();
    const web = webApp(dir);
    if (!web) throw new Error('no web app');
    serveWebApp(server, web, { 'content-security-policy': "default-src 'self'" }, () => {
      throw Object.assign(new Error('not found'), { statusCode: 404 });
    });
    server.setErrorHandler((_error, _request, reply) => reply.code(404).send({ from: 'api' }));
    server.setNotFoundHandler((_request, reply) => reply.code(404).send({ from: 'api' }));
    await server.ready();
    app = server.server;
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a hashed bundle precompressed with Brotli, cached for a year', async () => {
    const res = await request(app).get('/main-AB12CD34.js').set('Accept-Encoding', 'gzip, deflate, br').buffer(true).parse(raw);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(MAIN_JS_BR.length));
    expect(MAIN_JS_BR.length).toBeLessThan(100);
    expect((res.body as Buffer).toString()).toBe(MAIN_JS);
    // Never revalidated, so no date to compare; the page's policies are for documents, not for files.
    expect(res.headers['last-modified']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('sends gzip to a browser without Brotli, and the plain file to one that accepts neither', async () => {
    const gz = await request(app).get('/main-AB12CD34.js').set('Accept-Encoding', 'gzip').buffer(true).parse(raw);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-length']).toBe(String(MAIN_JS_GZ.length));
    expect((gz.body as Buffer).toString()).toBe(MAIN_JS);

    const refused = await request(app).get('/main-AB12CD34.js').set('Accept-Encoding', 'br;q=0, gzip;q=0.5').buffer(true).parse(raw);
    expect(refused.headers['content-encoding']).toBe('gzip');

    const plain = await request(app).get('/main-AB12CD34.js').set('Accept-Encoding', 'identity').buffer(true).parse(raw);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept-Encoding');
    expect(plain.headers['content-length']).toBe('1000');
    expect((plain.body as Buffer).toString()).toBe(MAIN_JS);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html on every visit, for / and for client-side routes', async () => {
    for (const path of ['/', '/index.html', '/candidatures/42', '/appels/AAP-NORD-2016']) {
      const res = await request(app).get(path).set('Accept-Encoding', 'br').buffer(true).parse(raw);
      expect({ path, status: res.status, cache: res.headers['cache-control'], type: res.headers['content-type'], encoding: res.headers['content-encoding'] }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
        type: 'text/html; charset=utf-8',
        encoding: 'br',
      });
      expect(res.headers['content-length']).toBe(String(INDEX_HTML_BR.length));
      expect(res.headers['content-security-policy']).toBe("default-src 'self'");
      expect((res.body as Buffer).toString()).toBe(INDEX_HTML);
    }
  });

  it('answers 304 to a browser that has the same index.html', async () => {
    const first = await request(app).get('/').set('Accept-Encoding', 'br');
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const again = await request(app).get('/').set('Accept-Encoding', 'br').set('If-None-Match', etag as string);
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed media for a year and revalidates files without a hash; files without a compressed copy go as they are', async () => {
    const font = await request(app).get('/media/roboto-latin-400-normal-LOX3CHMS.woff2').set('Accept-Encoding', 'br, gzip');
    expect(font.status).toBe(200);
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers['vary']).toBeUndefined();

    const css = await request(app).get('/styles-ZZ99YY88.css').set('Accept-Encoding', 'br');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');

    const icon = await request(app).get('/favicon.ico').set('Accept-Encoding', 'br');
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.headers['etag']).toBeTruthy();
    const again = await request(app).get('/favicon.ico').set('If-None-Match', icon.headers['etag'] as string);
    expect(again.status).toBe(304);
  });

  it('leaves /api and every non-GET request to the API', async () => {
    const api = await request(app).get('/api/calls');
    expect(api.status).toBe(404);
    expect(api.body).toEqual({ from: 'api' });
    expect((await request(app).get('/api')).body).toEqual({ from: 'api' });
    expect((await request(app).post('/').send({})).body).toEqual({ from: 'api' });
  });

  it('is absent when the web app is not built', () => {
    expect(webApp(join(dir, 'nowhere'))).toBeNull();
  });
});
