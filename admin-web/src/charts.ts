/**
 * Small SVG charts (bars by day, horizontal bars by group): enough for the
 * dashboard without a 1 MB charting library.
 */
const NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Point {
  name: string;
  value: number;
}

/** Vertical bars, e.g. tickets per day; labels every few bars so they never overlap. */
export function columnChart(points: Point[], label: (name: string) => string = (n) => n): SVGElement {
  // Drawn at about the width it is shown, so the text stays legible on a phone.
  const W = Math.round(Math.min(960, Math.max(300, window.innerWidth - 80)));
  const H = W < 600 ? 180 : 220;
  const pad = { l: 32, r: 8, t: 12, b: 28 };
  // An even maximum of at least 2 keeps the three grid labels distinct integers.
  const top = Math.max(...points.map((p) => p.value), 0);
  const max = Math.max(2, top + (top % 2));
  const bw = (W - pad.l - pad.r) / Math.max(1, points.length);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  for (const frac of [0, 0.5, 1]) {
    const y = pad.t + (H - pad.t - pad.b) * (1 - frac);
    root.append(svg('line', { x1: pad.l, x2: W - pad.r, y1: y, y2: y, class: 'grid' }), svg('text', { x: pad.l - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, String(Math.round(max * frac))));
  }
  const every = Math.ceil(points.length / Math.max(2, Math.floor(W / 90)));
  points.forEach((p, i) => {
    const h = ((H - pad.t - pad.b) * p.value) / max;
    const x = pad.l + i * bw;
    const bar = svg('rect', { x: x + bw * 0.15, y: H - pad.b - h, width: bw * 0.7, height: Math.max(h, 0), class: 'bar' });
    bar.append(svg('title', {}, `${label(p.name)}: ${p.value}`));
    root.append(bar);
    if (i % every === 0) root.append(svg('text', { x: x + bw / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis' }, label(p.name)));
  });
  return root;
}

/** Horizontal bars with the label on the left and the count on the right. */
export function barList(points: Point[], label: (name: string) => string = (n) => n): HTMLElement {
  const max = Math.max(1, ...points.map((p) => p.value));
  const box = document.createElement('div');
  box.className = 'barlist';
  for (const p of points.slice(0, 10)) {
    const row = document.createElement('div');
    row.className = 'barrow';
    row.innerHTML = `<span class="name"></span><span class="track"><span class="fill" style="width:${(100 * p.value) / max}%"></span></span><span class="num">${p.value}</span>`;
    row.querySelector('.name')!.textContent = label(p.name);
    box.append(row);
  }
  if (!points.length) box.textContent = '—';
  return box;
}
