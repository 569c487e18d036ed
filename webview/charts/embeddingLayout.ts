/**
 * The embedding scatter's geometry, without the DOM (tested in Node): which labels fit without
 * overlapping, which symbols a search finds, and how zooming and panning move the view.
 */
import { symbolLabel } from '../../src/core/vocabulary';

/** A label as it would be drawn: its symbol, its centre and size (pixels). */
export interface LabelBox {
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The labels to draw, greedily in `priority` order (the selected point, its neighbours and the
 * symbols found first, then the rest): each is kept when it overlaps none kept before it
 * (`gap` pixels apart). Zooming in spreads the points, so more labels fit: "thinned by zoom".
 * A grid of cells the size of the largest label keeps it linear in the number of points.
 */
export function placeLabels(boxes: readonly LabelBox[], priority: readonly number[], gap = 1): Set<number> {
  const byIndex = new Map(boxes.map((b) => [b.index, b]));
  let cell = 1;
  for (const b of boxes) cell = Math.max(cell, b.w + gap, b.h + gap);
  const grid = new Map<string, LabelBox[]>();
  const kept = new Set<number>();
  const overlaps = (a: LabelBox, b: LabelBox): boolean =>
    Math.abs(a.x - b.x) * 2 < a.w + b.w + 2 * gap && Math.abs(a.y - b.y) * 2 < a.h + b.h + 2 * gap;
  for (const index of priority) {
    const box = byIndex.get(index);
    if (!box || kept.has(index)) continue;
    const cx = Math.floor(box.x / cell);
    const cy = Math.floor(box.y / cell);
    let free = true;
    for (let dx = -1; dx <= 1 && free; dx++) {
      for (let dy = -1; dy <= 1 && free; dy++) {
        for (const other of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (overlaps(box, other)) {
            free = false;
            break;
          }
        }
      }
    }
    if (!free) continue;
    kept.add(index);
    const key = `${cx},${cy}`;
    const list = grid.get(key);
    if (list) list.push(box);
    else grid.set(key, [box]);
  }
  return kept;
}

/**
 * The symbols a search finds: those whose label is the query (or the label of the query's one
 * character: typing a space finds "␣"); failing that, the same ignoring case.
 */
export function matchSymbols(labels: readonly string[], query: string): number[] {
  if (query.length === 0) return [];
  const q = query.trim().length === 0 ? query : query.trim();
  const wanted = new Set([q, [...q].length === 1 ? symbolLabel(q) : q]);
  const exact = labels.flatMap((l, i) => (wanted.has(l) ? [i] : []));
  if (exact.length) return exact;
  const lower = new Set([...wanted].map((w) => w.toLowerCase()));
  return labels.flatMap((l, i) => (lower.has(l.toLowerCase()) ? [i] : []));
}

/** Where the scatter looks: its centre (data units) and its zoom over the fitted view (1: all points). */
export interface ZoomView {
  cx: number;
  cy: number;
  zoom: number;
}

export const MAX_ZOOM = 64;

/**
 * The view after zooming by `factor` about the data point (`px`, `py`), which stays where it is
 * on screen. The zoom stays within 1..MAX_ZOOM.
 */
export function zoomAbout(view: ZoomView, px: number, py: number, factor: number): ZoomView {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, view.zoom * factor));
  const k = view.zoom / zoom;
  return { zoom, cx: px + (view.cx - px) * k, cy: py + (view.cy - py) * k };
}
