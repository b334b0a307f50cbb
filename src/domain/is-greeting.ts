import { foldText } from './fold-text.js';

// What people type to open a chat, folded (no diacritics, no case): "xin chào", "chào bạn",
// "alo", "hello"... A greeting is not a wrong answer, and should not be answered as one.
const GREETING = /^(xin chao|chao|chao ban|chao ad|chao admin|alo|a lo|hi|hello|hey|good (morning|afternoon|evening))( ban| ad| admin| bot| ca nha)?[\s!.?,👋🙂😊]*$/u;

/** True for a typed greeting such as "Xin chào!" or "hello". */
export function isGreeting(text: string): boolean {
  return GREETING.test(foldText(text));
}
