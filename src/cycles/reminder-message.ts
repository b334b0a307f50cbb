import { formatDay } from '../domain/format-date.js';
import { vietnamDayStart } from '../domain/period.js';
import { bilingual, concat, msg, verbatim, type TReply } from '../core/message.js';
import { periodMsg } from '../unit-reporting/criterion-view.js';
import type { TCycle } from './cycle-periods.js';

/** "Còn 7 ngày" / "Hôm nay là hạn cuối" / "Đã quá hạn 3 ngày", with the three buttons. */
export function reminderMessage(options: {
  reminderId: string;
  cycle: TCycle;
  period: string;
  due: { year: number; month: number; day: number };
  daysLeft: number;
  unit: { nameVi: string; nameEn: string };
  manual?: boolean;
}): TReply {
  const { cycle, period, due, daysLeft } = options;
  const when =
    daysLeft > 0 ? msg('reminder.daysLeft', { days: daysLeft }) : daysLeft === 0 ? msg('reminder.dueToday') : msg('reminder.overdue', { days: -daysLeft });
  const open = cycle.kind === 'annual_report' ? `m:baocao ${period}` : 'm:capnhat';
  return {
    lines: [
      options.manual ? msg('reminder.manualTitle') : msg('reminder.title'),
      concat(bilingual(cycle.nameVi, cycle.nameEn), verbatim(' — '), periodMsg(period)),
      concat(msg('reminder.unit'), bilingual(options.unit.nameVi, options.unit.nameEn)),
      concat(msg('reminder.due', { date: formatDay(vietnamDayStart(due.year, due.month, due.day)) }), verbatim(' · '), when),
    ],
    buttons: [
      [{ label: msg('reminder.openNow'), data: open }],
      [
        { label: msg('reminder.snooze'), data: `m:nhacsau ${options.reminderId}` },
        { label: msg('reminder.paper'), data: `m:bangiay ${options.reminderId}` },
      ],
    ],
  };
}
