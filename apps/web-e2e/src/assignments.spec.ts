import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login } from './support';

const REVIEWER = 'evaluateur@demo.tremplin.fr';
const REVIEWER2 = 'evaluatrice@demo.tremplin.fr';

async function token(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * The assignment pages (issue #7 §2–§3), checked with axe at desktop and 390 px. Data is made through the
 * API: the two demo reviewers get a profile, one submitted application is declared admissible and assigned.
 */
test('admin assignment pages and the reviewer queue, conflict screen and ties pass axe', async ({ page, browser, request }) => {
  // Ten axe runs: slow on a shared machine.
  test.setTimeout(600_000);
  const admin = { Authorization: `Bearer ${await token(request, 'admin@demo.tremplin.fr')}` };
  // Preferably on the open call, so that the historical 2016 call keeps its demo state.
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; status: string }>;
  const submittedOn = async (callId?: string) =>
    ((await (await request.get('/api/applications', { headers: admin, params: { status: 'submitted', pageSize: '1', ...(callId ? { callId } : {}) } })).json()) as {
      items: Array<{ id: string; callId: string; axisCode: string }>;
    }).items[0];
  const openCall = calls.find((c) => c.status === 'open');
  const app = (openCall ? await submittedOn(openCall.id) : undefined) ?? (await submittedOn());
  expect(app).toBeDefined();
  const reviewers = (await (await request.get('/api/reviewers', { headers: admin })).json()) as Array<{ userId: string; email: string; profile: { version: number } }>;
  for (const email of [REVIEWER, REVIEWER2]) {
    const r = reviewers.find((x) => x.email === email);
    const saved = await request.put(`/api/reviewers/${r?.userId}/profile`, {
      headers: admin,
      data: { axisCodes: [app?.axisCode], territories: [], capacity: 5000, active: true, version: r?.profile.version ?? 0 },
    });
    expect(saved.status()).toBe(200);
  }
  expect((await request.post('/api/applications/admissibility', { headers: admin, data: { ids: [app?.id], admissible: true } })).status()).toBe(200);
  const auto = await request.post(`/api/calls/${app?.callId}/assignments/auto`, { headers: admin, data: { axisCode: app?.axisCode } });
  expect(auto.status()).toBe(200);

  // Admin: the assignment page of that call, then the reviewer profiles.
  await login(page, 'admin@demo.tremplin.fr');
  await page.getByRole('navigation', { name: /navigation principale/i }).getByRole('link', { name: 'Affectations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Affectation des évaluateurs' })).toBeVisible();
  await page.goto(`/admin/evaluations?appel=${app?.callId}&axe=${app?.axisCode}`);
  await expect(page.getByRole('heading', { name: 'Charge par évaluateur' })).toBeVisible();
  await expect(page.getByTestId('assignment-row').first()).toBeVisible();
  await page.getByRole('button', { name: 'Affecter automatiquement' }).click();
  // Already complete on that axis: the run adds nothing (and shows it).
  await expect(page.getByTestId('auto-result')).toContainText('0 affectation(s) créée(s)', { timeout: 60_000 });
  await expectNoAxeViolations(page, 'admin assignment page');
  await page.getByRole('button', { name: /^Échéance/ }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'due date dialog');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page, 'admin assignment page at 390 px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/admin/evaluations/evaluateurs');
  await expect(page.getByRole('heading', { level: 1, name: 'Évaluateurs' })).toBeVisible();
  await page.getByRole('button', { name: /Modifier le profil de/ }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'reviewer profile dialog');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expectNoAxeViolations(page, 'reviewer profiles');

  // Reviewer: the queue (due first), the conflict screen, and the declared ties.
  await page.close();
  const reviewerPage = await (await browser.newContext()).newPage();
  await login(reviewerPage, REVIEWER);
  await reviewerPage.getByRole('navigation', { name: /navigation principale/i }).getByRole('link', { name: 'Mes évaluations' }).click();
  await expect(reviewerPage.getByRole('heading', { level: 1, name: 'Mes évaluations' })).toBeVisible();
  await expect(reviewerPage.getByTestId('queue-item').first()).toBeVisible();
  await expectNoAxeViolations(reviewerPage, 'reviewer queue');
  const open = reviewerPage.getByRole('button', { name: /^Ouvrir l’affectation/ }).first();
  if (await open.count()) {
    await open.click();
    await expect(reviewerPage.getByRole('heading', { name: 'Avant de lire la candidature' })).toBeVisible();
    await expectNoAxeViolations(reviewerPage, 'conflict screen');
    await reviewerPage.getByRole('button', { name: 'Je déclare un conflit d’intérêts' }).click();
    await expectNoAxeViolations(reviewerPage, 'conflict declaration form');
    await reviewerPage.getByRole('button', { name: 'Annuler' }).click();
  }
  await reviewerPage.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(reviewerPage, 'reviewer queue at 390 px');
  await reviewerPage.goto('/evaluations/profil');
  await expect(reviewerPage.getByRole('heading', { level: 1, name: 'Mes liens déclarés' })).toBeVisible();
  await expectNoAxeViolations(reviewerPage, 'declared ties at 390 px');
  await reviewerPage.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(reviewerPage, 'declared ties');
});
