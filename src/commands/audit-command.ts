import { parseCountArg } from '../domain/parse-year-arg.js';
import { formatDateTime } from '../domain/format-date.js';
import { msg, verbatim, type TMsg } from '../core/message.js';
import { listAuditEntries } from '../audit/list-audit-entries.js';
import { defineCommand } from './command.js';

/** /nhatky [n]: the latest entries of the audit log: who did what, when. */
export const auditCommand = defineCommand({
  names: ['nhatky', 'audit'],
  allow: ['admin'],
  descriptionKey: 'commands.audit',
  run: async (args, ctx) => {
    const asked = parseCountArg(args.trim().split(/\s+/)[0], 1, 100);
    if (asked === null) return { replies: [{ lines: [msg('errors.countOutOfRange', { min: 1, max: 100, example: 30 })] }] };
    const take = asked ?? 30;
    const entries = await ctx.run(listAuditEntries, { take });
    const lines: TMsg[] = [msg('audit.title', { count: entries.length })];
    for (const e of entries) {
      lines.push(verbatim(`• ${formatDateTime(e.createdAt)} — ${e.actor?.displayName ?? 'bot'} — ${e.action}${e.subjectType ? ` (${e.subjectType})` : ''}`));
    }
    return { replies: [{ lines }] };
  },
});
