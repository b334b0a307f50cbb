import { z } from 'zod';
import { ZMsg } from './message.js';

/** What a step asks for. Each channel renders it with what it has (buttons, numbered lists). */
export const ZChoiceOption = z.object({ value: z.string().min(1), label: ZMsg });
export type TChoiceOption = z.infer<typeof ZChoiceOption>;

export const ZAsk = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    min: z.number().int().min(0).default(1),
    max: z.number().int().positive().default(4000),
    /** Options shown as buttons next to free text, such as "skip". */
    shortcuts: z.array(ZChoiceOption).default([]),
    /**
     * A photo sent here, ahead of the question that asks for photos, is taken (the step keeps
     * it for later) rather than refused: a person's photo is never thrown away.
     */
    takesPhotos: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    shortcuts: z.array(ZChoiceOption).default([]),
  }),
  z.object({
    kind: z.literal('choice'),
    options: z.array(ZChoiceOption).min(1),
    columns: z.number().int().min(1).max(4).default(1),
  }),
  z.object({
    kind: z.literal('photo'),
    shortcuts: z.array(ZChoiceOption).default([]),
  }),
  z.object({
    kind: z.literal('file'),
    /** MIME types accepted; a trailing `/*` accepts a whole family (image/*). */
    accept: z.array(z.string()).min(1),
    shortcuts: z.array(ZChoiceOption).default([]),
  }),
  z.object({
    kind: z.literal('place'),
    shortcuts: z.array(ZChoiceOption).default([]),
  }),
]);
export type TAsk = z.infer<typeof ZAsk>;
export type TAskInput = z.input<typeof ZAsk>;

export const ZPrompt = z.object({ lines: z.array(ZMsg).min(1), ask: ZAsk });
export type TPrompt = z.infer<typeof ZPrompt>;
export type TPromptInput = z.input<typeof ZPrompt>;
