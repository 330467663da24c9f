import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
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

function send(req: Request, res: Response, next: NextFunction, file: StaticFile): void {
  res.setHeader('Cache-Control', file.immutable ? IMMUTABLE : REVALIDATE);
  res.type(file.type);
  let path = file.path;
  if (file.encodings.size) {
    res.setHeader('Vary', 'Accept-Encoding');
    const chosen = chooseEncoding(req.headers['accept-encoding'], file.encodings);
    const variant = VARIANTS.find((v) => v.encoding === chosen);
    if (variant) {
      res.setHeader('Content-Encoding', variant.encoding);
      path += variant.suffix;
    }
  }
  // `send` keeps the Cache-Control and Content-Type set above, and answers 304 to a matching
  // If-None-Match (its ETag is the served variant's size and date, so each encoding has its own).
  // An immutable file is never revalidated: no Last-Modified (Express always adds the ETag).
  res.sendFile(path, { dotfiles: 'deny', acceptRanges: !res.getHeader('Content-Encoding'), lastModified: !file.immutable }, (error?: Error) => {
    if (!error || res.headersSent) return;
    res.removeHeader('Content-Encoding');
    res.removeHeader('Cache-Control');
    next(error);
  });
}

const isApi = (path: string): boolean => path === '/api' || path.startsWith('/api/');
const isDocument = (urlPath: string): boolean => urlPath.endsWith('.html');

export interface WebApp {
  /**
   * Scripts, styles, fonts, images: mounted before helmet. The page's policies (CSP, frame and
   * referrer rules…) apply to documents, not to the files they load, and sent on each of the ~25
   * files of a first visit they cost ≈ 20 kB; these keep nosniff and the same-origin resource policy.
   */
  assets: Router;
  /** index.html for `/`, client-side routes and any HTML file: mounted after helmet. */
  documents: Router;
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
  if (!index) return null;
  const readOnly = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

  const assets = Router();
  assets.use((req: Request, res: Response, next: NextFunction) => {
    const file = files.get(req.path);
    if (!readOnly(req) || !file || isDocument(req.path) || isApi(req.path)) return next();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // An SVG opened on its own is a document: it runs nothing.
    if (file.type === '.svg') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    send(req, res, next, file);
  });

  const documents = Router();
  documents.use((req: Request, res: Response, next: NextFunction) => {
    if (!readOnly(req) || isApi(req.path)) return next();
    const file = files.get(req.path);
    send(req, res, next, file && isDocument(req.path) ? file : index);
  });
  return { assets, documents };
}
