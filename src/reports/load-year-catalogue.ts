import { loadTargetsForYear, withTargetOf } from '../campaign/criterion-targets.js';
import { ZSuggestionRule, type TSuggestionRule } from '../campaign/campaign-file.js';
import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import type { TCampaignSchedule } from '../campaign/campaign-file.js';
import type { Tx } from '../store/db.js';
import { findUnitsOfYear, type TUnitsOfYear } from '../units/find-units-of-year.js';

export interface LoadYearCatalogueOptions {
  /** The campaign running now; the year is judged by the campaign running then (findUnitsOfYear). */
  campaignId: string;
  year: number;
}

/**
 * What a year's summary reads from the campaign files alone: which campaigns and units the
 * year is read in, the judging campaign's schedule, its criteria with the year's targets,
 * audiences and owners, the criteria of other campaigns of the year judged as one of them,
 * waste categories, the suggestion rule and award forms. Nothing here changes between two
 * loads of a campaign file, so a turn may take it from the catalogue cache
 * (src/bot/catalogue-cache.ts); the year's figures, reports and submissions are read apart.
 */
export interface TYearCatalogue {
  ofYear: TUnitsOfYear;
  schedule: TCampaignSchedule;
  /** The judging campaign's active criteria, in the file's order, each with the year's target. */
  criteria: Awaited<ReturnType<typeof criteriaOfCampaign>>;
  /** Every criterion of the judging campaign by code, active or not (a weight may be either). */
  criterionIdByCode: Record<string, string>;
  /**
   * Criteria of other campaigns running in the year that are judged as one of `criteria`: the
   * same code measured the same way. Another measure under the same code is another criterion.
   */
  judgedAs: Record<string, string>;
  /** Other movements have waste categories of their own: reports are counted by category then. */
  otherMovements: boolean;
  categoryNames: Record<string, string>;
  suggestionRule: TSuggestionRule;
  awards: { code: string; nameVi: string }[];
}

async function criteriaOfCampaign(tx: Tx, campaignId: string, year: number) {
  const targets = await loadTargetsForYear(tx, campaignId, year);
  const criteria = await tx.criterion.findMany({
    where: { campaignId, active: true },
    include: { audience: { include: { unitKind: true } }, ownerUnit: true },
    orderBy: { sortOrder: 'asc' },
  });
  return criteria.map((c) => withTargetOf(c, targets));
}

export async function loadYearCatalogue(tx: Tx, options: LoadYearCatalogueOptions): Promise<TYearCatalogue> {
  const ofYear = await findUnitsOfYear(tx, options);
  const { campaignId } = ofYear;
  const schedule = await getCampaignSchedule(tx, campaignId);
  const criteria = await criteriaOfCampaign(tx, campaignId, options.year);
  const all = await tx.criterion.findMany({ where: { campaignId }, select: { id: true, code: true } });
  const judgedAs: Record<string, string> = {};
  const others = ofYear.campaignIds.filter((id) => id !== campaignId);
  if (others.length) {
    const byCode = new Map(criteria.map((c) => [c.code, c]));
    const otherCriteria = await tx.criterion.findMany({ where: { campaignId: { in: others }, code: { in: [...byCode.keys()] } }, select: { id: true, code: true, measure: true, rollup: true, unitLabelVi: true } });
    for (const o of otherCriteria) {
      const judged = byCode.get(o.code)!;
      if (o.measure === judged.measure && o.rollup === judged.rollup && o.unitLabelVi === judged.unitLabelVi) judgedAs[o.id] = judged.id;
    }
  }
  const otherMovements = (await tx.wasteCategory.count({ where: { campaignId: { notIn: ofYear.campaignIds } } })) > 0;
  const categories = await tx.wasteCategory.findMany({ where: { campaignId }, select: { id: true, nameVi: true } });
  const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { suggestionRuleJson: true } });
  const awards = await tx.awardForm.findMany({ where: { campaignId }, orderBy: { sortOrder: 'asc' }, select: { code: true, nameVi: true } });
  return {
    ofYear,
    schedule,
    criteria,
    criterionIdByCode: Object.fromEntries(all.map((c) => [c.code, c.id])),
    judgedAs,
    otherMovements,
    categoryNames: Object.fromEntries(categories.map((c) => [c.id, c.nameVi])),
    suggestionRule: ZSuggestionRule.parse(JSON.parse(campaign.suggestionRuleJson)),
    awards,
  };
}
