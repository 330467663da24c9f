import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, login } from './support';

/** Issue 6 §1: what a first visit may cost, in bytes on the wire (kB = 1,000 bytes). */
const BUDGET_TOTAL = 350_000;
const BUDGET_SCRIPT = 200_000;

interface Transfer {
  url: string;
  type: string;
  status: number;
  /** Bytes on the wire (headers + compressed body), as Chromium counts them. */
  bytes: number;
  /** Answered by the browser cache without a request to the server. */
  cached: boolean;
  /** The status the server sent, when the request reached it (a revalidated file: 304, though `status` says 200). */
  wireStatus: number | null;
}

/** Records every request of `page` through the DevTools protocol until `stop()` is called. */
async function recordNetwork(page: Page): Promise<{ stop: () => Promise<Transfer[]> }> {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, Transfer & { finished: boolean }>();
  const entry = (id: string) => {
    let found = requests.get(id);
    if (!found) {
      found = { url: '', type: 'Other', status: 0, bytes: 0, cached: false, wireStatus: null, finished: false };
      requests.set(id, found);
    }
    return found;
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = entry(e.requestId);
    r.url = e.request.url;
    r.type = e.type ?? r.type;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    entry(e.requestId).cached = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.type = e.type;
    r.status = e.response.status;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) r.cached = true;
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    entry(e.requestId).wireStatus = e.statusCode;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = entry(e.requestId);
    r.bytes = e.encodedDataLength;
    r.finished = true;
  });
  cdp.on('Network.loadingFailed', (e) => {
    entry(e.requestId).finished = true;
  });
  await cdp.send('Network.enable');
  return {
    stop: async () => {
      // Every request that started must have finished (loadingFinished carries the byte count).
      await expect.poll(() => [...requests.values()].filter((r) => r.url && !r.finished).map((r) => r.url)).toEqual([]);
      await cdp.detach();
      return [...requests.values()].filter((r) => r.url.startsWith('http')).map(({ finished: _finished, ...r }) => r);
    },
  };
}

/** Loads the home page and waits until it is complete: data shown, fonts loaded, network quiet. */
async function openHome(page: Page): Promise<void> {
  await page.goto('/', { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appels à projets', { timeout: 30_000 });
  await expect(page.getByText('AAP-NORD-2016').first()).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

const sum = (transfers: Transfer[], type?: string) => transfers.filter((t) => !type || t.type === type).reduce((total, t) => total + t.bytes, 0);
const isStatic = (t: Transfer) => !new URL(t.url).pathname.startsWith('/api/');

test.describe('first load of the portal', () => {
  // Two full page loads with axe in their own browser context: slow on a busy 2-core machine.
  test.describe.configure({ timeout: 180_000 });

  test('a cold first load of / stays within 350 kB, 200 kB of them JavaScript, icons are SVG and a repeat visit revalidates only index.html', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });

    const cold = await recordNetwork(page);
    await openHome(page);
    const first = await cold.stop();

    const byType: Record<string, number> = {};
    for (const t of first) byType[t.type] = (byType[t.type] ?? 0) + t.bytes;
    const total = sum(first);
    test.info().annotations.push({
      type: 'first load (bytes on the wire)',
      description: `total ${total} in ${first.length} requests; ${Object.entries(byType)
        .map(([type, bytes]) => `${type} ${bytes}`)
        .join(', ')}`,
    });
    console.log(`first load: total ${total} bytes in ${first.length} requests`, byType);
    for (const t of first) console.log(`  ${t.type.padEnd(10)} ${String(t.bytes).padStart(7)}  ${t.status}  ${new URL(t.url).pathname}`);

    expect(first.some((t) => t.cached), 'a cold cache answers nothing from cache').toBe(false);
    expect(total, 'total bytes of the first load').toBeLessThanOrEqual(BUDGET_TOTAL);
    expect(sum(first, 'Script'), 'JavaScript bytes of the first load').toBeLessThanOrEqual(BUDGET_SCRIPT);

    // Text assets arrive compressed.
    const textAssets = first.filter((t) => isStatic(t) && ['Script', 'Stylesheet', 'Document'].includes(t.type));
    expect(textAssets.length).toBeGreaterThan(2);
    for (const t of textAssets) {
      const response = await page.request.get(t.url, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(response.headers()['content-encoding'], t.url).toBe('br');
    }

    // Only the Roboto faces, in WOFF2, and no icon font at all.
    const fonts = first.filter((t) => t.type === 'Font').map((t) => new URL(t.url).pathname);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^\/media\/roboto-latin-(400|500|700)-normal-[A-Z0-9]{8}\.woff2$/);

    // Icons are inline SVG: there is no ligature text to show, even before any font arrives.
    const icons = await page.locator('mat-icon').evaluateAll((elements) =>
      elements.map((e) => ({ svg: e.querySelector('svg') !== null, text: (e.textContent ?? '').trim() })),
    );
    expect(icons.length).toBeGreaterThan(3);
    expect(icons.filter((icon) => !icon.svg || icon.text !== '')).toEqual([]);

    // An anonymous visitor has no session: nothing asks for a refresh, nothing answers 401.
    expect(first.filter((t) => new URL(t.url).pathname === '/api/auth/refresh')).toEqual([]);
    expect(errors).toEqual([]);
    await expectNoAxeViolations(page, 'home (first load)');

    // A repeat visit: index.html is revalidated (304), every other static file comes from the cache.
    const again = await context.newPage();
    const warm = await recordNetwork(again);
    await openHome(again);
    const second = await warm.stop();
    const fromServer = second.filter((t) => isStatic(t) && (!t.cached || t.wireStatus !== null)).map((t) => `${t.wireStatus} ${new URL(t.url).pathname}`);
    expect(fromServer).toEqual(['304 /']);
    expect(second.filter((t) => isStatic(t) && t.cached).length).toBeGreaterThanOrEqual(first.filter(isStatic).length - 1);
    await context.close();
  });

  test('a reload keeps a signed-in session; after logout a reload asks for no refresh', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/refresh') refreshes.push(response.status());
    });

    await login(page, 'association1@demo.tremplin.fr');
    await page.goto('/');
    await expect(page.getByRole('button', { name: /menu du compte|account menu/i })).toBeVisible();
    expect(refreshes).toEqual([200]);

    await page.getByRole('button', { name: /menu du compte|account menu/i }).click();
    await page.getByRole('menuitem', { name: /se déconnecter|sign out/i }).click();
    await expect(page.getByRole('link', { name: /^(connexion|se connecter|sign in)$/i }).first()).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appels à projets');
    await page.waitForLoadState('networkidle');
    expect(refreshes).toEqual([200]);
    await context.close();
  });
});
