import { hasRole } from '../../domain/role.js';
import { ZPrompt, type TAsk, type TPrompt } from '../../core/ask.js';
import type { TConversation } from './conversation.js';
import type { AnyFlow, Transition } from './flow.js';
import type { TurnContext } from '../../core/turn-context.js';
import type { TInput } from '../../core/input.js';
import { msg, type TButton, type TMsg, type TReply } from '../../core/message.js';
import { choiceData, validateAnswer, type LabelsOf } from './validate-answer.js';

export interface EngineTurn {
  conversation: TConversation | null;
  replies: TReply[];
  /** The flow ended and the person should see what they can do next. */
  showMenu: boolean;
}

/** The message that asks a prompt: its lines, and its options as buttons tied to `seq`. */
export function promptReply(prompt: TPrompt, seq: number, before: TMsg[] = []): TReply {
  const lines = before.length ? [...before, { text: '' }, ...prompt.lines] : prompt.lines;
  const ask = prompt.ask;
  const options = ask.kind === 'choice' ? ask.options : ask.shortcuts;
  if (!options.length) return { lines };
  const columns = ask.kind === 'choice' ? ask.columns : 2;
  const buttons: TButton[][] = [];
  options.forEach((option, index) => {
    const button = { label: option.label, data: choiceData(seq, index) };
    if (index % columns === 0) buttons.push([button]);
    else buttons[buttons.length - 1]!.push(button);
  });
  return { lines, buttons };
}

async function apply(
  flow: AnyFlow,
  transition: Transition<unknown>,
  base: { seq: number; startedAt: Date; version: number; current?: TConversation },
  ctx: TurnContext,
): Promise<EngineTurn> {
  if ('done' in transition) {
    return { conversation: null, replies: transition.say ?? [], showMenu: transition.showMenu ?? false };
  }
  if ('retry' in transition) {
    if (!base.current) throw new Error(`flow ${flow.id} asked to retry before its first prompt`);
    return {
      conversation: base.current,
      replies: [promptReply(base.current.prompt, base.current.seq, [transition.retry])],
      showMenu: false,
    };
  }
  const step = flow.steps[transition.next];
  if (!step) throw new Error(`flow ${flow.id} has no step ${transition.next}`);
  const prompt = ZPrompt.parse(await step.prompt(transition.data, ctx));
  // A gathering step asked again with the same choices keeps its number: the buttons of the
  // earlier message still mean what they said ("Xong" under the first photo, after the second).
  const current = base.current;
  const again = step.gathers === true && current?.flowId === flow.id && current.step === transition.next && sameChoices(current.prompt.ask, prompt.ask);
  const seq = again ? current.seq : base.seq + 1;
  const conversation: TConversation = {
    flowId: flow.id,
    step: transition.next,
    data: flow.data.parse(transition.data),
    prompt,
    seq,
    version: base.version,
    startedAt: base.startedAt,
    updatedAt: ctx.clock.now(),
  };
  return { conversation, replies: [...(transition.say ?? []), promptReply(prompt, seq)], showMenu: false };
}

/**
 * Whether the person may still take this step of `flow`: its role, and the unit it acts for,
 * checked against the roles loaded for this turn.
 */
export async function mayAct(flow: AnyFlow, data: unknown, ctx: TurnContext): Promise<boolean> {
  if (!hasRole(ctx.person.roles, flow.actsFor.role)) return false;
  if (data === undefined || !flow.actsFor.unit) return true;
  const unitId = await flow.actsFor.unit(data, ctx);
  return unitId === undefined || (unitId !== null && ctx.person.unitIds.includes(unitId));
}

/** The turn as `flow` works in it: in the flow's campaign (see FlowDefinition.campaign), with the roles that hold there. */
function flowTurn(flow: AnyFlow, data: unknown, ctx: TurnContext): TurnContext {
  const campaign = ctx.campaigns.byId(flow.campaign?.(data, ctx));
  return campaign && campaign.id !== ctx.campaignId ? ctx.inCampaign(campaign) : ctx;
}

/** The dialog ends, politely, when the role it acts for was revoked since it started. */
const roleLost = (): EngineTurn => ({ conversation: null, replies: [{ lines: [msg('flow.roleLost')] }], showMenu: true });

/** Starts `flow`; `previousSeq` keeps buttons of an abandoned flow from matching the new one. */
export async function startFlow(flow: AnyFlow, args: string, turn: TurnContext, previousSeq = 0): Promise<EngineTurn> {
  const ctx = flowTurn(flow, undefined, turn);
  if (!(await mayAct(flow, undefined, ctx))) return roleLost();
  const transition = await flow.start(args, ctx);
  if ('retry' in transition) throw new Error(`flow ${flow.id} cannot retry from start`);
  return apply(flow, transition, { seq: previousSeq, startedAt: ctx.clock.now(), version: 0 }, ctx);
}

/** Feeds an input to the current step: re-prompts on bad input, otherwise moves on. */
export async function answerFlow(
  flow: AnyFlow,
  conversation: TConversation,
  input: TInput,
  turn: TurnContext,
  labelsOf: LabelsOf,
): Promise<EngineTurn> {
  const data = flow.data.safeParse(conversation.data);
  const step = flow.steps[conversation.step];
  if (!data.success || !step) {
    return { conversation: null, replies: [{ lines: [msg('flow.broken')] }], showMenu: true };
  }
  const ctx = flowTurn(flow, data.data, turn);
  // Before the answer is even read: a stale button of a revoked contact must not act.
  if (!(await mayAct(flow, data.data, ctx))) return roleLost();
  const validated = validateAnswer(conversation.prompt.ask, input, conversation.seq, labelsOf);
  if (!validated.ok) {
    return {
      conversation,
      replies: [promptReply(conversation.prompt, conversation.seq, [validated.error])],
      showMenu: false,
    };
  }
  const transition = await step.answer(validated.answer, data.data, ctx);
  return apply(
    flow,
    transition,
    { seq: conversation.seq, startedAt: conversation.startedAt, version: conversation.version, current: conversation },
    ctx,
  );
}

function sameChoices(a: TAsk, b: TAsk): boolean {
  const values = (ask: TAsk) => (ask.kind === 'choice' ? ask.options : ask.shortcuts).map((o) => o.value);
  return a.kind === b.kind && JSON.stringify(values(a)) === JSON.stringify(values(b));
}
