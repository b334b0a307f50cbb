import { bilingual, concat, msg, type TMsg } from '../core/message.js';
import type { TGrantableRole } from '../domain/role.js';

/** "Vai trò: đầu mối báo cáo của Sở Tài chính", "Vai trò: cán bộ Ban Thi đua - Khen thưởng", ... */
export function describeRole(role: TGrantableRole, unit: { nameVi: string; nameEn: string } | null): TMsg {
  if (role === 'unit_contact' && unit) return concat(msg('roleDescription.unit_contact'), bilingual(unit.nameVi, unit.nameEn));
  return msg(`roleDescription.${role}`);
}
