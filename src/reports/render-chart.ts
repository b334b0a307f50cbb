import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

let ready: Promise<Uint8Array> | undefined;

// resvg compiled to WebAssembly renders SVG to PNG with no native build; DejaVu Sans covers
// Vietnamese diacritics, and is loaded from its npm package since servers may have no fonts.
async function init(): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return new Uint8Array(await readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
}

export async function svgToPng(svg: string): Promise<Buffer> {
  ready ??= init();
  const font = await ready;
  const resvg = new Resvg(svg, { font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans', loadSystemFonts: false } });
  return Buffer.from(resvg.render().asPng());
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface BarChartOptions {
  title: string;
  /** `null`: the unit (or place) has no figure; it is drawn as missing, never left out. */
  bars: { label: string; value: number | null }[];
  /** A reference line, such as the 100% target. */
  target?: { value: number; label: string };
  unit: string;
}

export const NO_DATA_VI = 'chưa có số liệu';
const LABEL_CHARS = 30;
const LINE_HEIGHT = 18;

/** Breaks a label into lines at spaces, so a long category name is shown whole, not cut. */
export function wrapLabel(label: string, max = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * A horizontal bar chart, one bar per unit, readable on a phone screen. A chart with no figure
 * at all says so in words instead of showing an empty frame.
 */
export function barChartSvg({ title, bars, target, unit }: BarChartOptions): string {
  const width = 900;
  const left = 290;
  const right = 80;
  const top = 70;
  const empty = bars.every((b) => b.value === null);
  const rows = bars.map((b) => {
    const lines = wrapLabel(b.label);
    return { ...b, lines, height: Math.max(30, lines.length * LINE_HEIGHT + 12) };
  });
  const plotHeight = empty ? 80 : rows.reduce((sum, r) => sum + r.height, 0);
  const height = top + plotHeight + 50;
  const max = Math.max(target?.value ?? 0, ...bars.map((b) => b.value ?? 0), 1) * 1.1;
  const x = (v: number) => left + (v / max) * (width - left - right);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="38" font-size="22" font-weight="bold" fill="#1b2730">${escapeXml(title)}</text>`,
  ];
  if (empty) {
    parts.push(`<text x="${width / 2}" y="${top + 45}" font-size="22" text-anchor="middle" fill="#555">${escapeXml(`Năm này ${NO_DATA_VI}`)}</text>`, '</svg>');
    return parts.join('');
  }
  let y = top;
  for (const r of rows) {
    const middle = y + r.height / 2;
    const firstLine = middle - ((r.lines.length - 1) * LINE_HEIGHT) / 2 + 5;
    parts.push(
      `<text x="${left - 10}" y="${firstLine}" font-size="15" text-anchor="end" fill="#1b2730">${r.lines
        .map((line, i) => `<tspan x="${left - 10}" dy="${i ? LINE_HEIGHT : 0}">${escapeXml(line)}</tspan>`)
        .join('')}</text>`,
    );
    if (r.value === null) {
      parts.push(`<text x="${left + 6}" y="${middle + 5}" font-size="14" font-style="italic" fill="#888">${escapeXml(NO_DATA_VI)}</text>`);
    } else {
      const met = target ? r.value >= target.value : true;
      parts.push(
        `<rect x="${left}" y="${middle - 10}" width="${Math.max(1, x(r.value) - left)}" height="20" fill="${met ? '#2e7d32' : '#c62828'}"/>`,
        `<text x="${x(r.value) + 6}" y="${middle + 5}" font-size="14" fill="#1b2730">${escapeXml(`${r.value.toLocaleString('vi-VN')}${unit}`)}</text>`,
      );
    }
    y += r.height;
  }
  if (target) {
    const tx = x(target.value);
    parts.push(
      `<line x1="${tx}" y1="${top - 5}" x2="${tx}" y2="${y + 5}" stroke="#1565c0" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${tx}" y="${y + 28}" font-size="14" text-anchor="middle" fill="#1565c0">${escapeXml(target.label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
