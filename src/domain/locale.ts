import { z } from 'zod';

export const ZLocale = z.enum(['vi', 'en']);
export type TLocale = z.infer<typeof ZLocale>;
export const LOCALES = ZLocale.options;
