// A line chart in SVG, drawn here (no chart library): points [{x, y}] with x in epoch millis.
const NS = 'http://www.w3.org/2000/svg';

function node(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An SVG of the points over [from, to] (epoch millis), y from 0 to the maximum; label: its title. */
export function lineChart(points, { from, to, label, width = 640, height = 200 }) {
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const max = Math.max(1, ...points.map((p) => p.y));
  const x = (v) => pad.l + ((v - from) / Math.max(1, to - from)) * w;
  const y = (v) => pad.t + h - (v / max) * h;
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' });
  svg.append(node('title', {}, label));
  svg.append(node('line', { x1: pad.l, y1: pad.t + h, x2: pad.l + w, y2: pad.t + h, class: 'axis' }));
  svg.append(node('line', { x1: pad.l, y1: pad.t, x2: pad.l, y2: pad.t + h, class: 'axis' }));
  for (const f of [0, 0.5, 1]) {
    const v = max * f;
    svg.append(node('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v.toFixed(v < 10 ? 1 : 0)));
  }
  for (const m of [60, 45, 30, 15, 0]) {
    const at = to - m * 60_000;
    svg.append(node('text', { x: x(at), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, m ? `-${m} min` : 'now'));
  }
  if (points.length > 0) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    svg.append(node('path', { d, class: 'series' }));
  }
  return svg;
}
