import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '@tremplin/contracts';
import { CONVENTION_STATUSES, conventionLifecycle } from '@tremplin/domain';

/** Every TypeScript source of the API except tests. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const text = sources(join(__dirname, '..', '..')).map((file) => readFileSync(file, 'utf8')).join('\n');

// The audit page shows these words to people; a code without them is shown raw (it never breaks, but reads badly).
describe('audit labels', () => {
  it('names, in French and English, every action the API writes as a literal', () => {
    const actions = new Set([...text.matchAll(/action: '([a-z][a-z_.-]+\.[a-z_-]+)'/g)].map((m) => m[1] as string));
    expect(actions.size).toBeGreaterThan(40);
    const missing = [...actions].filter((action) => !AUDIT_ACTION_LABELS[action]);
    expect(missing).toEqual([]);
  });
  it('names every convention transition (written as convention.<action>)', () => {
    const actions = new Set<string>();
    for (const from of CONVENTION_STATUSES) for (const action of conventionLifecycle.actionsFrom(from)) actions.add(`convention.${action}`);
    expect([...actions].sort()).toEqual([
      'convention.activate', 'convention.close', 'convention.resume', 'convention.send',
      'convention.sign_by_association', 'convention.sign_by_department', 'convention.suspend', 'convention.terminate',
    ]);
    for (const action of actions) expect(AUDIT_ACTION_LABELS[action]?.fr).toBeTruthy();
  });
  it('names every entity type the API records', () => {
    const types = new Set([...text.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1] as string));
    expect([...types].filter((type) => !AUDIT_ENTITY_LABELS[type])).toEqual([]);
  });
});
