import send from '@fastify/send';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Bundles whose name carries a content hash (`main-ABCD1234.js`, `media/roboto-…-ABCD1234.woff2`). */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** What tools/compress-static.mjs writes beside a file, in our order of preference. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof VARIANTS)[number]['encoding'];

interface StaticFile {
  path: string;
  type: string;
  immutable: boolean;
  encodings: ReadonlySet<Encoding>;
}

export function cacheControlFor(urlPath: string): string {
  return HASHED.test(urlPath) ? IMMUTABLE : REVALIDATE;
}

/** The built files, by URL path; read once at start-up, as the build does not change under a running server. */
function scan(root: string): Map<string, StaticFile> {
  const found = new Map<string, StaticFile>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !VARIANTS.some((v) => entry.name.endsWith(v.suffix))) {
        const urlPath = '/' + relative(root, path).split(sep).join('/');
        found.set(urlPath, {
          path,
          type: extname(entry.name),
          immutable: cacheControlFor(urlPath) === IMMUTABLE,
          encodings: new Set(VARIANTS.filter((v) => existsSync(path + v.suffix)).map((v) => v.encoding)),
        });
      }
    }
  };
  walk(root);
  return found;
}

/**
 * The encoding to send among those available, by our preference (Brotli is smaller) among the ones
 * the browser accepts with q > 0 — not by the header's order: Chromium sends `gzip, deflate, br, zstd`.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: ReadonlySet<Encoding>): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(name, q === undefined ? 1 : Number(q));
  }
  for (const { encoding } of VARIANTS) {
    const q = quality.get(encoding) ?? quality.get('*') ?? 0;
    if (available.has(encoding) && q > 0) return encoding;
  }
  return null;
}

function contentType(extension: string): string {
  // RFC 9239 made text/javascript the type of scripts; the mime table `send` carries still says application/.
  const type = extension === '.js' || extension === '.mjs' ? 'text/javascript' : (send.mime.getType(extension) ?? 'application/octet-stream');
  return send.isUtf8MimeType(type) ? `${type}; charset=utf-8` : type;
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: StaticFile): Promise<FastifyReply> {
  let path = file.path;
  let encoding: Encoding | null = null;
  if (file.encodings.size) {
    reply.header('Vary', 'Accept-Encoding');
    encoding = chooseEncoding(request.headers['accept-encoding'], file.encodings);
    const variant = VARIANTS.find((v) => v.encoding === encoding);
    if (variant) path += variant.suffix;
  }
  // `send` answers 304 to a matching If-None-Match (its ETag is the served variant's size and date, so each
  // encoding has its own) and serves ranges of plain files. An immutable file is never revalidated: no Last-Modified.
  const sent = await send(request.raw, path, { dotfiles: 'deny', acceptRanges: !encoding, lastModified: !file.immutable, cacheControl: false });
  if (sent.type === 'error') throw sent.metadata.error;
  reply.code(sent.statusCode).headers(sent.headers);
  reply.header('Cache-Control', file.immutable ? IMMUTABLE : REVALIDATE);
  if (sent.statusCode !== 304) reply.header('Content-Type', contentType(file.type));
  if (encoding && sent.statusCode !== 304) reply.header('Content-Encoding', encoding);
  return reply.send(sent.stream);
}

/** Whether a request path (query string allowed) is the API's: it gets the API's answers, never index.html. */
export const isApi = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
const isDocument = (urlPath: string): boolean => urlPath.endsWith('.html');

export interface WebApp {
  files: ReadonlyMap<string, StaticFile>;
  index: StaticFile;
}

/**
 * The built Angular app on `/`: precompressed Brotli or gzip when the browser accepts it, hashed
 * bundles cached for a year, index.html revalidated; any other GET outside `/api` gets index.html
 * (client-side routes). Null when the web app is not built (API-only runs and tests).
 */
export function webApp(webDistDir: string): WebApp | null {
  if (!existsSync(join(webDistDir, 'index.html'))) return null;
  const files = scan(webDistDir);
  const index = files.get('/index.html');
  return index ? { files, index } : null;
}

/**
 * Serves `web` for every GET and HEAD that no API route takes (the router prefers any declared route to
 * this wildcard). Scripts, styles, fonts and images keep nosniff and the same-origin resource policy but not
 * the page's policies (CSP, frame and referrer rules…): those apply to documents, not to the files they load,
 * and sent on each of the ~25 files of a first visit they cost ≈ 20 kB. Documents get `documentHeaders`.
 * An unknown `/api` path goes to `apiNotFound`.
 */
export function serveWebApp(
  instance: FastifyInstance,
  web: WebApp,
  documentHeaders: Readonly<Record<string, string>>,
  apiNotFound: (request: FastifyRequest) => never,
): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (isApi(path)) apiNotFound(request);
    const file = web.files.get(path);
    if (file && !isDocument(path)) {
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Cross-Origin-Resource-Policy', 'same-origin');
      // An SVG opened on its own is a document: it runs nothing.
      if (file.type === '.svg') reply.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return sendFile(request, reply, file);
    }
    reply.headers(documentHeaders);
    return sendFile(request, reply, file && isDocument(path) ? file : web.index);
  };
  instance.route({ method: ['GET', 'HEAD'], url: '/', handler });
  instance.route({ method: ['GET', 'HEAD'], url: '/*', handler });
}
