/**
 * Places the ring figure's labels so that none overlaps another or leaves
 * the frame: each label tries the spots around its mark (right, left, above,
 * below, the diagonals), then the same spots further out with a leader line
 * back to the mark; a label with no free spot is left out (and counted, so
 * the figure can say so). Labels are placed in the order given: the most
 * important first.
 */

export interface LabelRequest {
  /** The mark's centre and radius (page units, y downwards). */
  x: number;
  y: number;
  r: number;
  /** The label's width and height. */
  w: number;
  h: number;
}

export interface PlacedLabel {
  /** Top-left of the label's box. */
  x: number;
  y: number;
  /** A line from the mark to the label, when it had to move away from it. */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Boxes that labels must also keep off (the marks of the nodes they name, say). */
export function placeLabels(requests: readonly LabelRequest[], frame: Box, obstacles: readonly Box[] = []): (PlacedLabel | null)[] {
  const taken: Box[] = [];
  const inside = (b: Box) => b.x >= frame.x && b.y >= frame.y && b.x + b.w <= frame.x + frame.w && b.y + b.h <= frame.y + frame.h;
  const free = (b: Box) => inside(b) && !taken.some((t) => overlaps(t, b)) && !obstacles.some((o) => overlaps(o, b));
  return requests.map((q) => {
    for (const far of [0, 1, 2, 3.2, 4.5, 6]) {
      const gap = 1.5 + far * (q.h + 4);
      const d = q.r + gap;
      // Further out, a ring of spots all round the mark (the label's box centred on each).
      const ring: [number, number][] =
        far === 0 ? [] : Array.from({ length: 16 }, (_, k) => [q.x + (d + q.w / 2) * Math.cos((k * Math.PI) / 8) - q.w / 2, q.y + (d + q.h) * Math.sin((k * Math.PI) / 8) - q.h / 2]);
      const spots: [number, number][] = [
        [q.x + d, q.y - q.h / 2],
        [q.x - d - q.w, q.y - q.h / 2],
        [q.x - q.w / 2, q.y - d - q.h],
        [q.x - q.w / 2, q.y + d],
        [q.x + d * 0.7, q.y - d * 0.7 - q.h],
        [q.x - d * 0.7 - q.w, q.y - d * 0.7 - q.h],
        [q.x + d * 0.7, q.y + d * 0.7],
        [q.x - d * 0.7 - q.w, q.y + d * 0.7],
        ...ring,
      ];
      for (const [x, y] of spots) {
        const box = { x, y, w: q.w, h: q.h };
        if (!free(box)) continue;
        taken.push(box);
        if (far === 0) return { x, y, leader: null };
        // The leader runs from the mark's edge to the nearest point of the label's box.
        const cx = Math.max(x, Math.min(q.x, x + q.w));
        const cy = Math.max(y, Math.min(q.y, y + q.h));
        const len = Math.hypot(cx - q.x, cy - q.y) || 1;
        return { x, y, leader: { x1: q.x + ((cx - q.x) / len) * q.r, y1: q.y + ((cy - q.y) / len) * q.r, x2: cx, y2: cy } };
      }
    }
    return null;
  });
}
