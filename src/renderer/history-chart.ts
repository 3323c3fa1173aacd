// A usage window's history as a small SVG chart under its card: the line (and a soft fill)
// of what is left or used, reset marks, the current point, the dashed projection when pace
// says the window runs out, and a read-out that follows the pointer or the arrow keys.
// The numbers come from chart-geometry.ts and the words from chart-text.ts.
import type { MeterLevel } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import type { HistoryPoint } from '../shared/ipc.js';
import type { UsageWindow } from '../shared/usage.js';
import type { ChartBox, ChartGeometry } from './chart-geometry.js';
import { chartDays, chartGeometry, nearestSample } from './chart-geometry.js';
import { chartSummary, rangeText, readout } from './chart-text.js';
import { h } from './dom.js';

const BOX: ChartBox = { width: 320, height: 46, inset: 3.5 };
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface HistoryChartOptions {
  readonly locale: Locale;
  readonly title: string;
  readonly window: UsageWindow;
  readonly points: readonly HistoryPoint[];
  readonly updatedAt: number;
  readonly nowMs: number;
  readonly showUsed: boolean;
  readonly level: MeterLevel;
}

function svg(tag: string, attrs: Readonly<Record<string, string | number>>): SVGElement {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** The box a chart will be drawn into, the same size as the chart, while its history loads:
 *  the card does not grow (and push the menu down) when the line arrives. */
export function chartPlaceholder(locale: Locale, window: UsageWindow): HTMLElement {
  const plot = svg('svg', { class: 'chart-plot', viewBox: `0 0 ${BOX.width} ${BOX.height}`, 'aria-hidden': 'true' });
  return h(
    'div',
    { class: 'chart-slot', 'data-chart-slot': window.id, 'aria-hidden': 'true' },
    plot,
    h('div', { class: 'chart-caption' }, h('span', { class: 'chart-range' }, rangeText(locale, chartDays(window.id)))),
  );
}

export function historyChart(options: HistoryChartOptions): HTMLElement {
  const { locale, window, showUsed } = options;
  const days = chartDays(window.id);
  const geometry = chartGeometry({ points: options.points, window, updatedAt: options.updatedAt, nowMs: options.nowMs, days, showUsed, box: BOX });

  const cursor = svg('line', { class: 'chart-cursor', y1: 0, y2: BOX.height, visibility: 'hidden' });
  const hoverDot = svg('circle', { class: 'chart-hover-dot', r: 3, visibility: 'hidden' });
  const plot = svg('svg', { class: 'chart-plot', viewBox: `0 0 ${BOX.width} ${BOX.height}`, 'aria-hidden': 'true' });
  plot.append(...plotLayers(geometry, window.id), cursor, hoverDot);

  const range = rangeText(locale, days);
  const caption = h('span', { class: 'chart-range' }, range);
  const readoutLine = h('span', { class: 'chart-readout' });
  const figure = h(
    'figure',
    { class: `chart ${options.level}`, tabindex: 0, 'data-chart': window.id, 'aria-label': chartSummary(locale, options.title, geometry, days, showUsed) },
    plot,
    h('figcaption', { class: 'chart-caption', 'aria-live': 'polite', 'aria-atomic': 'true' }, caption, readoutLine),
  );

  let selected = -1;
  const select = (index: number): void => {
    selected = index;
    const sample = geometry.samples[index];
    const visible = sample === undefined ? 'hidden' : 'visible';
    for (const element of [cursor, hoverDot]) element.setAttribute('visibility', visible);
    figure.classList.toggle('reading', sample !== undefined);
    if (sample === undefined) {
      caption.textContent = range;
      readoutLine.textContent = '';
      return;
    }
    cursor.setAttribute('x1', String(sample.x));
    cursor.setAttribute('x2', String(sample.x));
    hoverDot.setAttribute('cx', String(sample.x));
    hoverDot.setAttribute('cy', String(sample.y));
    const text = readout(locale, sample, days, showUsed);
    caption.textContent = text.time;
    readoutLine.textContent = text.detail;
  };

  plot.addEventListener('pointermove', (event) => {
    const bounds = plot.getBoundingClientRect();
    if (bounds.width === 0) return;
    select(nearestSample(geometry.samples, ((event.clientX - bounds.left) / bounds.width) * BOX.width));
  });
  plot.addEventListener('pointerleave', () => {
    if (document.activeElement !== figure) select(-1);
  });
  figure.addEventListener('blur', () => select(-1));
  figure.addEventListener('keydown', (event) => {
    const last = geometry.samples.length - 1;
    const moves: Readonly<Record<string, () => number>> = {
      ArrowLeft: () => (selected === -1 ? last : Math.max(0, selected - 1)),
      ArrowRight: () => (selected === -1 ? last : Math.min(last, selected + 1)),
      Home: () => 0,
      End: () => last,
      Escape: () => -1,
    };
    const move = moves[event.key];
    if (move === undefined || event.metaKey || event.ctrlKey || event.altKey) return;
    // Escape clears a reading; with none shown it is the popover's (it closes, like a menu).
    if (event.key === 'Escape' && selected === -1) return;
    event.preventDefault();
    select(move());
  });
  return figure;
}

/** Back to front: the future's tint, the grid, the fill, the reset marks, the line, the projection, the current point. */
function plotLayers(geometry: ChartGeometry, id: string): SVGElement[] {
  const fillId = `chart-fill-${id}`;
  const gradient = svg('linearGradient', { id: fillId, x1: 0, y1: 0, x2: 0, y2: 1 });
  gradient.append(svg('stop', { offset: 0, class: 'chart-stop-top' }), svg('stop', { offset: 1, class: 'chart-stop-bottom' }));
  const defs = svg('defs', {});
  defs.append(gradient);
  const layers: SVGElement[] = [defs];
  if (geometry.nowX < BOX.width - BOX.inset) {
    layers.push(svg('rect', { class: 'chart-future', x: geometry.nowX, y: 0, width: BOX.width - geometry.nowX, height: BOX.height }));
  }
  const [bottom, middle, top] = geometry.gridY;
  for (const [y, kind] of [[top, 'chart-grid'], [middle, 'chart-grid'], [bottom, 'chart-baseline']] as const) {
    if (y !== undefined) layers.push(svg('line', { class: kind, x1: 0, x2: BOX.width, y1: y, y2: y }));
  }
  for (const d of geometry.areas) layers.push(svg('path', { class: 'chart-area', d, fill: `url(#${fillId})` }));
  for (const mark of geometry.resets) {
    layers.push(svg('line', { class: mark.upcoming ? 'chart-reset upcoming' : 'chart-reset', x1: mark.x, x2: mark.x, y1: 0, y2: BOX.height, 'data-at': new Date(mark.at).toISOString() }));
  }
  for (const d of geometry.lines) layers.push(svg('path', { class: 'chart-line', d }));
  if (geometry.projection !== null) layers.push(svg('path', { class: 'chart-projection', d: geometry.projection }));
  const { x, y } = geometry.current;
  layers.push(svg('circle', { class: 'chart-current-halo', cx: x, cy: y, r: 5 }), svg('circle', { class: 'chart-current', cx: x, cy: y, r: 2.5 }));
  return layers;
}
