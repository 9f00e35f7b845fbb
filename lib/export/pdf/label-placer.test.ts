/** The ring figure's labels never overlap each other or leave the frame. */
import { describe, expect, it } from 'vitest';
import { placeLabels, type Box } from './label-placer';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placeLabels', () => {
  it('places labels of marks crowded into one spot without overlaps, inside the frame, with leaders when moved away', () => {
    const frame = { x: 0, y: 0, w: 500, h: 500 };
    // 30 marks within a few points of each other: the case that overlapped in the PDF.
    const requests = Array.from({ length: 30 }, (_, i) => ({ x: 250 + (i % 5), y: 250 + Math.floor(i / 5), r: 4, w: 60, h: 9 }));
    const placed = placeLabels(requests, frame);
    const boxes = placed.flatMap((p, i) => (p ? [{ x: p.x, y: p.y, w: requests[i].w, h: requests[i].h }] : []));
    expect(boxes.length).toBeGreaterThan(10);
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].x).toBeGreaterThanOrEqual(0);
      expect(boxes[i].y + boxes[i].h).toBeLessThanOrEqual(500);
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
    }
    expect(placed[0]?.leader).toBeNull();
    expect(placed.some((p) => p?.leader)).toBe(true);
  });

  it('keeps a label inside the frame at its edge, and off the obstacles', () => {
    const frame = { x: 0, y: 0, w: 200, h: 200 };
    const [p] = placeLabels([{ x: 198, y: 100, r: 3, w: 50, h: 8 }], frame, [{ x: 150, y: 80, w: 20, h: 8 }]);
    expect(p).not.toBeNull();
    expect(p!.x + 50).toBeLessThanOrEqual(200);
    expect(overlaps({ x: p!.x, y: p!.y, w: 50, h: 8 }, { x: 150, y: 80, w: 20, h: 8 })).toBe(false);
  });

  it('leaves out a label with no free spot', () => {
    const placed = placeLabels([{ x: 5, y: 5, r: 2, w: 100, h: 8 }], { x: 0, y: 0, w: 20, h: 20 });
    expect(placed).toEqual([null]);
  });
});
