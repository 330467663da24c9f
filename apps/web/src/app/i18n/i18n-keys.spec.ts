import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EN } from './en';
import { FR } from './fr';

/** Every file of the web app that may name a translation key. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(html|ts)$/.test(name) && !/\.spec\.ts$/.test(name) && !/[\\/]i18n[\\/](fr|en)\.ts$/.test(path) ? [path] : [];
  });
}

// A literal key: `'a.b' | translate`, `translate.instant('a.b')`, `.get('a.b')`, `.stream('a.b')`,
// and keys written as values in TS maps (`key: 'a.b'`, `labelKey: 'a.b'`) — the dotted name must
// start with a known top-level section, so that CSS selectors or URLs are not mistaken for keys.
const PATTERNS = [
  /'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'\s*\|\s*translate/g,
  /\.(?:instant|get|stream)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
  /[kK]ey\s*[:=]\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g,
];

function lookup(dictionary: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

function usedKeys(): Map<string, string> {
  const root = join(__dirname, '..');
  const sections = new Set(Object.keys(FR));
  const keys = new Map<string, string>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const key = match[1] as string;
        if (sections.has(key.split('.')[0] as string) && !keys.has(key)) keys.set(key, file.slice(root.length + 1));
      }
    }
  }
  return keys;
}

describe('translation keys', () => {
  const keys = usedKeys();

  it('finds the keys the templates use (the scan itself works)', () => {
    // Keys known to be used by the shell and the login page; if the scan misses them it is broken.
    expect(keys.has('shell.skipLink')).toBe(true);
    expect(keys.size).toBeGreaterThan(300);
  });

  it.each([
    ['French', FR],
    ['English', EN],
  ])('every key used in a template or component exists in %s as a text', (_language, dictionary) => {
    const missing = [...keys].filter(([key]) => typeof lookup(dictionary, key) !== 'string').map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('the same key has a different text in each language only where it should (no untranslated copy of a long French sentence)', () => {
    const untranslated = [...keys.keys()].filter((key) => {
      const fr = lookup(FR, key);
      return typeof fr === 'string' && fr.length > 40 && /[éèàçù]| le | la | les | des /.test(fr) && lookup(EN, key) === fr;
    });
    expect(untranslated).toEqual([]);
  });
});
