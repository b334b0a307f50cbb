import { buildDist } from '../scripts/build.js';

/** Vitest global setup: compiles dist/ once, so tests that spawn the bot run what `npm start` runs. */
export async function setup(): Promise<void> {
  await buildDist();
}
