import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowPostgresUserToReach } from './embedded-postgres';

const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('allowPostgresUserToReach', () => {
  asRoot('adds search permission (only) to private folders on the way', () => {
    const top = mkdtempSync(join(tmpdir(), 'tremplin-perm-'));
    const deep = join(top, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    chmodSync(top, 0o700);
    chmodSync(join(top, 'a'), 0o750);
    const messages: string[] = [];
    allowPostgresUserToReach(deep, (m) => messages.push(m));
    expect(statSync(top).mode & 0o777).toBe(0o701);
    expect(statSync(join(top, 'a')).mode & 0o777).toBe(0o751);
    expect(messages).toHaveLength(2);
    allowPostgresUserToReach(deep, (m) => messages.push(m));
    expect(messages).toHaveLength(2); // nothing left to change
  });
});
