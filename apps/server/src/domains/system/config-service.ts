import type { App, Session } from '../../app.ts';
import { fullClientConfig, limitedClientConfig, type ClientConfig } from '../../config/client.ts';
import { maskSecrets } from '../../config/store.ts';
import { getPath, isPlainObject, type JsonObject } from '../../config/merge.ts';
import { badRequest, invalidParam, notImplemented } from '../../errors/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import * as store from './store.ts';
import { termsIdForClientConfig } from '../terms/service.ts';

/*
 * Reading and changing config.json over the API (Mattermost's api4/config.go). Parley has no
 * field-level sysconsole filters, so reading and writing the config take manage_system.
 *
 * Most settings are read on every use and take effect at once. ServiceSettings.ListenAddress and
 * MaximumPayloadSizeBytes (the HTTP body limit) are read when the HTTP server starts, so changes to
 * them are saved but apply after a restart, as in Mattermost.
 */

const DIAGNOSTIC_ID = 'DiagnosticId';
const diagnosticIds = new WeakMap<App, string>();

/** The server's stable anonymous id, created on first use and kept in the systems table. */
async function diagnosticId(app: App): Promise<string> {
  const cached = diagnosticIds.get(app);
  if (cached) return cached;
  let id = await store.findSystemValue(app.db, DIAGNOSTIC_ID);
  if (!id) {
    await store.insertSystemValueIfMissing(app.db, DIAGNOSTIC_ID, newId());
    id = (await store.findSystemValue(app.db, DIAGNOSTIC_ID)) ?? '';
  }
  diagnosticIds.set(app, id);
  return id;
}

async function computed(app: App) {
  return {
    diagnosticId: await diagnosticId(app),
    noAccounts: !(await store.anyUserExists(app.db)),
    customTermsOfServiceId: await termsIdForClientConfig(app),
  };
}

/**
 * GET /config/client. Mattermost answers 501 when `format` is missing (only the "old" flat map
 * exists) and 400 for any other value. Callers without a session get the limited map.
 */
export async function clientConfig(
  app: App,
  session: Session | null,
  format: string | undefined,
): Promise<ClientConfig> {
  if (!format) {
    throw notImplemented(
      'api.config.client.old_format.app_error',
      'New format for the client configuration is not supported yet. Please specify format=old in the query string.',
    );
  }
  if (format !== 'old') throw invalidParam('format');
  const values = await computed(app);
  return session
    ? fullClientConfig(app.config.get(), app.version, values)
    : limitedClientConfig(app.config.get(), app.version, values);
}

export function getConfig(app: App, session: Session): JsonObject {
  requireSystemPermission(app, session, 'manage_system');
  return maskSecrets(app.config.get());
}

export function environmentConfig(app: App, session: Session): JsonObject {
  requireSystemPermission(app, session, 'manage_system');
  return app.config.environmentTree();
}

/** PUT /config: the body is a whole config, as GET /config returned it (masked secrets kept). */
export async function updateConfig(app: App, session: Session, body: unknown): Promise<JsonObject> {
  requireSystemPermission(app, session, 'manage_system');
  if (!isPlainObject(body)) throw invalidParam('config');
  refuseClearingSiteUrl(app, getPath(body, 'ServiceSettings.SiteURL') ?? '');
  return save(app, await app.config.replace(body));
}

/** PUT /config/patch: only the settings present in the body change. */
export async function patchConfig(app: App, session: Session, body: unknown): Promise<JsonObject> {
  requireSystemPermission(app, session, 'manage_system');
  if (!isPlainObject(body)) throw invalidParam('config');
  const siteUrl = getPath(body, 'ServiceSettings.SiteURL');
  if (siteUrl !== undefined) refuseClearingSiteUrl(app, siteUrl);
  return save(app, await app.config.patch(body));
}

/** POST /config/reload: re-reads config.json (edited by hand) and applies it. */
export async function reloadConfig(app: App, session: Session): Promise<void> {
  requireSystemPermission(app, session, 'reload_config');
  const problem = await app.config.reload();
  if (problem) {
    throw badRequest('api.config.reload_config.app_error', `The config file is invalid: ${problem}`);
  }
  await publishConfigChanged(app);
}

function refuseClearingSiteUrl(app: App, next: unknown) {
  if (app.config.get().ServiceSettings.SiteURL !== '' && next === '') {
    throw badRequest('api.config.update_config.clear_siteurl.app_error', 'Site URL cannot be cleared.');
  }
}

async function save(app: App, problem: string | null): Promise<JsonObject> {
  if (problem) throw badRequest('model.config.is_valid.app_error', `Invalid configuration: ${problem}.`);
  await publishConfigChanged(app);
  // Values set by MM_* variables keep their environment value; the answer shows what is in effect.
  return maskSecrets(app.config.get());
}

/** Tells every connected client the new client config, once it is written. */
async function publishConfigChanged(app: App): Promise<void> {
  const config = fullClientConfig(app.config.get(), app.version, await computed(app));
  app.events.publish({ event: 'config_changed', data: { config }, broadcast: {} });
}
