import fs from 'node:fs';
import { SYSTEM_LOCK } from './global-setup.js';

// Stops the processes that global-setup.js started, and lets the next run start its own.
export default async function teardown() {
  try {
    await globalThis.mentorflowE2eSystem?.stop();
    delete globalThis.mentorflowE2eSystem;
    await globalThis.mentorflowE2eMail?.close();
    delete globalThis.mentorflowE2eMail;
  } finally {
    if (fs.existsSync(SYSTEM_LOCK) && fs.readFileSync(SYSTEM_LOCK, 'utf8') === String(process.pid))
      fs.rmSync(SYSTEM_LOCK);
  }
}
