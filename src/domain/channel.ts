import { z } from 'zod';

export const ZChannel = z.enum(['telegram', 'zalo', 'web', 'zalo_oa'], { message: 'expected telegram, zalo, web or zalo_oa' });
export type TChannel = z.infer<typeof ZChannel>;
