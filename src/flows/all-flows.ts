import type { AnyFlow } from './engine/flow.js';
import { annualReportFlow } from './annual-report-flow.js';
import { inviteFlow } from './invite-flow.js';
import { linkFlow } from './link-flow.js';
import { progressUpdateFlow } from './progress-update-flow.js';
import { proposalFlow } from './proposal-flow.js';
import { returnReportFlow } from './return-report-flow.js';
import { nameFlow } from './name-flow.js';
import { onboardingFlow } from './onboarding-flow.js';
import { triageFlow } from './triage-flow.js';
import { unitResultFlow } from './unit-result-flow.js';
import { wasteReportFlow } from './waste-report-flow.js';

const flows: readonly AnyFlow[] = [
  onboardingFlow,
  inviteFlow,
  wasteReportFlow,
  triageFlow,
  unitResultFlow,
  progressUpdateFlow,
  annualReportFlow,
  returnReportFlow,
  linkFlow,
  proposalFlow,
  nameFlow,
];

export function findFlow(id: string): AnyFlow | undefined {
  return flows.find((f) => f.id === id);
}
