import type { App } from '../../app.ts';
import { sendDueDigests } from './email.ts';

/**
 * The timer that mails due digests every EmailSettings.EmailBatchingInterval seconds (re-read each
 * time, so a config change applies at the next tick). Unref'd: it never keeps the process alive.
 */
export interface NotificationWorker {
  stop(): Promise<void>;
}

const MIN_INTERVAL_MS = 1000;

export function startNotificationWorker(app: App): NotificationWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const seconds = Number(app.config.get().EmailSettings.EmailBatchingInterval) || 30;
    timer = setTimeout(tick, Math.max(MIN_INTERVAL_MS, seconds * 1000));
    timer.unref();
  };
  const tick = () => {
    running = sendDueDigests(app)
      .catch((err: unknown) => app.log.warn({ err }, 'email digest run failed'))
      .finally(schedule);
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
