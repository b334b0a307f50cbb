import { MAX_YEAR, MIN_YEAR, parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { msg } from '../core/message.js';
import { chartJob } from '../jobs/chart-job.js';
import { defineCommand } from './command.js';

/** /bieudo [year]: charts of the year, drawn after the turn and sent as images. */
export const chartCommand = defineCommand({
  names: ['bieudo', 'chart'],
  allow: ['official'],
  descriptionKey: 'commands.chart',
  menuLabelKey: 'menu.chart',
  run: async (args, ctx) => {
    const asked = parseYearArg(args.split(/\s+/));
    if (asked.kind === 'invalid') return { replies: [{ lines: [msg('errors.yearOutOfRange', { min: MIN_YEAR, max: MAX_YEAR, example: localDate(ctx.clock.now()).year })] }] };
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    const queued = await ctx.startJob(chartJob.kind, { year });
    return { replies: [{ lines: [msg(queued ? 'chart.queued' : 'jobs.alreadyRunning', { year })] }] };
  },
});
