import type { AnyFlow } from './engine/flow.js';
import { inviteFlow } from './invite-flow.js';
import { onboardingFlow } from './onboarding-flow.js';

const flows: readonly AnyFlow[] = [onboardingFlow, inviteFlow];

export function findFlow(id: string): AnyFlow | undefined {
  return flows.find((f) => f.id === id);
}
