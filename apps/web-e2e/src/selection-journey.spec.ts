import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login, normalizeSpaces } from './support';

/**
 * The whole selection of issue #7 on the demo call under review: the admin declares association1's
 * application admissible and assigns it; two reviewers score it, a third declares a conflict and the
 * application is reassigned; the committee ranks the axis, sees both lines, retains it and rejects
 * another, publishes; association1 sees its outcome and downloads the letter. axe on every page.
 */
test.describe.configure({ timeout: 900_000 });

async function bearer(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const res = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status(), `login ${email}`).toBe(200);
  return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
}

interface Assignment { id: string; applicationId: string; reviewerId: string; status: string }

/** The active assignments of one application (admin list, scanned page by page). */
async function assignmentsOf(request: APIRequestContext, admin: Record<string, string>, callId: string, axisCode: string, applicationId: string): Promise<Assignment[]> {
  const found: Assignment[] = [];
  for (let page = 1; page < 100; page++) {
    const body = (await (await request.get(`/api/calls/${callId}/assignments`, { headers: admin, params: { axisCode, page: String(page), pageSize: '100' } })).json()) as {
      items: Assignment[]; total: number;
    };
    found.push(...body.items.filter((a) => a.applicationId === applicationId && (a.status === 'assigned' || a.status === 'accepted')));
    if (page * 100 >= body.total) break;
  }
  return found;
}

// Tomorrow in Paris (the server's calendar): after 23:00 UTC, the UTC « tomorrow » is already Paris's today.
const tomorrow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 86_400_000));

/** Opens the reviewer's first queue item (due first: the test moved it to tomorrow) in a fresh context. */
async function openFirstAssignment(browser: Browser, email: string, title: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  await page.goto('/evaluations');
  await expect(page.getByRole('heading', { level: 1, name: 'Mes évaluations' })).toBeVisible();
  await page.getByRole('button', { name: `Ouvrir l’affectation « ${title} »` }).first().click();
  await expect(page.getByRole('heading', { name: 'Avant de lire la candidature' })).toBeVisible();
  return page;
}

async function scoreAndSubmit(page: Page, assignmentId: string, scores: number[], label: string): Promise<void> {
  await page.goto(`/evaluations/${assignmentId}/evaluation`);
  await expect(page.locator('#form-title')).toBeVisible();
  const inputs = page.locator('input[id^="score-"]');
  const count = await inputs.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await inputs.nth(i).fill(String(scores[i % scores.length]));
  await page.locator('#opinion-favourable').click();
  await page.locator('#general-comment').fill('Projet solide, public bien ciblé, partenariats crédibles.');
  const amounts = page.locator('input[id^="recommended-"]');
  for (let i = 0; i < (await amounts.count()); i++) {
    if (!(await amounts.nth(i).inputValue())) await amounts.nth(i).fill('1000');
  }
  await expectNoAxeViolations(page, `review form (${label})`);
  await page.getByRole('button', { name: 'Transmettre l’évaluation' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Transmettre/ }).click();
  await expect(page.getByText('Évaluation transmise.').first()).toBeVisible();
}

test('admissibility, assignment, blind scoring with a conflict, committee, publication, and the association’s outcome', async ({ browser, request }) => {
  const admin = await bearer(request, 'admin@demo.tremplin.fr');
  const association = await bearer(request, 'association1@demo.tremplin.fr');
  const year = new Date().getFullYear();
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  const call = calls.find((c) => c.code === `AAP-NORD-${year}`);
  expect(call, 'the demo call under review').toBeDefined();
  const callId = call?.id ?? '';
  const own = (await (await request.get('/api/applications', { headers: association, params: { callId, pageSize: '100' } })).json()) as {
    items: Array<{ id: string; title: string; status: string; axisCode: string; reference: string }>;
  };
  const app = own.items.find((a) => a.status === 'submitted');
  expect(app, 'association1 waits for admissibility on the call under review').toBeDefined();
  const { id: appId, title, axisCode } = app as NonNullable<typeof app>;

  // 1. Admissibility, from the staff application page.
  const adminPage = await (await browser.newContext()).newPage();
  await login(adminPage, 'admin@demo.tremplin.fr');
  await adminPage.goto(`/instruction/${appId}`);
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(title);
  await adminPage.getByRole('button', { name: 'Recevable', exact: true }).click();
  const admissibility = adminPage.getByRole('dialog');
  await expect(admissibility.getByRole('heading')).toHaveText('Déclarer recevable (1)');
  await admissibility.getByRole('button', { name: 'Recevable' }).click();
  await expect(admissibility).toBeHidden();
  await expect(adminPage.locator('tp-application-status').first()).toContainText('Recevable');

  // 2. Automatic assignment of the axis, from the assignment page.
  await adminPage.goto(`/admin/evaluations?appel=${callId}&axe=${axisCode}`);
  await expect(adminPage.getByRole('heading', { name: 'Charge par évaluateur' })).toBeVisible();
  await adminPage.getByRole('button', { name: 'Affecter automatiquement' }).click();
  await expect(adminPage.getByTestId('auto-result')).toBeVisible({ timeout: 120_000 });
  await expectNoAxeViolations(adminPage, 'assignment page after the automatic run');
  const assigned = await assignmentsOf(request, admin, callId, axisCode, appId);
  expect(assigned).toHaveLength(2);
  expect(new Set(assigned.map((a) => a.reviewerId)).size).toBe(2);
  const reviewers = (await (await request.get('/api/reviewers', { headers: admin })).json()) as Array<{ userId: string; email: string }>;
  const emailOf = (id: string) => reviewers.find((r) => r.userId === id)?.email ?? '';
  // Due tomorrow: first in each reviewer's queue.
  for (const a of assigned) expect((await request.patch(`/api/assignments/${a.id}`, { headers: admin, data: { dueOn: tomorrow() } })).status()).toBe(200);
  const [first, conflicted] = assigned as [Assignment, Assignment];

  // 3. The first reviewer confirms no conflict and scores; blind: no other review shown yet.
  const reviewerA = await openFirstAssignment(browser, emailOf(first.reviewerId), title);
  await expectNoAxeViolations(reviewerA, 'conflict screen');
  await reviewerA.getByRole('button', { name: 'Je n’ai aucun lien : j’accepte' }).click();
  await expect(reviewerA.getByText('Affectation acceptée').first()).toBeVisible();
  await scoreAndSubmit(reviewerA, first.id, [4, 3, 4], 'first reviewer');

  // 4. The second declares a conflict: recused, and the application goes to another reviewer.
  const reviewerB = await openFirstAssignment(browser, emailOf(conflicted.reviewerId), title);
  await reviewerB.getByRole('button', { name: 'Je déclare un conflit d’intérêts' }).click();
  await reviewerB.locator('#conflict-kind').click();
  await reviewerB.getByRole('option', { name: 'Adhérent ou membre' }).click();
  await reviewerB.locator('#conflict-comment').fill('Je suis adhérent de cette association.');
  await expectNoAxeViolations(reviewerB, 'conflict declaration');
  await reviewerB.getByRole('button', { name: 'Déclarer le conflit' }).click();
  await expect(reviewerB.getByText('Conflit déclaré : la candidature est confiée à un autre évaluateur.').first()).toBeVisible();
  expect((await request.get(`/api/applications/${appId}`, { headers: await bearer(request, emailOf(conflicted.reviewerId)) })).status()).toBe(404);
  const now = await assignmentsOf(request, admin, callId, axisCode, appId);
  expect(now).toHaveLength(2);
  const replacement = now.find((a) => a.reviewerId !== first.reviewerId);
  expect(replacement?.reviewerId).toBeDefined();
  expect(replacement?.reviewerId).not.toBe(conflicted.reviewerId);
  expect((await request.patch(`/api/assignments/${replacement?.id}`, { headers: admin, data: { dueOn: tomorrow() } })).status()).toBe(200);

  // 5. The replacement reviewer accepts and scores: the application is reviewed.
  const reviewerC = await openFirstAssignment(browser, emailOf(replacement?.reviewerId ?? ''), title);
  await reviewerC.getByRole('button', { name: 'Je n’ai aucun lien : j’accepte' }).click();
  await expect(reviewerC.getByText('Affectation acceptée').first()).toBeVisible();
  await scoreAndSubmit(reviewerC, replacement?.id ?? '', [5, 4, 4], 'replacement reviewer');
  const reviewed = (await (await request.get(`/api/applications/${appId}`, { headers: admin })).json()) as { status: string };
  expect(reviewed.status).toBe('reviewed');

  // 6. The committee: a session on the axis, the ranking and both lines, a retained and a rejected project.
  await adminPage.goto(`/comite/${callId}`);
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Comité de sélection');
  await adminPage.locator('#committee-axis').click();
  await adminPage.getByRole('option', { name: new RegExp(`^${axisCode} —`) }).click();
  await expect(adminPage.getByTestId('ranking-table')).toBeVisible();
  await expect(adminPage.getByTestId('cut-summary')).toBeVisible();
  await adminPage.getByTestId('compute-fit').click();
  const fit = adminPage.getByTestId('fit-table');
  await expect(fit).toContainText('Ligne stricte', { timeout: 60_000 });
  await expect(fit).toContainText('Ajustement suggéré');
  await adminPage.locator('#session-sits-on').fill(`${year}-12-15`);
  await adminPage.locator('#session-deliberation').fill(`CP ${year}-12-15 n° 7`);
  await adminPage.getByRole('button', { name: 'Ouvrir une séance' }).click();
  await expect(adminPage.getByTestId('committee-session')).toBeVisible();
  await expectNoAxeViolations(adminPage, 'committee page with an open session');

  const reference = ((await (await request.get(`/api/applications/${appId}`, { headers: admin })).json()) as { reference: string }).reference;
  // Decisions are taken from the ranking itself, which is paginated: page through it to the row.
  const ranking = adminPage.getByTestId('ranking-table');
  /** Clicks a paginator button and waits for that page of the ranking to be shown. */
  const turn = async (name: string) => {
    const loaded = adminPage.waitForResponse((r) => /\/api\/calls\/[^/]+\/ranking\?/.test(r.url()));
    await adminPage.getByRole('button', { name }).click();
    await loaded;
    await expect(ranking.locator('tbody tr').first()).toBeVisible();
  };
  const firstPage = async () => {
    if (await adminPage.getByRole('button', { name: 'Première page' }).isEnabled()) await turn('Première page');
  };
  const findRow = async (ref: string) => {
    await firstPage();
    for (;;) {
      const button = adminPage.getByRole('button', { name: `Décider sur ${ref}`, exact: true });
      if (await button.count()) return button;
      expect(await adminPage.getByRole('button', { name: 'Page suivante' }).isEnabled(), `${ref} is in the ranking`).toBe(true);
      await turn('Page suivante');
    }
  };
  // Located by CSS, not by role: while a dialog is open, Material hides the page from the accessibility tree.
  const rowOf = (ref: string) => ranking.locator('tbody tr', { has: adminPage.locator(`button[aria-label="Décider sur ${ref}"]`) });
  const decide = async (ref: string, outcome: 'Retenu' | 'Non retenu') => {
    const button = await findRow(ref);
    // The row's place against the line, as the table shows it (class « below » under the cut line).
    const below = /\bbelow\b/.test((await rowOf(ref).getAttribute('class')) ?? '');
    await button.click();
    const dialog = adminPage.getByRole('dialog');
    await dialog.getByRole('radio', { name: outcome, exact: true }).check();
    if (outcome === 'Non retenu') {
      await adminPage.locator('#decision-rejection-reason').click();
      await adminPage.getByRole('option').first().click();
      await adminPage.locator('#decision-comment').fill('Le projet recoupe une action déjà financée sur le territoire.');
    }
    // The dialog knows the row's place against the line: it asks for a justification exactly when
    // retaining below the line or rejecting above it.
    const exception = dialog.locator('#decision-line-exception');
    if ((outcome === 'Retenu') === below) {
      await expect(exception).toBeVisible();
      await exception.fill('Choix du comité motivé par la couverture territoriale.');
    } else {
      await expect(exception).toBeHidden();
    }
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();
    // The ranking reloads in place and shows the simulated decision on the row.
    await expect(rowOf(ref)).toContainText(outcome === 'Retenu' ? 'Retenu (simulation)' : 'Rejeté (simulation)');
  };
  const projected2016 = async () => normalizeSpaces(await adminPage.getByTestId('projected-use').locator('tbody tr').first().textContent());
  const before = await projected2016();
  await decide(reference, 'Retenu');
  // The projected use follows each decision.
  await expect.poll(projected2016).not.toBe(before);
  // Another decidable row, on whichever page it is.
  await firstPage();
  let otherRef = '';
  for (;;) {
    const labels = await ranking.getByRole('button', { name: /^Décider sur / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
    otherRef = labels.map((l) => l.replace(/^Décider sur /, '')).find((ref) => ref !== reference) ?? '';
    if (otherRef || !(await adminPage.getByRole('button', { name: 'Page suivante' }).isEnabled())) break;
    await turn('Page suivante');
  }
  expect(otherRef).not.toBe('');
  await decide(otherRef, 'Non retenu');
  await expectNoAxeViolations(adminPage, 'committee page with decisions (simulation)');
  await adminPage.getByTestId('publish').click();
  await adminPage.getByRole('dialog').getByRole('button', { name: 'Publier les décisions' }).click();
  await expect(adminPage.getByText('Décisions publiées').first()).toBeVisible();

  // 7. association1 sees its outcome and downloads the letter.
  const associationPage = await (await browser.newContext()).newPage();
  await login(associationPage, 'association1@demo.tremplin.fr');
  await associationPage.goto(`/candidatures/${appId}`);
  const decision = associationPage.getByTestId('decision');
  await expect(decision).toContainText('Votre projet est retenu');
  // French amounts (narrow no-break spaces compared as plain spaces).
  expect(normalizeSpaces(await decision.textContent())).toMatch(/subvention de \d{1,3}( \d{3})*,\d{2} € au total/);
  const letter = associationPage.waitForEvent('download');
  await decision.getByTestId('decision-letter').click();
  expect((await letter).suggestedFilename()).toMatch(/\.pdf$/);
  await expectNoAxeViolations(associationPage, 'the association’s decision');
});
