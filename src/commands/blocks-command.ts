import { formatDay } from '../domain/format-date.js';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { concat, msg, reply, verbatim, type TButton, type TMsg } from '../core/message.js';
import { liftBlock } from '../waste/lift-block.js';
import { commandButton } from '../core/command-button.js';
import { defineCommand } from './command.js';

const LIST_SIZE = 20;

/**
 * /chan lists the senders officials blocked, each by the report the block was made from, and
 * `/chan bo CODE` lifts one. A block never names the person nor groups blocks by person: that
 * would tie an anonymous report to its author's other reports.
 */
export const blocksCommand = defineCommand({
  names: ['chan', 'blocks'],
  allow: ['official'],
  descriptionKey: 'commands.blocks',
  run: async (args, ctx) => {
    const [sub = '', rawCode = ''] = args.split(/\s+/);
    if (sub === 'bo' || sub === 'lift') {
      const code = normalizeTrackingCode(rawCode);
      const report = code ? await ctx.tx.wasteReport.findUnique({ where: { code }, select: { id: true, code: true } }) : null;
      if (!report) return { replies: [reply(msg('track.notFound'))] };
      const lifted = await liftBlock(ctx.tx, { reportId: report.id, actorId: ctx.person.id, now: ctx.clock.now() });
      return { replies: [reply(msg(lifted ? 'blocks.lifted' : 'blocks.notBlocked', { code: report.code }))] };
    }
    const where = { liftedAt: null };
    const total = await ctx.tx.reportingBlock.count({ where });
    if (!total) return { replies: [reply(msg('blocks.none'))] };
    const blocks = await ctx.tx.reportingBlock.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      take: LIST_SIZE,
      select: { createdAt: true, report: { select: { code: true } } },
    });
    const lines: TMsg[] = [msg('blocks.title', { count: total })];
    const buttons: TButton[][] = [];
    for (const b of blocks) {
      lines.push(concat(verbatim(`• ${b.report.code} — `), msg('blocks.since', { date: formatDay(b.createdAt) })));
      buttons.push([commandButton(msg('blocks.lift', { code: b.report.code }), 'chan', 'bo', b.report.code)]);
    }
    if (total > blocks.length) lines.push(msg('blocks.more', { count: total - blocks.length }));
    return { replies: [{ lines, buttons }] };
  },
});
