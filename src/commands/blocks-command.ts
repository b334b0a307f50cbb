import { formatDay } from '../domain/format-date.js';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { concat, msg, reply, verbatim, type TButton, type TMsg } from '../core/message.js';
import { liftBlock } from '../waste/lift-block.js';
import { commandButton } from '../core/command-button.js';
import { findWasteReport } from '../waste/find-waste-report.js';
import { listActiveBlocks } from '../waste/list-active-blocks.js';
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
  inMainCampaign: true,
  descriptionKey: 'commands.blocks',
  run: async (args, ctx) => {
    const [sub = '', rawCode = ''] = args.split(/\s+/);
    if (sub === 'bo' || sub === 'lift') {
      const code = normalizeTrackingCode(rawCode);
      const report = code ? await ctx.run(findWasteReport, { code }) : null;
      if (!report) return { replies: [reply(msg('track.notFound'))] };
      const lifted = await ctx.run(liftBlock, { reportId: report.id, actorId: ctx.person.id, now: ctx.clock.now() });
      return { replies: [reply(msg(lifted ? 'blocks.lifted' : 'blocks.notBlocked', { code: report.code }))] };
    }
    const { total, blocks } = await ctx.run(listActiveBlocks, { take: LIST_SIZE });
    if (!total) return { replies: [reply(msg('blocks.none'))] };
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
