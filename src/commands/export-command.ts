import { MAX_YEAR, MIN_YEAR, parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { msg } from '../core/message.js';
import { exportJob } from '../jobs/export-job.js';
import { defineCommand } from './command.js';

/**
 * /xuat [year] [csv|csv-vn]: the year's Excel workbook, or its main sheets as CSV files (csv-vn:
 * semicolons and decimal commas, for Excel set to Vietnamese), built after the turn.
 */
export const exportCommand = defineCommand({
  names: ['xuat', 'export'],
  allow: ['official'],
  descriptionKey: 'commands.export',
  menuLabelKey: 'menu.export',
  run: async (args, ctx) => {
    const words = args.toLowerCase().split(/\s+/).filter(Boolean);
    const asked = parseYearArg(words);
    if (asked.kind === 'invalid') return { replies: [{ lines: [msg('errors.yearOutOfRange', { min: MIN_YEAR, max: MAX_YEAR, example: localDate(ctx.clock.now()).year })] }] };
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    const format = words.includes('csv-vn') || words.includes('csvvn') ? 'csv-vn' : words.includes('csv') ? 'csv' : 'xlsx';
    const queued = await ctx.startJob(exportJob.kind, { year, format });
    const ack = format === 'xlsx' ? 'export.queued.xlsx' : 'export.queued.csv';
    return { replies: [{ lines: [msg(queued ? ack : 'jobs.alreadyRunning', { year })] }] };
  },
});
