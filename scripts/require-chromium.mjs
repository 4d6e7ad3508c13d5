import { findChromium, HOW_TO_GET_CHROMIUM } from './chromium.mjs';

if (!findChromium()) {
  if (process.env.CHROMIUM_PATH) console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n`);
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
