import { ZLocale } from '../domain/locale.js';
import { bilingual, msg, reply } from '../core/message.js';
import { commandButton } from '../core/command-button.js';
import { defineCommand } from './command.js';

/** /lang en switches at once; /lang alone offers both languages as buttons. */
export const langCommand = defineCommand({
  names: ['ngonngu', 'lang'],
  allow: 'everyone',
  descriptionKey: 'commands.lang',
  menuLabelKey: 'menu.lang',
  keepsFlow: true,
  run: async (args, ctx) => {
    const wanted = ZLocale.safeParse(args.trim().toLowerCase().slice(0, 2));
    if (args && wanted.success) {
      await ctx.setLocale(wanted.data);
      // Outside a dialog the menu follows, in the new language (in one, its question is asked again).
      return { replies: [reply(msg('lang.switched'))], showMenu: true };
    }
    return {
      replies: [
        {
          lines: [msg('lang.choose')],
          buttons: [
            [
              commandButton(bilingual('Tiếng Việt', 'Tiếng Việt'), 'ngonngu', 'vi'),
              commandButton(bilingual('English', 'English'), 'ngonngu', 'en'),
            ],
          ],
        },
      ],
    };
  },
});
