import { z } from 'zod';
import { ZDirection, ZMeasure } from '../domain/criterion.js';

const ZCode = z.string().regex(/^[A-Za-z0-9_]{1,48}$/, 'codes are 1–48 letters, digits or _');
const ZText = z.string().trim().min(1);
const ZYear = z.number().int().min(2000).max(2100);
const ZDay = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM');

export const ZLadder = z.object({
  daysBefore: z.array(z.number().int().positive()).default([]),
  onDueDay: z.boolean().default(true),
  overdueEveryDays: z.number().int().positive().default(3),
  overdueMaxReminders: z.number().int().min(0).default(5),
  escalateAfterDays: z.number().int().min(0).default(1),
});

export const ZCycle = z.object({
  code: ZCode,
  kind: z.enum(['annual_report', 'quarterly_progress', 'phase_review']),
  nameVi: ZText,
  nameEn: ZText,
  appliesTo: z.array(ZCode).min(1),
  due: z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).optional(),
  dueDaysAfterQuarterEnd: z.number().int().min(0).optional(),
  ladder: ZLadder,
});

export const ZCampaignSchedule = z.object({
  quietHours: z.object({ start: ZTime, end: ZTime }).default({ start: '21:00', end: '07:00' }),
  skipWeekends: z.boolean().default(true),
  cycles: z.array(ZCycle).default([]),
});
export type TCampaignSchedule = z.infer<typeof ZCampaignSchedule>;

const ZNamed = { code: ZCode, nameVi: ZText, nameEn: ZText };

export const ZCampaignFile = z
  .object({
    code: ZCode,
    nameVi: ZText,
    nameEn: ZText,
    /** Printed at the head of exported documents: "Ủy ban nhân dân tỉnh Đắk Nông". */
    issuerVi: ZText.optional(),
    /** The office that runs the campaign, under the issuer: "Ban Thi đua - Khen thưởng". */
    authorityVi: ZText.optional(),
    startYear: ZYear,
    endYear: ZYear,
    timezone: z.string().default('Asia/Ho_Chi_Minh'),
    phases: z
      .array(
        z.object({
          ...ZNamed,
          startYear: ZYear,
          endYear: ZYear,
          reviewYear: ZYear,
          reviewKind: z.enum(['midterm', 'final']),
        }),
      )
      .min(1),
    unitKinds: z.array(z.object(ZNamed)).min(1),
    areas: z.array(z.object(ZNamed)).default([]),
    units: z.array(
      z.object({
        ...ZNamed,
        kind: ZCode,
        shortName: ZText.optional(),
        parent: ZCode.optional(),
        leadAreas: z.array(ZCode).default([]),
      }),
    ),
    criteria: z.array(
      z.object({
        code: ZCode,
        group: z.enum(['infrastructure', 'thrift']),
        titleVi: ZText,
        titleEn: ZText,
        measure: ZMeasure,
        direction: ZDirection,
        audience: z.array(ZCode).min(1),
        area: ZCode.optional(),
        target: z
          .object({
            value: z.number().optional(),
            max: z.number().optional(),
            text: ZText.optional(),
            year: ZYear.optional(),
          })
          .optional(),
        unitLabelVi: ZText.optional(),
        unitLabelEn: ZText.optional(),
        allowAbove100: z.boolean().default(false),
      }),
    ),
    wasteCategories: z.array(z.object(ZNamed)).min(1),
    awardForms: z.array(z.object(ZNamed)).default([]),
    reportSections: z
      .array(z.object({ code: ZCode, titleVi: ZText, titleEn: ZText, promptVi: ZText, promptEn: ZText }))
      .min(1),
    holidays: z.array(z.object({ day: ZDay, nameVi: ZText, nameEn: ZText })).default([]),
    schedule: ZCampaignSchedule.default({ quietHours: { start: '21:00', end: '07:00' }, skipWeekends: true, cycles: [] }),
  })
  .superRefine((file, ctx) => {
    const kinds = new Set(file.unitKinds.map((k) => k.code));
    const areas = new Set(file.areas.map((a) => a.code));
    const units = new Set(file.units.map((u) => u.code));
    const unique = (list: { code: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [path, i, 'code'], message: `duplicate code ${item.code}` });
        seen.add(item.code);
      });
    };
    unique(file.unitKinds, 'unitKinds');
    unique(file.areas, 'areas');
    unique(file.units, 'units');
    unique(file.criteria, 'criteria');
    unique(file.wasteCategories, 'wasteCategories');
    unique(file.reportSections, 'reportSections');
    file.units.forEach((u, i) => {
      if (!kinds.has(u.kind)) ctx.addIssue({ code: 'custom', path: ['units', i, 'kind'], message: `unknown unit kind ${u.kind}` });
      if (u.parent && !units.has(u.parent))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'parent'], message: `unknown parent unit ${u.parent}` });
      u.leadAreas.forEach((a, j) => {
        if (!areas.has(a)) ctx.addIssue({ code: 'custom', path: ['units', i, 'leadAreas', j], message: `unknown area ${a}` });
      });
    });
    file.criteria.forEach((c, i) => {
      c.audience.forEach((k, j) => {
        if (!kinds.has(k)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'audience', j], message: `unknown unit kind ${k}` });
      });
      if (c.area && !areas.has(c.area))
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'area'], message: `unknown area ${c.area}` });
    });
    file.schedule.cycles.forEach((cycle, i) => {
      cycle.appliesTo.forEach((k, j) => {
        if (!kinds.has(k))
          ctx.addIssue({ code: 'custom', path: ['schedule', 'cycles', i, 'appliesTo', j], message: `unknown unit kind ${k}` });
      });
    });
    if (file.endYear < file.startYear)
      ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'endYear is before startYear' });
  });

export type TCampaignFile = z.infer<typeof ZCampaignFile>;
