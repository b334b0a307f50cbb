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
  bars: { label: string; value: number }[];
  /** A reference line, such as the 100% target. */
  target?: { value: number; label: string };
  unit: string;
}

/** A horizontal bar chart, one bar per unit, readable on a phone screen. */
export function barChartSvg({ title, bars, target, unit }: BarChartOptions): string {
  const width = 900;
  const rowHeight = 30;
  const left = 260;
  const right = 80;
  const top = 70;
  const height = top + Math.max(1, bars.length) * rowHeight + 50;
  const max = Math.max(target?.value ?? 0, ...bars.map((b) => b.value), 1) * 1.1;
  const x = (v: number) => left + (v / max) * (width - left - right);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="20" y="38" font-size="22" font-weight="bold" fill="#1b2730">${escapeXml(title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    const met = target ? b.value >= target.value : true;
    parts.push(
      `<text x="${left - 10}" y="${y + 20}" font-size="15" text-anchor="end" fill="#1b2730">${escapeXml(b.label)}</text>`,
      `<rect x="${left}" y="${y + 5}" width="${Math.max(1, x(b.value) - left)}" height="${rowHeight - 10}" fill="${met ? '#2e7d32' : '#c62828'}"/>`,
      `<text x="${x(b.value) + 6}" y="${y + 20}" font-size="14" fill="#1b2730">${escapeXml(`${b.value.toLocaleString('vi-VN')}${unit}`)}</text>`,
    );
  });
  if (target) {
    const tx = x(target.value);
    parts.push(
      `<line x1="${tx}" y1="${top - 5}" x2="${tx}" y2="${top + bars.length * rowHeight + 5}" stroke="#1565c0" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${tx}" y="${top + bars.length * rowHeight + 28}" font-size="14" text-anchor="middle" fill="#1565c0">${escapeXml(target.label)}</text>`,
    );
  }
  if (!bars.length) parts.push(`<text x="${left}" y="${top + 20}" font-size="16" fill="#555">—</text>`);
  parts.push('</svg>');
  return parts.join('');
}
