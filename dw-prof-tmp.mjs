import { chromium } from 'playwright-core';
const base = 'http://localhost:3152';
const [ring, kase] = [process.argv[2], process.argv[3]];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const r = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ name: 'bench', password: 'bench-analyst-pass' }) });
const cookie = r.headers.get('set-cookie').split(';')[0].split('=');
for (let i = 0; i < 1; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addCookies([{ name: cookie[0], value: cookie[1], url: base }]);
  await ctx.addInitScript({ content: `document.addEventListener('click', (e) => { sessionStorage.setItem('dwClickAt', String(performance.timeOrigin + e.timeStamp)); }, { capture: true });` });
  const page = await ctx.newPage();
  await page.goto(`${base}/cases/${kase}`);
  await page.locator(`main a[href="/rings/${ring}"]`).first().click();
  await page.locator('[data-testid="ring-graph"][data-first-frame]').waitFor({ timeout: 120000 });
  const t = await page.evaluate(() => {
    const click = Number(sessionStorage.getItem('dwClickAt')) - performance.timeOrigin;
    const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('dw:')).map((m) => [m.name, Math.round(m.startTime - click)]));
    const res = performance.getEntriesByType('resource').filter((e) => e.startTime > click - 50).map((e) => [e.name.replace(/.*\/rings\//, ''), Math.round(e.startTime - click), Math.round(e.responseStart - click), Math.round(e.responseEnd - click), e.transferSize]);
    const cy = document.querySelector('[data-testid="ring-graph"]').__cy; return { marks, res, n: cy.nodes().length, e: cy.edges().length };
  });
  console.log(JSON.stringify(t));
  await ctx.close();
}
await browser.close();
