import { parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { msg } from '../core/message.js';
import { exportJob } from '../jobs/export-job.js';
import { defineCommand } from './command.js';
import { yearJobReply, yearOutOfRangeReply } from './year-replies.js';

/**
 * /xuat [year] [csv|csv-vn]: the year's Excel workbook, or its main sheets as CSV files (csv-vn:
 * semicolons and decimal commas, for Excel set to Vietnamese), built after the turn.
 */
export const exportCommand = defineCommand({
  names: ['xuat', 'export'],
  allow: ['official'],
  namesCampaign: 'reads',
  descriptionKey: 'commands.export',
  menuLabelKey: 'menu.export',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const words = args.toLowerCase().split(/\s+/).filter(Boolean);
    const asked = parseYearArg(words);
    if (asked.kind === 'invalid') return { replies: [yearOutOfRangeReply(now)] };
    const year = asked.kind === 'year' ? asked.year : localDate(now).year;
    const format = words.includes('csv-vn') || words.includes('csvvn') ? 'csv-vn' : words.includes('csv') ? 'csv' : 'xlsx';
    const result = await ctx.queueJob(exportJob, { year, format });
    return { replies: [yearJobReply(result, msg(format === 'xlsx' ? 'export.queued.xlsx' : 'export.queued.csv', { year }), year, now)] };
  },
});
