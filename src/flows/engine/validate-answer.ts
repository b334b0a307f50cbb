import { foldText } from '../../domain/fold-text.js';
import { isGreeting } from '../../domain/is-greeting.js';
import { parseVietnameseNumber } from '../../domain/parse-number.js';
import { MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES, isAllowedType, isImageType } from '../../domain/file-types.js';
import type { TAsk, TChoiceOption } from '../../core/ask.js';
import type { TAnswer, TInput } from '../../core/input.js';
import { msg, type TMsg } from '../../core/message.js';

export type ValidationResult = { ok: true; answer: TAnswer } | { ok: false; error: TMsg };

/** Buttons of the current prompt carry `p<seq>:<index>`; `seq` tells stale buttons apart. */
export function choiceData(seq: number, index: number): string {
  return `p${seq}:${index}`;
}

export function parseChoiceData(data: string): { seq: number; index: number } | null {
  const m = /^p(\d+):(\d+)$/.exec(data);
  return m ? { seq: Number(m[1]), index: Number(m[2]) } : null;
}

/**
 * Matches typed text against options: by number ("2", as Zalo and plain-text users answer)
 * or by the option's label in either language, ignoring case and diacritics; for a pure
 * choice, also by words of exactly one label.
 */
export function matchOptionByText(
  text: string,
  options: TChoiceOption[],
  labelsOf: LabelsOf,
  byNumber = true,
): TChoiceOption | null {
  const t = foldText(text);
  if (byNumber && /^\d{1,3}$/.test(t)) return options[Number(t) - 1] ?? null;
  const exact = options.find((option) => labelsOf(option.label).some((label) => foldText(label) === t));
  if (exact || !byNumber) return exact ?? null;
  // A pure choice also takes a few words of one button ("ẩn danh" for "Gửi ẩn danh"), when
  // every word typed is in that button's label and in no other's.
  const typed = words(t);
  if (!typed.length || !typed.some((w) => w.length >= 3)) return null;
  const matching = options.filter((option) => labelsOf(option.label).some((label) => {
    const own = new Set(words(foldText(label)));
    return typed.every((w) => own.has(w));
  }));
  return matching.length === 1 ? matching[0]! : null;
}

const words = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Every text a label may be shown as (each language), for matching typed answers. */
export type LabelsOf = (label: TMsg) => string[];

function optionsOf(ask: TAsk): TChoiceOption[] {
  return ask.kind === 'choice' ? ask.options : ask.shortcuts;
}

/** Checks an input against what the step asked; on failure, says what is wrong and what to send. */
export function validateAnswer(ask: TAsk, input: TInput, seq: number, labelsOf: LabelsOf): ValidationResult {
  const options = optionsOf(ask);
  if (input.kind === 'button') {
    const parsed = parseChoiceData(input.data);
    if (!parsed || parsed.seq !== seq) return { ok: false, error: msg('errors.staleButton') };
    const option = options[parsed.index];
    if (!option) return { ok: false, error: msg('errors.staleButton') };
    return { ok: true, answer: { kind: 'choice', value: option.value } };
  }
  if (input.kind === 'text' && options.length > 0) {
    // Only a pure choice may be answered by its number: elsewhere "2" is a real answer.
    const option = matchOptionByText(input.text, options, labelsOf, ask.kind === 'choice');
    if (option) return { ok: true, answer: { kind: 'choice', value: option.value } };
  }

  switch (ask.kind) {
    case 'choice':
      if (input.kind === 'text' && isGreeting(input.text)) return { ok: false, error: msg('errors.greetingChoose', { count: ask.options.length }) };
      return { ok: false, error: msg('errors.chooseOption', { count: ask.options.length }) };
    case 'text': {
      if (input.kind === 'photo' && ask.takesPhotos) {
        const problem = photoProblem(input);
        if (problem) return { ok: false, error: problem };
        return { ok: true, answer: { kind: 'photo', fileRef: input.fileRef, mimeType: input.mimeType!, sizeBytes: input.sizeBytes } };
      }
      if (input.kind !== 'text') return { ok: false, error: msg('errors.expectedText') };
      const text = input.text.trim();
      const count = [...text].length;
      if (count < ask.min) return { ok: false, error: msg('errors.textTooShort', { min: ask.min, count }) };
      if (count > ask.max) return { ok: false, error: msg('errors.textTooLong', { max: ask.max, count }) };
      return { ok: true, answer: { kind: 'text', text } };
    }
    case 'number': {
      if (input.kind !== 'text') return { ok: false, error: msg('errors.expectedNumber') };
      const parsed = parseVietnameseNumber(input.text);
      if (!parsed) return { ok: false, error: msg('errors.notANumber') };
      const value = parsed.value;
      if (ask.integer && !Number.isInteger(value)) return { ok: false, error: msg('errors.notAnInteger') };
      if (ask.min !== undefined && value < ask.min) return { ok: false, error: msg('errors.numberTooSmall', { min: ask.min }) };
      if (ask.max !== undefined && value > ask.max) return { ok: false, error: msg('errors.numberTooLarge', { max: ask.max }) };
      return { ok: true, answer: { kind: 'number', value } };
    }
    case 'photo': {
      const problem = photoProblem(input);
      if (problem) return { ok: false, error: problem };
      const photo = input as Extract<TInput, { kind: 'photo' }>;
      return { ok: true, answer: { kind: 'photo', fileRef: photo.fileRef, mimeType: photo.mimeType!, sizeBytes: photo.sizeBytes } };
    }
    case 'file': {
      const accepts = (mime: string) =>
        ask.accept.some((a) => (a.endsWith('/*') ? mime.startsWith(a.slice(0, -1)) : mime === a));
      if (input.kind === 'photo') {
        const problem = photoProblem(input);
        if (problem) return { ok: false, error: problem };
        return { ok: true, answer: { kind: 'file', fileRef: input.fileRef, mimeType: input.mimeType!, ...(input.sizeBytes !== undefined ? { sizeBytes: input.sizeBytes } : {}) } };
      }
      if (input.kind !== 'document') return { ok: false, error: msg('errors.expectedFile') };
      if (input.sizeBytes !== undefined && input.sizeBytes > MAX_DOCUMENT_BYTES) {
        return { ok: false, error: msg('errors.fileTooLarge', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 }) };
      }
      // Channels set a document's type from its bytes; only the allow-list is ever kept.
      const mimeType = input.mimeType;
      if (!isAllowedType(mimeType) || !accepts(mimeType)) return { ok: false, error: msg('errors.fileType') };
      return {
        ok: true,
        answer: {
          kind: 'file',
          fileRef: input.fileRef,
          mimeType,
          ...(input.sizeBytes !== undefined ? { sizeBytes: input.sizeBytes } : {}),
          ...(input.fileName ? { fileName: input.fileName } : {}),
        },
      };
    }
    case 'place': {
      if (input.kind === 'location') return { ok: true, answer: { kind: 'place', latitude: input.latitude, longitude: input.longitude } };
      if (input.kind === 'text' && input.text.trim().length >= 3) return { ok: true, answer: { kind: 'place', text: input.text.trim() } };
      return { ok: false, error: msg('errors.expectedPlace') };
    }
  }
}

/**
 * Why an input cannot be kept as a photo, or null when it can: a photo input whose type the
 * channel recognised from its bytes (JPEG, PNG, WebP) and that is not too large. A document
 * that only claims to be an image is never a photo: an SVG "image" carries script.
 */
export function photoProblem(input: TInput): TMsg | null {
  if (input.kind !== 'photo') return msg(input.kind === 'document' ? 'errors.photoType' : 'errors.expectedPhoto');
  if (!isImageType(input.mimeType)) return msg('errors.photoType');
  if (input.sizeBytes !== undefined && input.sizeBytes > MAX_PHOTO_BYTES) return msg('errors.fileTooLarge', { max: MAX_PHOTO_BYTES / 1024 / 1024 });
  return null;
}
