/**
 * Preloaded into the API by `bench/profile.ts` (`node -r …/profiler.js dist/main.js`): the
 * runner starts and stops V8's sampling CPU profiler over the IPC channel, so the profile
 * covers the load only, not the start-up. The profile is written as a `.cpuprofile` (Chrome
 * DevTools and `bench/profile-summary.ts` read it).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const session = new Session();
session.connect();

const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );

process.on('message', (message: unknown) => {
  if (message && typeof message === 'object' && 'profileStart' in message) {
    void post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 250 }))
      .then(() => post('Profiler.start'))
      .then(() => process.send?.({ profiling: true }));
  }
  if (message && typeof message === 'object' && 'profileStop' in message) {
    const file = String((message as { profileStop: string }).profileStop);
    void post('Profiler.stop').then((result) => {
      writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
      process.send?.({ profile: file });
    });
  }
});
