import { commandButton } from '../core/command-button.js';
import { formatDay } from '../domain/format-date.js';
import { bilingual, concat, msg, verbatim, type TReply } from '../core/message.js';
import { periodMsg } from '../unit-reporting/criterion-view.js';
import { dueStart, type DueDay, type TCycle } from './cycle-periods.js';

/** "Còn 7 ngày" / "Hôm nay là hạn cuối" / "Đã quá hạn 3 ngày", with the three buttons. */
export function reminderMessage(options: {
  reminderId: string;
  cycle: TCycle;
  period: string;
  due: DueDay;
  daysLeft: number;
  unit: { nameVi: string; nameEn: string };
  manual?: boolean;
}): TReply {
  const { cycle, period, due, daysLeft } = options;
  const when =
    daysLeft > 0 ? msg('reminder.daysLeft', { days: daysLeft }) : daysLeft === 0 ? msg('reminder.dueToday') : msg('reminder.overdue', { days: -daysLeft });
  return {
    lines: [
      options.manual ? msg('reminder.manualTitle') : msg('reminder.title'),
      concat(bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(period)),
      concat(msg('reminder.unit'), bilingual(options.unit.nameVi, options.unit.nameEn)),
      concat(msg('reminder.due', { date: formatDay(dueStart(due)) }), verbatim(' · '), when),
    ],
    buttons: [
      [cycle.kind === 'annual_report' ? commandButton(msg('reminder.openNow'), 'baocao', period) : commandButton(msg('reminder.openNow'), 'capnhat')],
      [commandButton(msg('reminder.snooze'), 'nhacsau', options.reminderId), commandButton(msg('reminder.paper'), 'bangiay', options.reminderId)],
    ],
  };
}
