import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './people';

const WIDTHS = [1440, 1280, 390] as const;

async function pages(page: Page): Promise<{ name: string; path: string }[]> {
  const q = await (await page.request.get('/api/alerts?status=all&kind=ring&sort=accounts')).json();
  const ring = q.rows[0] as { subjectId: string; caseId: string };
  const detail = await (await page.request.get(`/api/rings/${ring.subjectId}`)).json();
  const member = detail.members[0].accountId as string;
  const shared = detail.ring.shared[0] as { kind: string; value: string };
  return [
    { name: 'overview', path: '/' },
    { name: 'alerts', path: '/alerts' },
    { name: 'cases', path: '/cases' },
    { name: 'account', path: `/accounts/${encodeURIComponent(member)}` },
    { name: 'ring', path: `/rings/${ring.subjectId}` },
    { name: 'case', path: `/cases/${ring.caseId}` },
    { name: 'identifier', path: `/identifiers/${shared.kind}/${encodeURIComponent(shared.value)}` },
    { name: 'intel', path: '/intel' },
  ];
}

test('no main page scrolls sideways at 390, 1280 or 1440 px; screenshots of each', async ({ page }) => {
  await signInAs(page, 'lead');
  for (const p of await pages(page)) {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(p.path);
      await expect(page.getByTestId('signed-in-user')).toBeVisible();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      await page.screenshot({ path: `test-results/screens/${p.name}-${width}.png`, fullPage: true });
      expect(overflow.scroll, `${p.name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(overflow.client);
    }
  }
});
