import type { TButton, TMsg } from './message.js';

/**
 * Every command by its first (Vietnamese) name. A command takes its name from this list and a
 * button names a command from it, so renaming one breaks the build instead of a button.
 */
export const COMMAND_NAMES = [
  'bangiay', 'baocao', 'bieudo', 'capnhat', 'chan', 'danhgia', 'dexuat', 'donvi', 'guiloi', 'hopthu',
  'huy', 'ketqua', 'khenthuong', 'lienket', 'menu', 'moi', 'ngonngu', 'nhacnho', 'nhacsau', 'nhatky',
  'phananh', 'phongtrao', 'quahan', 'start', 'ten', 'thuhoi', 'tiendo', 'tonghop', 'tonghoptuan', 'tracuu', 'trogiup',
  'xembaocao', 'xl', 'xuat',
] as const;
export type TCommandName = (typeof COMMAND_NAMES)[number];

/** The data of a menu button: `m:<command> <args>` (commandData). */
export const MENU_PREFIX = 'm:';

/**
 * The same data after `!:` instead: the menu command, confirmed to leave the dialog under way
 * (see leaveQuestion in routeInput). `!:` alone carries on with the dialog.
 */
export const LEAVE_PREFIX = '!:';

/** What a platform lets a button carry (Telegram's callback data is at most 64 bytes). */
const MAX_DATA_BYTES = 64;

/** The data of a button that runs `/name args…` as if it were typed. */
export function commandData(name: TCommandName, ...args: (string | number)[]): string {
  const data = [MENU_PREFIX + name, ...args.map(String)].join(' ');
  // A longer payload would be cut by the platform and run another command's arguments.
  if (Buffer.byteLength(data) > MAX_DATA_BYTES) throw new Error(`button data over ${MAX_DATA_BYTES} bytes: ${data}`);
  return data;
}

/** A button that runs `/name args…` when pressed. */
export function commandButton(label: TMsg, name: TCommandName, ...args: (string | number)[]): TButton {
  return { label, data: commandData(name, ...args) };
}
