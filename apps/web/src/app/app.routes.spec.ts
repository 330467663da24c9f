import { appRoutes as routes } from './app.routes';

describe('app routes', () => {
  it('declares each top-level path once (a duplicate is dead code that drifts from the first)', () => {
    const paths = routes.map((r) => r.path);
    const duplicates = paths.filter((p, i) => paths.indexOf(p) !== i);
    expect(duplicates).toEqual([]);
  });
});
