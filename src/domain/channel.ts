import { z } from 'zod';

export const ZChannel = z.enum(['telegram', 'zalo', 'web'], { message: 'expected telegram, zalo or web' });
export type TChannel = z.infer<typeof ZChannel>;
