import type { App } from '../../app.ts';
import { badRequest } from '../../errors/app-error.ts';
import { outbound, OutboundError } from '../../platform/outbound/index.ts';

/**
 * POSTing JSON to an integration for an action or a dialog (Mattermost's DoActionRequest), through
 * the outbound client. Any failure, including a refused address, is upstream's 400.
 */

const failed = (detail: string) =>
  badRequest('api.post.do_action.action_integration.app_error', 'Action integration error.', detail);

/** The integration's JSON answer, or null when it answered with an empty body. */
export async function postToIntegration(app: App, url: string, payload: unknown): Promise<unknown> {
  let res;
  try {
    res = await outbound(app).request({
      url,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch (err) {
    if (err instanceof OutboundError) throw failed(`${err.reason}: ${err.message}`);
    throw err;
  }
  if (res.status !== 200) throw failed(`status=${res.status}`);
  const text = res.body.toString('utf8').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(
      'api.post.do_action.action_integration.app_error',
      'Action integration error.',
      'invalid JSON',
    );
  }
}
