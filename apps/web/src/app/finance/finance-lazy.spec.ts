import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The first load must not grow with the finance charts: ECharts and ngx-echarts may only be reached
// through a dynamic import(). This walks the static import graph from main.ts (type-only imports are
// erased by the compiler and not followed; `import()` is where the bundler splits a lazy chunk).

const webSrc = resolve(__dirname, '..', '..');
const workspace = resolve(webSrc, '..', '..', '..');
const ALIASES: Record<string, string> = {
  '@tremplin/domain': join(workspace, 'libs/domain/src/index.ts'),
  '@tremplin/contracts': join(workspace, 'libs/contracts/src/index.ts'),
};

const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?'([^']+)'/gm;

function resolveFile(from: string, specifier: string): string | null {
  const base = ALIASES[specifier] ?? (specifier.startsWith('.') ? resolve(dirname(from), specifier) : null);
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  return null;
}

/** Files reached from `entry` by static imports, with the packages each one imports. */
function eagerGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (graph.has(file)) continue;
    const packages: string[] = [];
    graph.set(file, packages);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC)) {
      const specifier = match[1] as string;
      const target = resolveFile(file, specifier);
      if (target) queue.push(target);
      else if (!specifier.startsWith('.')) packages.push(specifier);
    }
  }
  return graph;
}

const charting = (specifier: string): boolean => /^(echarts|ngx-echarts)(\/|$)/.test(specifier);

describe('ECharts stays out of the first load', () => {
  const graph = eagerGraph(join(webSrc, 'main.ts'));
  const eager = [...graph.keys()].map((file) => relative(webSrc, file));

  it('walks the whole eager graph (the scan itself works)', () => {
    expect(eager).toEqual(expect.arrayContaining(['main.ts', 'app/app.routes.ts', 'app/core/shell/shell.ts', 'app/i18n/fr.ts']));
    expect(eager.length).toBeGreaterThan(30);
    // The same scan does see ECharts where it is imported: the lazy setup file.
    const setup = eagerGraph(join(webSrc, 'app/finance/echarts-setup.ts'));
    expect([...setup.values()].flat().filter(charting)).toEqual(expect.arrayContaining(['echarts/core', 'echarts/charts']));
  });

  it('no file of the first load imports echarts or ngx-echarts, and the finance feature is lazy', () => {
    const offenders = [...graph.entries()].filter(([, packages]) => packages.some(charting)).map(([file]) => relative(webSrc, file));
    expect(offenders).toEqual([]);
    expect(eager.filter((file) => file.startsWith('app/finance/') && !file.endsWith('.i18n.ts'))).toEqual([]);
  });

  it('imports only ECharts’ modular entry points (never the full `echarts` bundle)', () => {
    const setup = readFileSync(join(webSrc, 'app/finance/echarts-setup.ts'), 'utf8');
    expect([...setup.matchAll(STATIC)].map((m) => m[1])).toEqual(['echarts/charts', 'echarts/components', 'echarts/core', 'echarts/renderers']);
  });
});
