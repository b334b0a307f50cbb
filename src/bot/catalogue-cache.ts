import type { Operation } from '../core/turn-context.js';
import type { Tx } from '../store/db.js';
import { findPhaseByCode } from '../campaign/find-phase-by-code.js';
import { criteriaForUnit } from '../unit-reporting/criteria-for-unit.js';
import { firstSelectableYear } from '../unit-reporting/first-selectable-year.js';
import { loadCriterion } from '../unit-reporting/load-criterion.js';
import { findAwardForm } from '../units/find-award-form.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { findUnit } from '../units/find-unit.js';
import { findUnits } from '../units/find-units.js';
import { listAwardForms } from '../units/list-award-forms.js';
import { listUnitChoices } from '../units/list-unit-choices.js';
import { listUnitKinds } from '../units/list-unit-kinds.js';
import { findWasteCategory } from '../waste/find-waste-category.js';
import { listWasteCategories } from '../waste/list-waste-categories.js';
import { loadYearCatalogue } from '../reports/load-year-catalogue.js';

/**
 * Operations that read only the campaign's catalogue: units, unit kinds, phases, criteria and
 * their targets and audiences, waste categories, award forms, a year's catalogue for its
 * summary. Those rows are written by
 * src/campaign/load-campaign.ts alone, when a campaign file is loaded.
 */
const CATALOGUE_READS: ReadonlySet<unknown> = new Set([
  findUnit,
  findUnits,
  findUnitOfCampaign,
  listUnitChoices,
  listUnitKinds,
  listAwardForms,
  findAwardForm,
  findPhaseByCode,
  listWasteCategories,
  findWasteCategory,
  criteriaForUnit,
  loadCriterion,
  firstSelectableYear,
  loadYearCatalogue,
]);

/**
 * Reads whose answers are large and only read by their callers: kept deeply frozen and handed
 * out as they are, not copied at every turn (a copy of a year's catalogue cost a summary more
 * than a statement). A caller that tried to change one would fail at once, in every test.
 */
const SHARED_READS: ReadonlySet<unknown> = new Set([loadYearCatalogue]);

/** Enough for every unit and criterion of a province many times over; past it, start again. */
const MOST_ENTRIES = 20_000;

/**
 * Keeps the answers of catalogue reads in this process, so a dialog step does not read the
 * same units and criteria again on every turn. Each turn tells it the catalogue's stamp (when
 * and from which file the campaign was last loaded, read with the turn's state at no extra
 * statement); a new stamp, from this process or another, drops everything. Every caller gets
 * its own copy of an answer, or for SHARED_READS one nobody can change, so nobody can change
 * what the next turn reads.
 */
export class CatalogueCache {
  private stamp: string | null | undefined;
  private readonly answers = new Map<unknown, Map<string, unknown>>();
  private size = 0;

  /** Called at the start of each turn with the stamp read in its transaction. */
  seen(stamp: string | null): void {
    if (stamp === this.stamp) return;
    this.clear();
    this.stamp = stamp;
  }

  async run<O, R>(tx: Tx, operation: Operation<O, R>, options: O): Promise<R> {
    if (!CATALOGUE_READS.has(operation) || this.stamp == null) return operation(tx, options);
    const key = JSON.stringify(options);
    const shared = SHARED_READS.has(operation);
    const kept = this.answers.get(operation);
    if (kept?.has(key)) return (shared ? kept.get(key) : structuredClone(kept.get(key))) as R;
    const stamp = this.stamp;
    const answer = shared ? deepFreeze(await operation(tx, options)) : await operation(tx, options);
    if (stamp === this.stamp) {
      if (this.size >= MOST_ENTRIES) this.clear();
      let answers = this.answers.get(operation);
      if (!answers) this.answers.set(operation, (answers = new Map()));
      answers.set(key, shared ? answer : structuredClone(answer));
      this.size++;
    }
    return answer;
  }

  private clear(): void {
    this.answers.clear();
    this.size = 0;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
