/**
 * The real bot against a loopback fake Bot API, with unit contacts and officials who joined
 * through the real invite flow (an invite created as an admin creates it, then /start CODE).
 */
import { createInvite } from '../src/invites/create-invite.js';
import type { Db } from '../src/store/db.js';
import { FakeTelegramApi } from '../test/helpers/fake-telegram-api.js';
import { startTestApp, telegramOf, type TestApp } from '../test/helpers/start-test-app.js';
import { createEmptyDatabase, type Provider, type TestDatabase } from '../test/helpers/test-database.js';
import { Person, ReplyWatch, kindOf, runStep, type Kind, type Target } from './journeys.js';

/** Hands out people for closed-loop journeys: a new citizen each time, or an idle contact or official. */
export class People {
  private idle: Record<Exclude<Kind, 'citizen'>, Person[]> = { contact: [], official: [] };
  private nextCitizen: number;

  constructor(
    private readonly watch: ReplyWatch,
    seeded: Person[],
    firstCitizen: number,
  ) {
    for (const p of seeded) if (p.kind !== 'citizen') this.idle[p.kind].push(p);
    this.nextCitizen = firstCitizen;
  }

  take(i: number): Person {
    const kind = kindOf(i);
    const seeded = kind === 'citizen' ? undefined : this.idle[kind].shift();
    return seeded ?? new Person(this.nextCitizen++, 'citizen');
  }

  give(p: Person): void {
    if (p.kind === 'citizen') this.watch.forget(p.id);
    else this.idle[p.kind].push(p);
  }
}

export interface BenchBot extends Target {
  app: TestApp;
  database: TestDatabase;
  /** Unit contacts and officials who joined through invites, `count` people's worth of the mix. */
  seed(count: number, firstId: number): Promise<Person[]>;
  stop(): Promise<void>;
}

export async function startBenchBot(provider: Provider): Promise<BenchBot> {
  const api = await new FakeTelegramApi().start();
  const database = await createEmptyDatabase(provider);
  // Many reports from one person in an hour are expected here: the limit is raised, not removed.
  const app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { WASTE_REPORTS_PER_HOUR: '1000', LOG_LEVEL: 'warn' } });
  const watch = new ReplyWatch(api);
  const telegram = telegramOf(app);
  const handle = (u: Parameters<typeof telegram.handleUpdate>[0]) => telegram.handleUpdate(u);
  const target: Target = { api, watch, handle };
  const { db } = app.database;
  return {
    ...target,
    app,
    database,
    seed: (count, firstId) => seedPeople(db, target, count, firstId),
    async stop() {
      await app.stop();
      await api.stop();
      await database.drop();
    },
  };
}

/**
 * `count` people's worth of the mix, first id `firstId`: the unit contacts (of the finance
 * department) and officials join through the real invite flow, an invite created as an admin
 * creates it, then /start CODE; citizens are new to the bot.
 */
export async function seedPeople(db: Db, target: Target, count: number, firstId: number): Promise<Person[]> {
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
  const people = Array.from({ length: count }, (_, i) => new Person(firstId + i, kindOf(i)));
  const join = async (p: Person) => {
    const invite = await db.$transaction((tx) =>
      createInvite(tx, { role: p.kind === 'contact' ? 'unit_contact' : 'official', unitId: p.kind === 'contact' ? unit.id : null, createdById: null, ttlDays: 14, now: new Date() }),
    );
    const r = await runStep(target, p, { text: `/start ${invite.code}` });
    if (r.ms === undefined) throw new Error(`no welcome for ${p.kind} ${p.id}`);
  };
  const invited = people.filter((p) => p.kind !== 'citizen');
  // Eight at a time: an admin's invites being redeemed, not a measurement.
  for (let i = 0; i < invited.length; i += 8) await Promise.all(invited.slice(i, i + 8).map(join));
  return people;
}
