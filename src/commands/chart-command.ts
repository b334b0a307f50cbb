import { parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { msg } from '../core/message.js';
import { chartJob } from '../jobs/chart-job.js';
import { defineCommand } from './command.js';
import { yearJobReply, yearOutOfRangeReply } from './year-replies.js';

/** /bieudo [year]: charts of the year, drawn after the turn and sent as images. */
export const chartCommand = defineCommand({
  names: ['bieudo', 'chart'],
  allow: ['official'],
  namesCampaign: 'reads',
  descriptionKey: 'commands.chart',
  menuLabelKey: 'menu.chart',
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const asked = parseYearArg(args.split(/\s+/));
    if (asked.kind === 'invalid') return { replies: [yearOutOfRangeReply(now)] };
    const year = asked.kind === 'year' ? asked.year : localDate(now).year;
    const result = await ctx.queueJob(chartJob, { year });
    return { replies: [yearJobReply(result, msg('chart.queued', { year }), year, now)] };
  },
});
