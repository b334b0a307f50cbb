import { chartJob } from './chart-job.js';
import { exportJob } from './export-job.js';
import type { AnyJob } from './job.js';

export const ALL_JOBS: readonly AnyJob[] = [exportJob, chartJob];
