import { parseCountArg } from '../domain/parse-year-arg.js';
import { bilingual, concat, msg, verbatim, type TButton, type TReply } from '../core/message.js';
import { ageMsg, placeLine, statusLabel } from '../waste/waste-report-view.js';
import { commandButton } from '../core/command-button.js';
import { listTriageInbox } from '../waste/list-triage-inbox.js';
import { defineCommand } from './command.js';

const PAGE_SIZE = 5;

/** The board's triage inbox: reports waiting for action, newest first, with action buttons. */
export const inboxCommand = defineCommand({
  names: ['hopthu', 'inbox'],
  allow: ['official'],
  inMainCampaign: true,
  descriptionKey: 'commands.inbox',
  menuLabelKey: 'menu.inbox',
  run: async (args, ctx) => {
    const asked = parseCountArg(args.trim().split(/\s+/)[0], 1, 10_000);
    if (asked === null) return { replies: [{ lines: [msg('errors.countOutOfRange', { min: 1, max: 10_000, example: 2 })] }] };
    const { total, page: current, pages, reports } = await ctx.run(listTriageInbox, { page: (asked ?? 1) - 1, pageSize: PAGE_SIZE });
    if (!total) return { replies: [{ lines: [msg('inbox.empty')] }], showMenu: true };
    const now = ctx.clock.now();
    const replies: TReply[] = [{ lines: [msg('inbox.title', { total, page: current + 1, pages })] }];
    for (const r of reports) {
      const snippet = [...r.description].slice(0, 200).join('') + ([...r.description].length > 200 ? '…' : '');
      const action = (label: string, name: string): TButton => commandButton(msg(label), 'xl', r.code, name);
      const stranded = r.assignedUnit !== null && !r.assignedUnit.active && !r.proposedResult;
      replies.push({
        lines: [
          concat(verbatim(`${r.code} · `), statusLabel(r.status), verbatim(' · '), ageMsg(r.createdAt, now)),
          concat(msg('waste.view.category'), bilingual(r.category.nameVi, r.category.nameEn)),
          placeLine(r),
          msg('waste.view.photos', { count: r._count.attachments }),
          verbatim(`“${snippet}”`),
          ...(r.proposedResult ? [concat(msg('unitReview.waiting'), verbatim(r.proposedResult))] : []),
          ...(stranded ? [concat(msg('inbox.unitEnded'), bilingual(r.assignedUnit!.nameVi, r.assignedUnit!.nameEn))] : []),
        ],
        buttons: stranded
          ? [[action('triage.forward', 'forward'), action('triage.view', 'view')]]
          : r.proposedResult
          ? [[action('unitReview.confirm', 'confirm'), action('unitReview.sendBack', 'sendback')], [action('triage.view', 'view')]]
          : [
              [action('triage.verify', 'verify'), action('triage.forward', 'forward')],
              [action('triage.reject', 'reject'), action('triage.duplicate', 'duplicate'), action('triage.resolve', 'resolve')],
              [action('triage.view', 'view')],
            ],
      });
    }
    const pager: TButton[] = [];
    if (current > 0) pager.push(commandButton(msg('common.previousPage'), 'hopthu', current));
    if (current + 1 < pages) pager.push(commandButton(msg('common.nextPage'), 'hopthu', current + 2));
    if (pager.length) replies.push({ lines: [msg('inbox.more')], buttons: [pager] });
    return { replies };
  },
});
