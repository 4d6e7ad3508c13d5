// Finds the Chromium the tests drive. Layerlab never downloads a browser:
// it uses the system one (or CHROMIUM_PATH), and says how to get one.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The path of the Chromium to use, or undefined when none is installed. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const HOW_TO_GET_CHROMIUM = `No Chromium found for the end-to-end tests.
Install one with your package manager, for example on Debian or Ubuntu:
    sudo apt-get install chromium
or point CHROMIUM_PATH at an existing Chromium or Chrome binary:
    CHROMIUM_PATH=/path/to/chromium npm test
(The tests never download a browser.)`;
