#!/usr/bin/env node
// Runs after the web build (the `build` target of apps/web): writes a Brotli (`.br`) and a gzip
// (`.gz`) copy beside every text file of the built app, once, at the highest levels — the API then
// sends them as they are (apps/api/src/core/web/web-app.ts) instead of compressing per request.
// Usage: node tools/compress-static.mjs [dir]   (default dist/apps/web/browser)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|xml|ico|webmanifest)$/i;
const dir = process.argv[2] ?? 'dist/apps/web/browser';

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const started = Date.now();
let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
// zlib's async calls run on libuv's thread pool: every core works.
await Promise.all(
  [...files(dir)].map(async (path) => {
    const content = readFileSync(path);
    const [brotli, gzipped] = await Promise.all([
      promisify(brotliCompress)(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
      }),
      promisify(gzip)(content, { level: 9 }),
    ]);
    // A variant that saves nothing is not written; the server then sends the file itself.
    if (brotli.length < content.length) writeFileSync(`${path}.br`, brotli);
    if (gzipped.length < content.length) writeFileSync(`${path}.gz`, gzipped);
    raw += content.length;
    br += Math.min(brotli.length, content.length);
    gz += Math.min(gzipped.length, content.length);
    count++;
  }),
);
if (count === 0 || !statSync(join(dir, 'index.html'), { throwIfNoEntry: false })) {
  console.error(`compress-static: no built web app in ${relative(process.cwd(), dir) || dir}`);
  process.exit(1);
}
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(`compress-static: ${count} files, ${kB(raw)} → br ${kB(br)}, gzip ${kB(gz)} (${Date.now() - started} ms)`);
