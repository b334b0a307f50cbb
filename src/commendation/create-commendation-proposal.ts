import type { Tx } from '../store/db.js';
import type { TNomineeKind } from './phase-review.js';

export interface CreateCommendationProposalOptions {
  reviewId: string;
  unitId: string;
  nomineeKind: TNomineeKind;
  nomineeName: string;
  awardCode: string;
  achievements: string;
  initiative?: string;
  personId: string;
  now: Date;
}

/** A unit proposes someone for an award in the open review; officials accept or return it. */
export async function createCommendationProposal(tx: Tx, options: CreateCommendationProposalOptions): Promise<void> {
  await tx.commendationProposal.create({
    data: {
      reviewId: options.reviewId,
      unitId: options.unitId,
      nomineeKind: options.nomineeKind,
      nomineeName: options.nomineeName,
      awardCode: options.awardCode,
      achievements: options.achievements,
      initiative: options.initiative ?? null,
      submittedById: options.personId,
      submittedAt: options.now,
    },
  });
}
