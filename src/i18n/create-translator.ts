import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { PROJECT_ROOT } from '../config.js';
import { LOCALES, type TLocale } from '../domain/locale.js';
import type { TMsg } from '../core/message.js';

export interface Translator {
  /** Renders a message in one language. */
  render(locale: TLocale, message: TMsg): string;
  /** Every way a message can read, one per language: used to match typed answers. */
  variants(message: TMsg): string[];
  hasKey(locale: TLocale, key: string): boolean;
}

export function readLocaleResources(dir = path.join(PROJECT_ROOT, 'locales')): Record<TLocale, Record<string, unknown>> {
  const out = {} as Record<TLocale, Record<string, unknown>>;
  for (const locale of LOCALES) {
    out[locale] = JSON.parse(readFileSync(path.join(dir, locale, 'translation.json'), 'utf8')) as Record<string, unknown>;
  }
  return out;
}

export function createTranslator(): Translator {
  const resources = readLocaleResources();
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([lng, translation]) => [lng, { translation }])),
    lng: 'vi',
    fallbackLng: 'vi',
    // Chat messages are plain text, never HTML: nothing to escape.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });

  const render = (locale: TLocale, message: TMsg): string => {
    if ('text' in message) return message.text;
    if ('concat' in message) return message.concat.map((part) => render(locale, part)).join('');
    if ('vi' in message) return locale === 'en' ? message.en : message.vi;
    return instance.t(message.key, { lng: locale, ...(message.params ?? {}) });
  };

  return {
    render,
    variants: (message) => [...new Set(LOCALES.map((locale) => render(locale, message)))],
    hasKey: (locale, key) => instance.exists(key, { lng: locale, fallbackLng: false }),
  };
}
