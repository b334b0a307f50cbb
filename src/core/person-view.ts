import type { TChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import type { TRole } from '../domain/role.js';

/** Who is talking, as flows see them: plain data, never an ORM object. */
export interface TPersonView {
  id: string;
  displayName: string;
  locale: TLocale;
  roles: TRole[];
  /** Units the person is an active contact of. */
  unitIds: string[];
}

/** The chat a turn came from. */
export interface TIdentityView {
  id: string;
  channel: TChannel;
  chatId: string;
}
