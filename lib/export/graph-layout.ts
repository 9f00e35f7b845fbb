/**
 * Positions for the ring graph in the case file's PDF, computed in-process
 * and deterministically (the same case always draws the same picture).
 *
 * When detection stored positions for the ring (rings.layout, the ones the
 * dashboard's graph uses) they are used as they are. Otherwise: the shared
 * identifiers (cards, subnets, fingerprints…: at most a couple of hundred)
 * are laid out with a force-directed layout (Fruchterman–Reingold, fixed
 * iterations, start positions on a circle), pulled together by how many
 * accounts they share; then each account sits at the centre of the
 * identifiers it uses, accounts with the same identifiers packed in a
 * sunflower spiral around that point. That is linear in the number of
 * accounts, so a ring of thousands lays out in milliseconds.
 */

export interface LayoutAccount {
  id: string;
  score: number | null;
}

export interface LayoutIdentifier {
  kind: string;
  value: string;
  accounts: number;
}

export interface GraphLayout {
  /** Positions in a unit box: x and y in [0, 1] (y grows downwards). */
  accounts: { id: string; score: number | null; x: number; y: number }[];
  identifiers: { kind: string; value: string; accounts: number; x: number; y: number }[];
  /** Account index → identifier index. */
  edges: [number, number][];
  source: 'stored' | 'computed';
}

const identifierKey = (kind: string, value: string) => `${kind}\u0000${value}`;

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function forceLayout(n: number, weights: Map<number, number>, iterations = 300): [number, number][] {
  const pos: [number, number][] = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    return [Math.cos(angle), Math.sin(angle)];
  });
  if (n <= 1) return pos.map(() => [0, 0]);
  const k = Math.sqrt(4 / n);
  const rand = random(n * 7919 + 17);
  let temperature = 0.2;
  const disp = pos.map(() => [0, 0]);
  for (let it = 0; it < iterations; it++) {
    for (const d of disp) d[0] = d[1] = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i][0] - pos[j][0];
        let dy = pos[i][1] - pos[j][1];
        let dist = Math.hypot(dx, dy);
        if (dist < 1e-6) {
          dx = (rand() - 0.5) * 1e-3;
          dy = (rand() - 0.5) * 1e-3;
          dist = Math.hypot(dx, dy);
        }
        const force = (k * k) / dist;
        disp[i][0] += (dx / dist) * force;
        disp[i][1] += (dy / dist) * force;
        disp[j][0] -= (dx / dist) * force;
        disp[j][1] -= (dy / dist) * force;
      }
    }
    for (const [pair, w] of weights) {
      const i = Math.floor(pair / n);
      const j = pair % n;
      const dx = pos[i][0] - pos[j][0];
      const dy = pos[i][1] - pos[j][1];
      const dist = Math.hypot(dx, dy) || 1e-6;
      const force = ((dist * dist) / k) * w;
      disp[i][0] -= (dx / dist) * force;
      disp[i][1] -= (dy / dist) * force;
      disp[j][0] += (dx / dist) * force;
      disp[j][1] += (dy / dist) * force;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps unconnected identifiers on the page.
      disp[i][0] -= pos[i][0] * 0.05;
      disp[i][1] -= pos[i][1] * 0.05;
      const len = Math.hypot(disp[i][0], disp[i][1]) || 1;
      const step = Math.min(len, temperature);
      pos[i][0] += (disp[i][0] / len) * step;
      pos[i][1] += (disp[i][1] / len) * step;
    }
    temperature = Math.max(0.002, temperature * 0.985);
  }
  return pos;
}

function normalise(points: { x: number; y: number }[]): void {
  if (points.length === 0) return;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const offX = (span - (maxX - minX)) / 2;
  const offY = (span - (maxY - minY)) / 2;
  for (const p of points) {
    p.x = (p.x - minX + offX) / span;
    p.y = (p.y - minY + offY) / span;
  }
}

/** Stored positions, if they cover the accounts: keys as the ring graph names nodes (`a:<account>`, `i:<kind>:<value>`). */
function storedPosition(layout: Record<string, [number, number]>, candidates: string[]): [number, number] | undefined {
  for (const c of candidates) {
    const p = layout[c];
    if (Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1])) return [p[0], p[1]];
  }
  return undefined;
}

export function layoutRingGraph(
  accounts: LayoutAccount[],
  identifiers: LayoutIdentifier[],
  uses: { accountId: string; kind: string; value: string }[],
  stored: Record<string, [number, number]> | null = null,
): GraphLayout {
  const accountIndex = new Map(accounts.map((a, i) => [a.id, i]));
  const identIndex = new Map(identifiers.map((s, i) => [identifierKey(s.kind, s.value), i]));
  const edges: [number, number][] = [];
  const byAccount: number[][] = accounts.map(() => []);
  const seen = new Set<string>();
  for (const u of uses) {
    const a = accountIndex.get(u.accountId);
    const s = identIndex.get(identifierKey(u.kind, u.value));
    if (a === undefined || s === undefined) continue;
    const key = `${a}:${s}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([a, s]);
    byAccount[a].push(s);
  }

  if (stored) {
    const accountPos = accounts.map((a) => storedPosition(stored, [`a:${a.id}`, a.id, `account:${a.id}`]));
    const covered = accountPos.filter(Boolean).length;
    if (accounts.length > 0 && covered >= accounts.length * 0.9) {
      const out = accounts.map((a, i) => ({ id: a.id, score: a.score, x: accountPos[i]?.[0] ?? NaN, y: accountPos[i]?.[1] ?? NaN }));
      const identOut = identifiers.map((s) => {
        const p = storedPosition(stored, [`i:${s.kind}:${s.value}`, `${s.kind}:${s.value}`, `identifier:${s.kind}:${s.value}`]);
        return { ...s, x: p?.[0] ?? NaN, y: p?.[1] ?? NaN };
      });
      fillMissing(out, identOut, edges);
      normalise([...out, ...identOut]);
      return { accounts: out, identifiers: identOut, edges, source: 'stored' };
    }
  }

  // One account: a star, the account in the middle, its identifiers round it, most shared first.
  if (accounts.length === 1) {
    const order = identifiers.map((_, i) => i).sort((x, y) => identifiers[y].accounts - identifiers[x].accounts || x - y);
    const identOut = identifiers.map((s) => ({ ...s, x: 0.5, y: 0.5 }));
    order.forEach((i, k) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, order.length);
      identOut[i].x = 0.5 + 0.45 * Math.cos(angle);
      identOut[i].y = 0.5 + 0.45 * Math.sin(angle);
    });
    return { accounts: [{ id: accounts[0].id, score: accounts[0].score, x: 0.5, y: 0.5 }], identifiers: identOut, edges, source: 'computed' };
  }

  // 1. Identifiers: force layout weighted by the accounts two identifiers share.
  const n = identifiers.length;
  const weights = new Map<number, number>();
  for (const list of byAccount) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = Math.min(list[x], list[y]);
        const j = Math.max(list[x], list[y]);
        weights.set(i * n + j, (weights.get(i * n + j) ?? 0) + 1);
      }
    }
  }
  let maxW = 1;
  for (const w of weights.values()) maxW = Math.max(maxW, w);
  for (const [key, w] of weights) weights.set(key, 0.15 + 0.85 * Math.sqrt(w / maxW));
  const hub = forceLayout(n, weights);

  // 2. Accounts: among the identifiers they use, pulled hardest by the most specific
  //    (an IP two accounts share says more about where an account belongs than a
  //    fingerprint a thousand share); accounts with the same identifiers packed together.
  const groups = new Map<string, number[]>();
  byAccount.forEach((list, a) => {
    const sig = [...list].sort((x, y) => x - y).join(',');
    const g = groups.get(sig);
    if (g) g.push(a);
    else groups.set(sig, [a]);
  });
  const spacing = Math.min(0.06, 0.9 / Math.sqrt(Math.max(1, accounts.length)) / 6);
  const out = accounts.map((a) => ({ id: a.id, score: a.score, x: 0, y: 0 }));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const orphans: number[] = [];
  const jitter = random(accounts.length * 31 + n);
  for (const [sig, members] of groups) {
    if (sig === '') {
      orphans.push(...members);
      continue;
    }
    const ids = sig.split(',').map(Number);
    let cx = 0;
    let cy = 0;
    let total = 0;
    for (const i of ids) {
      const w = 1 / Math.max(1, identifiers[i].accounts);
      cx += hub[i][0] * w;
      cy += hub[i][1] * w;
      total += w;
    }
    cx /= total;
    cy /= total;
    // Beside an identifier rather than on top of it.
    const angle = jitter() * 2 * Math.PI;
    const off = spacing * (1.5 + jitter() * 3);
    cx += Math.cos(angle) * off;
    cy += Math.sin(angle) * off;
    members.forEach((a, k) => {
      const r = spacing * Math.sqrt(k + 0.5);
      out[a].x = cx + r * Math.cos(k * golden);
      out[a].y = cy + r * Math.sin(k * golden);
    });
  }
  // Accounts linked through identifiers not drawn: a row beneath the figure.
  if (orphans.length > 0) {
    let maxY = -Infinity;
    let minX = Infinity;
    let maxX = -Infinity;
    for (const p of [...hub.map(([x, y]) => ({ x, y })), ...out.filter((_, i) => byAccount[i].length > 0)]) {
      maxY = Math.max(maxY, p.y);
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
    }
    if (!Number.isFinite(maxY)) [maxY, minX, maxX] = [0, -1, 1];
    const perRow = Math.max(1, Math.floor((maxX - minX) / (spacing * 1.6)) || 1);
    orphans.forEach((a, k) => {
      out[a].x = minX + (k % perRow) * spacing * 1.6;
      out[a].y = maxY + 0.15 + Math.floor(k / perRow) * spacing * 1.6;
    });
  }
  const identOut = identifiers.map((s, i) => ({ ...s, x: hub[i]?.[0] ?? 0, y: hub[i]?.[1] ?? 0 }));
  normalise([...out, ...identOut]);
  return { accounts: out, identifiers: identOut, edges, source: 'computed' };
}

/** Nodes a stored layout does not cover go to the centre of their neighbours. */
function fillMissing(accounts: { x: number; y: number }[], identifiers: { x: number; y: number }[], edges: [number, number][]): void {
  const place = (target: { x: number; y: number }, neighbours: { x: number; y: number }[]) => {
    const known = neighbours.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    target.x = known.length ? known.reduce((s, p) => s + p.x, 0) / known.length : 0;
    target.y = known.length ? known.reduce((s, p) => s + p.y, 0) / known.length : 0;
  };
  identifiers.forEach((s, i) => {
    if (Number.isFinite(s.x) && Number.isFinite(s.y)) return;
    place(s, edges.filter(([, j]) => j === i).map(([a]) => accounts[a]));
  });
  accounts.forEach((a, i) => {
    if (Number.isFinite(a.x) && Number.isFinite(a.y)) return;
    place(a, edges.filter(([k]) => k === i).map(([, j]) => identifiers[j]));
  });
}
