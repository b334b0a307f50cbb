import { localDate } from '../domain/period.js';
import { msg } from '../flows/engine/message.js';
import { chartJob } from '../jobs/chart-job.js';
import { defineCommand } from './command.js';

/** /bieudo [year]: charts of the year, drawn after the turn and sent as images. */
export const chartCommand = defineCommand({
  names: ['bieudo', 'chart'],
  allow: ['official'],
  descriptionKey: 'commands.chart',
  menuLabelKey: 'menu.chart',
  run: async (args, ctx) => {
    const year = Number(/\d{4}/.exec(args)?.[0] ?? localDate(ctx.clock.now()).year);
    const queued = await ctx.startJob(chartJob.kind, { year });
    return { replies: [{ lines: [msg(queued ? 'chart.queued' : 'jobs.alreadyRunning', { year })] }] };
  },
});
