import type { Deps } from '../context.ts';
import { deliverDueMessages } from './deliver-outbox.ts';

export type OutboxSender = { stop(): Promise<void> };

/**
 * Runs in every worker process when SMTP_URL or SMS_WEBHOOK_URL is set: sends due outbox rows, then sleeps
 * `idleMs`. Any number of processes may run it (claims use SKIP LOCKED).
 */
export function startOutboxSender(deps: Deps, opts: { idleMs?: number } = {}): OutboxSender {
  if (!deps.mailer.smtp && !deps.mailer.sms) return { async stop() {} };
  let running = true;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const loop = (async () => {
    while (running) {
      try {
        const { claimed } = await deliverDueMessages(deps);
        if (claimed > 0) continue;
      } catch (err) {
        if (deps.config.LOG_LEVEL !== 'silent')
          console.error('[email]', err instanceof Error ? err.message : err);
      }
      await sleep(opts.idleMs ?? 2000);
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
      deps.mailer.smtp?.close();
    },
  };
}
