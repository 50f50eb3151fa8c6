import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { formatNumber } from '../report-table.js';

/**
 * One bar of a chart: a label and the values of its repetitions (one value for a single run).
 * The bar is drawn at the median and every repetition as a dot, so the spread is visible; no
 * values draws the `note` instead (a client that failed or did not finish).
 */
export interface ChartBar {
  readonly label: string;
  readonly values: readonly number[];
  readonly note?: string;
}

/**
 * A horizontal bar chart: generic on purpose (named bars, each with its repetitions), so any
 * scenario's figures can be plotted without a chart per data shape. `logScale` for figures
 * that span orders of magnitude (rows/s across stores).
 */
export interface BarChart {
  readonly title: string;
  /** What the axis measures, with its unit ("wall s", "rows/s"). */
  readonly axisLabel: string;
  readonly bars: readonly ChartBar[];
  readonly logScale?: boolean;
  /** Image width in pixels; the height follows from the number of bars. */
  readonly width?: number;
}

const barHeight = 22;
const barGap = 8;
const top = 48;
const bottom = 44;
const labelWidth = 330;
const rightMargin = 110;
const fontFamily = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Axis ticks: powers of ten on a log scale, a 1/2/5 step on a linear one. */
function ticks(minimum: number, maximum: number, logScale: boolean): number[] {
  if (logScale) {
    const result: number[] = [];
    for (let power = Math.floor(Math.log10(minimum)); 10 ** power <= maximum * 1.0001; power++) {
      result.push(10 ** power);
    }
    return result;
  }
  const rough = maximum / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((value) => value >= rough)!;
  return Array.from({ length: Math.floor(maximum / step) + 1 }, (_, index) => index * step);
}

/** The chart as an SVG document, and its size. */
export function barChartSvg(chart: BarChart): { svg: string; width: number; height: number } {
  const width = chart.width ?? 900;
  const height = top + chart.bars.length * (barHeight + barGap) + bottom;
  const plotWidth = width - labelWidth - rightMargin;
  const values = chart.bars.flatMap((bar) => bar.values).filter((value) => value > 0);
  const logScale = chart.logScale === true && values.length > 0;
  const maximum = values.length > 0 ? Math.max(...values) : 1;
  const minimum = logScale ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 0;
  const axisMaximum = logScale ? 10 ** Math.ceil(Math.log10(maximum)) : maximum * 1.05;
  const x = (value: number) =>
    labelWidth +
    (logScale
      ? (Math.log10(Math.max(value, minimum)) - Math.log10(minimum)) /
        (Math.log10(axisMaximum) - Math.log10(minimum) || 1)
      : value / axisMaximum) *
      plotWidth;
  const plotBottom = height - bottom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" font-size="16" font-weight="bold" text-anchor="middle" fill="#111">${escapeXml(chart.title)}</text>`,
  ];
  for (const tick of ticks(logScale ? minimum : 0, axisMaximum, logScale)) {
    const position = x(tick);
    parts.push(
      `<line x1="${position}" y1="${top - 6}" x2="${position}" y2="${plotBottom}" stroke="#dddddd"/>`,
      `<text x="${position}" y="${plotBottom + 16}" font-size="11" text-anchor="middle" fill="#444">${formatNumber(tick, 2)}</text>`,
    );
  }
  parts.push(
    `<text x="${labelWidth + plotWidth / 2}" y="${plotBottom + 34}" font-size="12" text-anchor="middle" fill="#222">${escapeXml(chart.axisLabel)}${logScale ? ' (log scale)' : ''}</text>`,
  );
  chart.bars.forEach((bar, index) => {
    const y = top + index * (barHeight + barGap);
    const middle = y + barHeight / 2;
    parts.push(
      `<text x="${labelWidth - 8}" y="${middle + 4}" font-size="12" text-anchor="end" fill="#111">${escapeXml(bar.label)}</text>`,
    );
    if (bar.values.length === 0) {
      parts.push(
        `<text x="${labelWidth + 6}" y="${middle + 4}" font-size="12" font-style="italic" fill="#a33">${escapeXml(bar.note ?? 'no figure')}</text>`,
      );
      return;
    }
    const center = median(bar.values);
    const end = x(center);
    parts.push(
      `<rect x="${labelWidth}" y="${y}" width="${Math.max(1, end - labelWidth)}" height="${barHeight}" fill="#4c78a8"/>`,
    );
    if (bar.values.length > 1) {
      const low = x(Math.min(...bar.values));
      const high = x(Math.max(...bar.values));
      parts.push(
        `<line x1="${low}" y1="${middle}" x2="${high}" y2="${middle}" stroke="#111" stroke-width="1.5"/>`,
      );
      for (const value of bar.values) {
        parts.push(
          `<circle cx="${x(value)}" cy="${middle}" r="3.5" fill="#f58518" stroke="#111" stroke-width="0.8"/>`,
        );
      }
    }
    const label = `${formatNumber(center, center >= 100 ? 0 : 2)}${bar.note ? ` (${bar.note})` : ''}`;
    const labelX = Math.max(end, x(Math.max(...bar.values))) + 6;
    parts.push(
      `<text x="${labelX}" y="${middle + 4}" font-size="11" fill="#222">${escapeXml(label)}</text>`,
    );
  });
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}

/**
 * Renders the chart to a PNG file with resvg (a prebuilt native renderer, no browser), using the
 * machine's own fonts (DejaVu Sans where installed). Returns the image's size.
 */
export function writeBarChartPng(chart: BarChart, file: string): { width: number; height: number } {
  const { svg } = barChartSvg(chart);
  const rendered = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  }).render();
  writeFileSync(file, rendered.asPng());
  return { width: rendered.width, height: rendered.height };
}
