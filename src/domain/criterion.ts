import { z } from 'zod';

/** How a criterion's figure is expressed; decides how input is parsed and shown. */
export const ZMeasure = z.enum(['percent', 'number', 'money', 'boolean', 'date', 'text']);
export type TMeasure = z.infer<typeof ZMeasure>;

/** Whether a higher or a lower figure is better; `none` for qualitative criteria. */
export const ZDirection = z.enum(['higher', 'lower', 'none']);
export type TDirection = z.infer<typeof ZDirection>;
