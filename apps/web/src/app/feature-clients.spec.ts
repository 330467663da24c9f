import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Source files of the web app (specs excluded). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const root = __dirname;
const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

describe('one HTTP client per feature', () => {
  it('finds the components (the scan itself works)', () => {
    const components = files.filter((f) => f.text.includes('@Component('));
    expect(components.map((f) => f.path)).toEqual(expect.arrayContaining(['admin-mails/mails-page.ts', 'organization/organization-page.ts']));
    expect(components.length).toBeGreaterThan(40);
  });

  it('no component uses HttpClient: its feature’s *-api.ts does the calls', () => {
    const offenders = files.filter((f) => f.text.includes('@Component(') && /\bHttpClient\b/.test(f.text)).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('HttpClient is injected only in *-api.ts clients and the session service', () => {
    const injecting = files.filter((f) => /inject\(\s*HttpClient\s*\)/.test(f.text)).map((f) => f.path);
    const allowed = (path: string): boolean => /-api\.ts$/.test(path) || path === 'core/auth/auth.service.ts' || path === 'shared/files/file-download.ts';
    expect(injecting.filter((path) => !allowed(path))).toEqual([]);
  });
});
