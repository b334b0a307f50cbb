import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from '../domain/parse-year-arg.js';

/** The year a job is for: the same range a command accepts from a person (parseYearArg). */
export const ZJobYear = z.number().int().min(MIN_YEAR).max(MAX_YEAR);
