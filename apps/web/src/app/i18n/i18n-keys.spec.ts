import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EN } from './en';
import { FR } from './fr';

/** The dictionaries themselves: i18n/fr.ts, i18n/en.ts and the per-feature `<feature>.i18n.ts` they compose. */
const isDictionary = (path: string): boolean => /\.i18n\.ts$/.test(path) || /[\\/]i18n[\\/](fr|en)\.ts$/.test(path);

/** Every file of the web app that may name a translation key. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(html|ts)$/.test(name) && !isDictionary(path) && !/\.spec\.ts$/.test(name) ? [path] : [];
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

/** Every text's key path (`section.key.subkey`). */
function leafKeys(dictionary: object, prefix = ''): string[] {
  return Object.entries(dictionary).flatMap(([name, value]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return typeof value === 'string' ? [path] : leafKeys(value as object, path);
  });
}

const root = join(__dirname, '..');

function usedKeys(): Map<string, string> {
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

  it('English has exactly the key paths of French (the per-feature parts compose the same tree)', () => {
    const fr = leafKeys(FR);
    const en = leafKeys(EN);
    expect(fr.length).toBeGreaterThan(700);
    expect(en.filter((key) => !fr.includes(key))).toEqual([]);
    expect(fr.filter((key) => !en.includes(key))).toEqual([]);
  });

  it('every French text is used: literally, or under a prefix the code completes (`\'roles.\' + role`, `mails.kinds.${kind}`)', () => {
    const source = sourceFiles(root)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const quoted = (text: string): string[] => [`'${text}'`, `\`${text}\``];
    const isUsed = (key: string): boolean => {
      if (quoted(key).some((q) => source.includes(q))) return true;
      const parts = key.split('.');
      for (let depth = 1; depth < parts.length; depth++) {
        const parent = parts.slice(0, depth).join('.');
        // A completed prefix (`'a.b.' + x`, `a.b.${x}`); below the section, also a whole group handed
        // to a pipe (`'plurals.unread' | plural`). A bare section name is too common (routes) to count.
        const forms = [`'${parent}.'`, `\`${parent}.\${`];
        if (depth >= 2) forms.push(`'${parent}'`);
        if (forms.some((form) => source.includes(form))) return true;
      }
      return false;
    };
    expect(leafKeys(FR).filter((key) => !isUsed(key))).toEqual([]);
  });

  it('English stays out of the first load: fr.ts imports no module that holds English texts', () => {
    const frFile = join(__dirname, 'fr.ts');
    const imported = [...readFileSync(frFile, 'utf8').matchAll(/^import (?!type )[^;]*from '(\.[^']+)';/gm)].map((m) => resolve(dirname(frFile), `${m[1]}.ts`));
    expect(imported.length).toBeGreaterThan(10);
    const withEnglish = imported.filter((file) => /export const \w+_EN\b/.test(readFileSync(file, 'utf8'))).map((file) => file.slice(root.length + 1));
    // A feature's English goes in `<feature>.en.i18n.ts`, imported by en.ts only.
    expect(withEnglish).toEqual([]);
  });
});
