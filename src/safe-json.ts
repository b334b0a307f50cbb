/** JSON text's value, or undefined when it is not JSON: for text to be checked by a schema next. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
