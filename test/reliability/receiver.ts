/** The receiver the reliability suite mounts: counts handler runs and the errors core reports. */
import { createDouyinWebhooks, type DouyinWebhooks } from '@douyin-push/core';
import { MAX_BODY, SECRET } from './catalogue.js';

export interface CountingReceiver {
  webhooks: DouyinWebhooks;
  /** Msg-Ids in the order handlers ran. */
  handled: string[];
  errors: string[];
}

export function countingReceiver(options: { maxBodyBytes?: number } = {}): CountingReceiver {
  const handled: string[] = [];
  const errors: string[] = [];
  const webhooks = createDouyinWebhooks({
    clientSecret: SECRET,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY,
    // Fuzzed contents rarely match their schema; they are still delivered, silently here.
    onSchemaMismatch: () => undefined,
  });
  webhooks.onAny((event) => void handled.push(event.msgId));
  webhooks.onError((error) => void errors.push(error.code));
  return { webhooks, handled, errors };
}
