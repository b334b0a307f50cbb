import { z } from 'zod';
import { formatDateTime } from '../domain/format-date.js';
import { normalizeVietnamesePhone } from '../domain/phone.js';
import { MAX_PHOTO_BYTES, isImageType } from '../domain/file-types.js';
import { parsePersonName, PERSON_NAME_MAX } from '../domain/person-name.js';
import { getChosenName, setChosenName } from '../people/set-chosen-name.js';
import { findWasteCategory } from '../waste/find-waste-category.js';
import { followWasteReport } from '../waste/follow-waste-report.js';
import { listReportSummaries } from '../waste/list-report-summaries.js';
import { listWasteCategories } from '../waste/list-waste-categories.js';
import { recentReportTimes } from '../waste/recent-report-times.js';
import { createWasteReport } from '../waste/create-waste-report.js';
import { findSimilarReports } from '../waste/find-similar-reports.js';
import { isReportingBlocked } from '../waste/is-reporting-blocked.js';
import { ageMsg, publicSummaryLines, statusLabel } from '../waste/waste-report-view.js';
import { citizensCampaign, defineFlow, type Transition } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { takeTypedName } from './name-flow.js';
import { countUnitMatches, readUnitPick, UNIT_PAGE_SIZE, unitPickerPrompt, ZUnitPick, type UnitScope } from './pick-unit.js';
import { bilingual, concat, msg, reply, verbatim, type TMsg } from '../core/message.js';

export const MAX_WASTE_PHOTOS = 5;

/** A report's locality is a unit of a kind its campaign file marks as a place. */
const PLACES: UnitScope = { placesOnly: true };
const localityExtra = () => [{ value: 'skip', label: msg('common.skip') }];

// Only a type recognised from the file's bytes: start data and stored state are checked again.
const ZPhoto = z.object({
  channel: z.string(),
  fileRef: z.string(),
  mimeType: z.string().refine((type): boolean => isImageType(type), 'not an allowed image type'),
  sizeBytes: z.number().max(MAX_PHOTO_BYTES).optional(),
});
const ZPlace = z.object({
  text: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  localityUnitId: z.string().optional(),
  localityName: z.object({ vi: z.string(), en: z.string() }).optional(),
});

const ZData = z.object({
  /** Set when the report began with a photo or a location sent outside any dialog. */
  offered: z.boolean().default(false),
  categoryId: z.string().optional(),
  categoryName: z.object({ vi: z.string(), en: z.string() }).optional(),
  description: z.string().optional(),
  place: ZPlace.optional(),
  /** The locality picker's search and page. */
  localityPick: ZUnitPick.default({ page: 0 }),
  photos: z.array(ZPhoto).default([]),
  anonymous: z.boolean().default(true),
  /** The name officials will read, when the person chose to be named. */
  reporterName: z.string().optional(),
  phone: z.string().optional(),
  similarChecked: z.boolean().default(false),
  /** Changing one part from the summary: the answer goes back to the summary. */
  editing: z.boolean().default(false),
  /** Other people's reports offered to follow: kept here by id, shown by their number only. */
  similar: z.array(z.object({ id: z.string() })).default([]),
});
type TData = z.infer<typeof ZData>;

/** What a photo or location sent outside a dialog carries into a new report. */
/** A description comes from words typed outside any dialog, offered as the start of a report. */
export const ZWasteStartArgs = z.object({ photo: ZPhoto.optional(), place: ZPlace.optional(), description: z.string().min(20).max(4000).optional() });
export type TWasteStartArgs = z.infer<typeof ZWasteStartArgs>;

/** The step after `next`'s question: the summary again while one part is being changed. */
const onward = <S extends string>(data: TData, next: S): S | 'confirm' => (data.editing ? 'confirm' : next);

/** The parts of a report its summary can send the person back to, each to its own question. */
const EDITABLE = ['category', 'description', 'place', 'photos', 'anonymity'] as const;

function startData(args: string): TData {
  const base = ZData.parse({});
  if (!args.startsWith('{')) return base;
  const parsed = ZWasteStartArgs.safeParse(JSON.parse(args));
  if (!parsed.success) return base;
  return {
    ...base,
    offered: true,
    photos: parsed.data.photo ? [parsed.data.photo] : [],
    ...(parsed.data.place ? { place: parsed.data.place } : {}),
    ...(parsed.data.description ? { description: parsed.data.description } : {}),
  };
}

function summaryLines(data: TData): TMsg[] {
  const place = data.place;
  const placeParts: TMsg[] = [];
  if (place?.localityName) placeParts.push(bilingual(place.localityName.vi, place.localityName.en));
  if (place?.text) placeParts.push(verbatim(place.text));
  if (place?.latitude !== undefined && place.longitude !== undefined) {
    placeParts.push(verbatim(`${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`));
  }
  return [
    msg('waste.summary.title'),
    concat(msg('waste.view.category'), data.categoryName ? bilingual(data.categoryName.vi, data.categoryName.en) : verbatim('—')),
    concat(msg('waste.view.place'), ...(placeParts.length ? placeParts.flatMap((p, i) => (i ? [verbatim(' — '), p] : [p])) : [msg('waste.view.noPlace')])),
    msg('waste.view.photos', { count: data.photos.length }),
    data.anonymous ? msg('waste.summary.anonymous') : concat(msg('waste.summary.named'), ...(data.reporterName ? [verbatim(`: ${data.reporterName}`)] : [])),
    ...(data.phone ? [concat(msg('waste.view.phone'), verbatim(data.phone))] : []),
    verbatim(''),
    msg('waste.view.description'),
    verbatim(data.description ?? ''),
  ];
}

async function file(data: TData, ctx: TurnContext): Promise<Transition<TData, never>> {
  // Checked again here: a block may come while the person is still writing.
  if (await ctx.run(isReportingBlocked, { personId: ctx.person.id })) return { done: true, say: [reply(msg('waste.blocked'))], showMenu: true };
  const now = ctx.clock.now();
  const recent = await ctx.run(recentReportTimes, {
    personId: ctx.person.id,
    ...(ctx.sourceKey ? { sourceKey: ctx.sourceKey } : {}),
    since: new Date(now.getTime() - 3_600_000),
  });
  const limit = ctx.settings.wasteReportsPerHour;
  if (recent.length >= limit) {
    // The draft stays where it is: the person can send it once the hour has passed.
    const nextAt = new Date(recent[recent.length - limit]!.at.getTime() + 3_600_000);
    const own = recent.filter((r) => r.mine).length >= limit;
    return { retry: msg(own ? 'waste.rateLimited' : 'waste.rateLimitedShared', { limit, time: formatDateTime(nextAt) }) };
  }
  const created = await ctx.run(createWasteReport, {
    categoryId: data.categoryId!,
    description: data.description!,
    placeText: data.place?.text,
    latitude: data.place?.latitude,
    longitude: data.place?.longitude,
    localityUnitId: data.place?.localityUnitId,
    photos: data.photos,
    anonymous: data.anonymous,
    contactPhone: data.phone,
    reporterId: ctx.person.id,
    sourceKey: ctx.sourceKey,
    now,
  });
  return {
    done: true,
    say: [reply(msg('waste.filed.title'), msg('waste.filed.code', { code: created.code }), verbatim(''), msg('waste.filed.next'), msg('waste.filed.track', { code: created.code }))],
    showMenu: true,
  };
}

/**
 * A citizen's waste report: category, description, place, photos, anonymity, optional phone,
 * then a summary to confirm. Anonymous unless the person chooses otherwise.
 */
export const wasteReportFlow = defineFlow({
  id: 'waste',
  leftKey: 'flow.leftKeeps.waste',
  data: ZData,
  actsFor: { role: 'citizen' },
  campaign: citizensCampaign,
  start: async (args, ctx) => {
    if (await ctx.run(isReportingBlocked, { personId: ctx.person.id })) return { done: true, say: [reply(msg('waste.blocked'))], showMenu: true };
    const data = startData(args);
    return { next: data.offered ? 'offer' : 'category', data };
  },
  steps: {
    offer: {
      prompt: (data) => ({
        lines: data.description
          ? [msg('waste.offer.text'), verbatim(''), verbatim(`“${data.description}”`)]
          : [data.photos.length ? msg('waste.offer.photo') : msg('waste.offer.place')],
        ask: {
          kind: 'choice',
          columns: 2,
          options: [
            { value: 'yes', label: msg('waste.offer.yes') },
            { value: 'no', label: msg('waste.offer.no') },
          ],
        },
      }),
      answer: (answer, data) =>
        answer.kind === 'choice' && answer.value === 'yes'
          ? { next: 'category', data }
          : { done: true, say: [reply(msg('common.cancelled'))], showMenu: true },
    },
    category: {
      prompt: async (_data, ctx) => {
        const categories = await ctx.run(listWasteCategories, { campaignId: ctx.campaignId });
        // A citizen unsure of the right area is pointed at the file's catch-all, when it has one.
        const other = categories.find((c) => c.code === 'other');
        return {
          lines: [msg('waste.intro'), verbatim(''), msg('waste.askCategory'), ...(other ? [concat(msg('waste.unsureCategory'), bilingual(`«${other.nameVi}».`, `“${other.nameEn}”.`))] : [])],
          ask: { kind: 'choice', options: categories.map((c) => ({ value: c.id, label: bilingual(c.nameVi, c.nameEn) })) },
        };
      },
      answer: async (answer, data, ctx) => {
        const chooseAgain = async () => ({ retry: msg('errors.chooseOption', { count: (await ctx.run(listWasteCategories, { campaignId: ctx.campaignId })).length }) });
        if (answer.kind !== 'choice') return chooseAgain();
        const category = await ctx.run(findWasteCategory, { categoryId: answer.value });
        if (!category) return chooseAgain();
        const chosen = { ...data, categoryId: category.id, categoryName: { vi: category.nameVi, en: category.nameEn } };
        // Words the report began with are its description already.
        if (data.description) return { next: onward(data, data.place ? 'photos' : 'place'), data: chosen };
        return { next: 'description', data: chosen };
      },
    },
    description: {
      prompt: (data) => ({
        lines: [
          // Changing the words from the summary: they are shown, to copy and change.
          ...(data.editing && data.description ? [msg('waste.edit.currentDescription'), verbatim(data.description), verbatim('')] : []),
          ...(data.photos.length && !data.editing ? [msg('waste.photoKeptForLater', { count: data.photos.length })] : []),
          msg('waste.askDescription'),
        ],
        ask: { kind: 'text', min: 20, max: 4000, takesPhotos: true },
      }),
      answer: (answer, data, ctx) => {
        // A photo sent before its question is kept for the report, and the words asked again.
        if (answer.kind === 'photo') {
          if (data.photos.length >= MAX_WASTE_PHOTOS) return { retry: msg('waste.photosFull', { max: MAX_WASTE_PHOTOS }) };
          const photos = [...data.photos, { channel: ctx.identity.channel, fileRef: answer.fileRef, mimeType: answer.mimeType, ...(answer.sizeBytes !== undefined ? { sizeBytes: answer.sizeBytes } : {}) }];
          return { next: 'description', data: { ...data, photos } };
        }
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        return { next: onward(data, data.place ? 'photos' : 'place'), data: { ...data, description: answer.text } };
      },
    },
    place: {
      prompt: (_data, ctx) => ({
        lines: [ctx.traits.receivesLocations ? msg('waste.askPlaceWithLocation') : msg('waste.askPlace')],
        ask: {
          kind: 'place',
          shortcuts: [
            { value: 'list', label: msg('waste.placeFromList') },
            { value: 'skip', label: msg('common.skip') },
          ],
        },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'choice') {
          return answer.value === 'list' ? { next: 'locality', data: { ...data, localityPick: { page: 0 } } } : { next: onward(data, 'photos'), data };
        }
        if (answer.kind !== 'place') return { retry: msg('errors.expectedPlace') };
        // A place is one line: a line break typed into it would print as a field of its own on
        // the report's card (a "Người phản ánh:" of the writer's choosing).
        const text = answer.text?.replace(/\s+/g, ' ').trim().slice(0, 500);
        const place = {
          ...(text ? { text } : {}),
          ...(answer.latitude !== undefined ? { latitude: answer.latitude, longitude: answer.longitude } : {}),
        };
        // Typed words that name a commune or ward ("quang tan") are offered as the locality too;
        // an address names none ("thôn 3, gần chợ") and goes on as before.
        const matches = answer.text ? await countUnitMatches(ctx, PLACES, answer.text) : 0;
        if (matches > 0 && matches <= UNIT_PAGE_SIZE) {
          return { next: 'locality', data: { ...data, place, localityPick: { query: answer.text!.slice(0, 100), page: 0 } } };
        }
        return { next: onward(data, 'photos'), data: { ...data, place } };
      },
    },
    locality: {
      prompt: (data, ctx) => unitPickerPrompt(ctx, PLACES, data.localityPick, [msg('waste.askLocality')], localityExtra()),
      answer: async (answer, data, ctx) => {
        const picked = await readUnitPick(answer, ctx, PLACES, data.localityPick, localityExtra());
        if ('retry' in picked) return picked;
        if ('pick' in picked) return { next: 'locality', data: { ...data, localityPick: picked.pick } };
        if ('other' in picked) return { next: onward(data, 'photos'), data };
        const unit = picked.unit;
        return {
          next: onward(data, 'photos'),
          data: { ...data, place: { ...data.place, localityUnitId: unit.id, localityName: { vi: unit.shortName ?? unit.nameVi, en: unit.nameEn } } },
        };
      },
    },
    photos: {
      gathers: true,
      prompt: (data) => ({
        lines: data.photos.length
          ? [msg('waste.photoReceived', { count: data.photos.length, max: MAX_WASTE_PHOTOS })]
          : [msg('waste.askPhotos', { max: MAX_WASTE_PHOTOS })],
        ask: {
          kind: 'photo',
          shortcuts: [{ value: 'done', label: data.photos.length ? msg('waste.photosDone') : msg('common.skip') }],
        },
      }),
      answer: (answer, data, ctx) => {
        if (answer.kind === 'choice') return { next: onward(data, 'anonymity'), data };
        if (answer.kind !== 'photo') return { retry: msg('errors.expectedPhoto') };
        if (answer.sizeBytes !== undefined && answer.sizeBytes > MAX_PHOTO_BYTES) {
          return { retry: msg('waste.photoTooLarge', { max: MAX_PHOTO_BYTES / 1024 / 1024 }) };
        }
        const photos = [...data.photos, { channel: ctx.identity.channel, fileRef: answer.fileRef, mimeType: answer.mimeType, ...(answer.sizeBytes !== undefined ? { sizeBytes: answer.sizeBytes } : {}) }];
        return { next: photos.length >= MAX_WASTE_PHOTOS ? onward(data, 'anonymity') : 'photos', data: { ...data, photos } };
      },
    },
    anonymity: {
      prompt: () => ({
        lines: [msg('waste.askAnonymity')],
        ask: {
          kind: 'choice',
          options: [
            { value: 'anonymous', label: msg('waste.anonymousChoice') },
            { value: 'named', label: msg('waste.namedChoice') },
          ],
        },
      }),
      answer: async (answer, data, ctx) => {
        const anonymous = !(answer.kind === 'choice' && answer.value === 'named');
        if (anonymous) return { next: 'confirm', data: { ...data, anonymous, phone: undefined, reporterName: undefined } };
        // The platform's name is a guess ("Web" on the web chat): ask until the person gives one.
        const chosen = await ctx.run(getChosenName, { personId: ctx.person.id });
        return chosen ? { next: 'phoneConsent', data: { ...data, anonymous, reporterName: chosen } } : { next: 'name', data: { ...data, anonymous } };
      },
    },
    name: {
      prompt: (_data, ctx) => ({
        lines: [msg('waste.askName'), msg('name.ask', { max: PERSON_NAME_MAX })],
        ask: {
          kind: 'text',
          min: 1,
          max: 500,
          shortcuts: !ctx.traits.knowsName ? [] : [{ value: 'platform', label: msg('waste.usePlatformName', { name: ctx.person.displayName }) }],
        },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'choice' && answer.value === 'platform' && ctx.traits.knowsName) {
          const parsed = parsePersonName(ctx.person.displayName);
          if (parsed.ok) {
            await ctx.run(setChosenName, { personId: ctx.person.id, name: parsed.name });
            return { next: 'phoneConsent', data: { ...data, reporterName: parsed.name } };
          }
        }
        const taken = await takeTypedName(answer, ctx);
        if (!taken.ok) return { retry: taken.retry };
        return { next: 'phoneConsent', data: { ...data, reporterName: taken.name } };
      },
    },
    phoneConsent: {
      prompt: () => ({
        lines: [msg('waste.askPhoneConsent')],
        ask: {
          kind: 'choice',
          options: [
            { value: 'no', label: msg('waste.noPhone') },
            { value: 'yes', label: msg('waste.givePhone') },
          ],
        },
      }),
      answer: (answer, data) =>
        answer.kind === 'choice' && answer.value === 'yes'
          ? { next: 'phone', data }
          : { next: 'confirm', data: { ...data, phone: undefined } },
    },
    phone: {
      prompt: () => ({
        lines: [msg('waste.askPhone')],
        // Any length reaches the phone check below, whose message says what a number looks like.
        ask: { kind: 'text', min: 1, max: 20, shortcuts: [{ value: 'none', label: msg('waste.noPhone') }] },
      }),
      answer: (answer, data) => {
        if (answer.kind === 'choice') return { next: 'confirm', data: { ...data, phone: undefined } };
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const phone = normalizeVietnamesePhone(answer.text);
        if (!phone) return { retry: msg('waste.badPhone') };
        return { next: 'confirm', data: { ...data, phone } };
      },
    },
    confirm: {
      prompt: (data) => ({
        lines: summaryLines(data),
        ask: {
          kind: 'choice',
          columns: 2,
          options: [
            { value: 'send', label: msg('waste.send') },
            { value: 'edit', label: msg('waste.edit.button') },
            { value: 'cancel', label: msg('common.cancel') },
          ],
        },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'choice' && answer.value === 'edit') return { next: 'editWhat', data };
        // A whole report is not dropped by one tap next to "send": the person is asked first.
        if (answer.kind === 'choice' && answer.value === 'cancel') return { next: 'discard', data };
        // Words typed here are not an answer to the summary: it is asked again, nothing dropped.
        if (answer.kind !== 'choice' || answer.value !== 'send') return { retry: msg('errors.chooseOption', { count: 3 }) };
        if (!data.similarChecked) {
          const similar = await ctx.run(findSimilarReports, {
            categoryId: data.categoryId!,
            localityUnitId: data.place?.localityUnitId,
            latitude: data.place?.latitude,
            longitude: data.place?.longitude,
            now: ctx.clock.now(),
          });
          if (similar.length) {
            return { next: 'similar', data: { ...data, similarChecked: true, similar: similar.map((s) => ({ id: s.id })) } };
          }
        }
        return file(data, ctx);
      },
    },
    discard: {
      prompt: () => ({
        lines: [msg('waste.discard.question')],
        ask: {
          kind: 'choice',
          columns: 2,
          options: [
            { value: 'discard', label: msg('waste.discard.yes') },
            { value: 'back', label: msg('waste.discard.no') },
          ],
        },
      }),
      answer: (answer, data) => {
        if (answer.kind === 'choice' && answer.value === 'discard') return { done: true, say: [reply(msg('common.cancelled'))], showMenu: true };
        if (answer.kind === 'choice' && answer.value === 'back') return { next: 'confirm', data };
        return { retry: msg('errors.chooseOption', { count: 2 }) };
      },
    },
    editWhat: {
      prompt: () => ({
        lines: [msg('waste.edit.what')],
        ask: { kind: 'choice', columns: 2, options: EDITABLE.map((part) => ({ value: part, label: msg(`waste.edit.${part}`) })) },
      }),
      answer: (answer, data) => {
        const part = answer.kind === 'choice' ? EDITABLE.find((p) => p === answer.value) : undefined;
        if (!part) return { retry: msg('errors.chooseOption', { count: EDITABLE.length }) };
        // Whatever changes, similar reports are looked for again before sending.
        const editing = { ...data, editing: true, similarChecked: false, similar: [] };
        // Photos and the place are given again from the start; the rest is answered anew.
        if (part === 'photos') return { next: 'photos', data: { ...editing, photos: [] } };
        if (part === 'place') return { next: 'place', data: { ...editing, place: undefined, localityPick: { page: 0 } } };
        return { next: part, data: editing };
      },
    },
    similar: {
      // Someone else's report: only what anyone may know of it (category, place, status, age),
      // never its code, words or photos, which are its reporter's.
      prompt: async (data, ctx) => {
        const reports = await ctx.run(listReportSummaries, { reportIds: data.similar.map((s) => s.id) });
        const shown = data.similar.flatMap((s, index) => reports.filter((r) => r.id === s.id).map((r) => ({ r, index })));
        const now = ctx.clock.now();
        const lines: TMsg[] = [msg('waste.similar.intro')];
        for (const { r, index } of shown) {
          lines.push(
            verbatim(''),
            concat(msg('waste.similar.item', { number: index + 1 }), verbatim(' · '), ageMsg(r.createdAt, now)),
            ...publicSummaryLines(r),
            concat(msg('waste.view.status'), statusLabel(r.status)),
          );
        }
        lines.push(verbatim(''), msg('waste.similar.question'));
        return {
          lines,
          ask: {
            kind: 'choice',
            options: [
              ...shown.map(({ index }) => ({ value: `follow:${index}`, label: msg('waste.similar.follow', { number: index + 1 }) })),
              { value: 'new', label: msg('waste.similar.fileNew') },
            ],
          },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: data.similar.length + 1 }) };
        if (answer.value === 'new') return file(data, ctx);
        const target = data.similar[Number(answer.value.replace(/^follow:/, ''))];
        if (!target) return { retry: msg('errors.chooseOption', { count: data.similar.length + 1 }) };
        await ctx.run(followWasteReport, { reportId: target.id, personId: ctx.person.id, now: ctx.clock.now() });
        return { done: true, say: [reply(msg('waste.similar.following'))], showMenu: true };
      },
    },
  },
});
