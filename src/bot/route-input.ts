import type { CommandDefinition } from '../commands/command.js';
import { allCommands, findCommand } from '../commands/all-commands.js';
import { personIn, type TCampaignView } from '../core/campaigns.js';
import { mayUse, menuReply } from '../commands/menu-reply.js';
import { findFlow } from '../flows/all-flows.js';
import { answerFlow, promptReply, startFlow } from '../flows/engine/advance.js';
import type { TConversation } from '../flows/engine/conversation.js';
import type { TurnContext } from '../core/turn-context.js';
import type { TInput } from '../core/input.js';
import { bilingual, concat, msg, reply, verbatim, type TMsg, type TReply } from '../core/message.js';
import { photoProblem, type LabelsOf } from '../flows/engine/validate-answer.js';
import type { TWasteStartArgs } from '../flows/waste-report-flow.js';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { LEAVE_PREFIX, MENU_PREFIX } from '../core/command-button.js';

export interface RouteOptions {
  conversationTtlMs: number;
  labelsOf: LabelsOf;
}

export interface RouteResult {
  conversation: TConversation | null;
  replies: TReply[];
}

/** As long as the shortest description a report takes. */
const MIN_OFFERED_WORDS = 20;

/** "PA-7K3Q-F9ZB", "pa 7k3q f9zb": the prefix keeps ordinary words from being read as a code. */
function looksLikeTrackingCode(text: string): boolean {
  return /^\s*pa[\s-]?/i.test(text) && normalizeTrackingCode(text) !== null;
}

/** Words people type to stop, without the slash: they leave the dialog as /huy does. */
const CANCEL_WORDS = new Set(['huy', 'hủy', 'huỷ', 'thoat', 'thoát', 'cancel', 'stop']);

/**
 * Menu and language buttons carry `m:<command> <args>` and act like the typed command; a
 * cancel word typed alone acts as /huy. `!:<command> <args>` is the same command, confirmed
 * to leave the dialog under way (see leaveQuestion).
 */
function asCommand(input: TInput): { name: string; args: string; pressed?: 'menu' | 'confirmed' } | null {
  if (input.kind === 'command') return { name: input.name, args: input.args };
  if (input.kind === 'text' && CANCEL_WORDS.has(input.text.trim().toLowerCase().normalize('NFC'))) return { name: 'huy', args: '' };
  if (input.kind === 'button' && (input.data.startsWith(MENU_PREFIX) || input.data.startsWith(LEAVE_PREFIX))) {
    const [name = '', ...rest] = input.data.slice(2).split(' ');
    return { name, args: rest.join(' '), pressed: input.data.startsWith(MENU_PREFIX) ? 'menu' : 'confirmed' };
  }
  return null;
}

/**
 * A menu button pressed in the middle of a dialog is most often one of an earlier message,
 * tapped by mistake while scrolling: the dialog (a report half written) is not dropped for it
 * without asking. A command typed out is meant, and acts at once.
 */
function leaveQuestion(conversation: TConversation, data: string): TReply {
  return {
    lines: [msg('flow.leaveAsk.question'), leftMessage(conversation)],
    buttons: [[{ label: msg('flow.leaveAsk.stay'), data: LEAVE_PREFIX }, { label: msg('flow.leaveAsk.leave'), data: LEAVE_PREFIX + data.slice(2) }]],
  };
}

/** What leaving a dialog half-way kept or dropped, as the dialog itself declares it. */
function leftMessage(conversation: TConversation) {
  return msg(findFlow(conversation.flowId)?.leftKey ?? 'flow.left');
}

/** The campaign a command's arguments name (see CommandDefinition.namesCampaign), and the arguments without it. */
function namedCampaign(definition: CommandDefinition, args: string, ctx: TurnContext): { campaign: TCampaignView; args: string } | null {
  if (!definition.namesCampaign) return null;
  const words = args.split(/\s+/).filter(Boolean);
  const at = words.findIndex((word) => ctx.campaigns.byCode(word));
  if (at < 0) return null;
  const campaign = ctx.campaigns.byCode(words[at]!)!;
  return { campaign, args: words.filter((_, i) => i !== at).join(' ') };
}

/**
 * Where figures of several movements can be read, an answer says whose they are: a summary of
 * one movement must not pass for another's.
 */
function movementLine(ctx: TurnContext): TMsg | null {
  const campaign = ctx.campaigns.byId(ctx.campaignId);
  if (!campaign || (ctx.campaigns.active.length < 2 && !campaign.archived)) return null;
  return concat(msg('campaigns.movement'), bilingual(campaign.nameVi, campaign.nameEn), verbatim(` (${campaign.code})`));
}

/** Why a command may not work in the campaign it named, or null. */
function campaignRefusal(definition: CommandDefinition, campaign: TCampaignView, ctx: TurnContext): TMsg | null {
  if (!mayUse(definition, personIn(ctx.person, campaign, ctx.campaigns))) return msg('campaigns.noRole');
  if (campaign.archived && definition.namesCampaign === 'writes') return msg('campaigns.archivedReadOnly', { code: campaign.code });
  return null;
}

/**
 * Decides what one input means: a command, an answer to the current step, or neither. All
 * state it reads and returns is plain data; the caller stores it in the turn's transaction.
 */
export async function routeInput(
  input: TInput,
  loaded: TConversation | null,
  ctx: TurnContext,
  options: RouteOptions,
): Promise<RouteResult> {
  const replies: TReply[] = [];
  let conversation = loaded;
  let showMenu = false;
  let expired = false;

  if (conversation && ctx.clock.now().getTime() - conversation.updatedAt.getTime() > options.conversationTtlMs) {
    replies.push(reply(msg('flow.expired')));
    conversation = null;
    expired = true;
  }
  const seq = loaded?.seq ?? 0;
  const reprompt = () => {
    if (conversation) replies.push(promptReply(conversation.prompt, conversation.seq));
  };

  const command = asCommand(input);
  const leaving = command?.pressed && conversation ? findCommand(command.name) : undefined;
  if (command?.pressed === 'confirmed' && !command.name) {
    // "Carry on": the dialog stays where it was.
    if (conversation) reprompt();
    else showMenu = true;
  } else if (command?.pressed === 'menu' && conversation && leaving && !leaving.keepsFlow && leaving.names[0] !== 'huy' && input.kind === 'button') {
    replies.push(leaveQuestion(conversation, input.data));
  } else if (command) {
    const definition: CommandDefinition | undefined = findCommand(command.name);
    const named = definition ? namedCampaign(definition, command.args, ctx) : null;
    const refusal = definition && named ? campaignRefusal(definition, named.campaign, ctx) : null;
    // Named once, or the main one for citizens' reports: the command (and a dialog it starts
    // in this turn) works in that campaign; the person's own stays as it was.
    const working = named ? ctx.inCampaign(named.campaign) : definition?.inMainCampaign && ctx.campaignId !== ctx.campaigns.main.id ? ctx.inCampaign(ctx.campaigns.main) : ctx;
    if (!definition) {
      replies.push(reply(msg('commands.unknown', { command: `/${command.name}` })));
      reprompt();
    } else if (refusal) {
      replies.push(reply(refusal));
      reprompt();
    } else if (!mayUse(definition, working.person)) {
      replies.push(reply(msg('access.denied')));
      reprompt();
    } else if (definition.names[0] === 'huy' && conversation) {
      replies.push(reply(leftMessage(conversation)));
      conversation = null;
      showMenu = true;
    } else {
      const leave = () => {
        if (conversation) replies.push(reply(leftMessage(conversation)));
        conversation = null;
      };
      if (!definition.keepsFlow) leave();
      const result = await definition.run(named ? named.args : command.args, working);
      const movement = definition.namesCampaign ? movementLine(working) : null;
      if (movement && result.replies[0]) result.replies[0] = { ...result.replies[0], lines: [movement, ...result.replies[0].lines] };
      // A command that keeps the flow still leaves it when it starts a dialog of its own.
      const keeps = definition.keepsFlow && !result.startFlow;
      if (!keeps) leave();
      replies.push(...result.replies);
      if (result.startFlow) {
        const flow = findFlow(result.startFlow.flowId);
        if (!flow) throw new Error(`command /${definition.names[0]} starts unknown flow ${result.startFlow.flowId}`);
        const turn = await startFlow(flow, result.startFlow.args, working, seq);
        conversation = turn.conversation;
        replies.push(...turn.replies);
        if (turn.showMenu) showMenu = true;
      }
      if (result.showMenu) showMenu = true;
      if (keeps) reprompt();
    }
  } else if (conversation) {
    const flow = findFlow(conversation.flowId);
    if (!flow) {
      replies.push(reply(msg('flow.broken')));
      conversation = null;
      showMenu = true;
    } else {
      const turn = await answerFlow(flow, conversation, input, ctx, options.labelsOf);
      conversation = turn.conversation;
      replies.push(...turn.replies);
      if (turn.showMenu) showMenu = true;
    }
  } else if (!expired && input.kind === 'photo' && photoProblem(input)) {
    replies.push(reply(photoProblem(input)!));
    showMenu = true;
  } else if (!expired && (input.kind === 'photo' || input.kind === 'location')) {
    // A photo or a place sent out of the blue is most likely the start of a waste report.
    const args: TWasteStartArgs =
      input.kind === 'photo'
        ? { photo: { channel: ctx.identity.channel, fileRef: input.fileRef, mimeType: input.mimeType!, ...(input.sizeBytes !== undefined ? { sizeBytes: input.sizeBytes } : {}) } }
        : { place: { latitude: input.latitude, longitude: input.longitude } };
    const turn = await startFlow(findFlow('waste')!, JSON.stringify(args), ctx, seq);
    conversation = turn.conversation;
    replies.push(...turn.replies);
  } else if (input.kind === 'text' && looksLikeTrackingCode(input.text)) {
    // A tracking code typed alone is a question about that report.
    replies.push(...(await findCommand('tracuu')!.run(input.text.trim(), ctx)).replies);
  } else if (input.kind === 'text' && [...input.text.trim()].length >= MIN_OFFERED_WORDS) {
    // Words typed out of the blue, or into a dialog that expired meanwhile, are most likely a
    // report in the person's own words: they are offered as one, kept as its description,
    // rather than lost.
    const args: TWasteStartArgs = { description: input.text.trim().slice(0, 4000) };
    const turn = await startFlow(findFlow('waste')!, JSON.stringify(args), ctx, seq);
    conversation = turn.conversation;
    replies.push(...turn.replies);
    if (turn.showMenu) showMenu = true;
  } else if (!expired) {
    if (input.kind === 'button') replies.push(reply(msg('errors.staleButtonNoFlow')));
    else if (input.kind === 'text') replies.push(reply(msg('fallback.text')));
    else replies.push(reply(msg('fallback.other')));
    showMenu = true;
  } else {
    showMenu = true;
  }

  if (showMenu && !conversation) replies.push(menuReply(allCommands(), ctx.person));
  return { conversation, replies };
}
