import type { App, Session } from '../../app.ts';
import { MAX_POST_SIZE } from '../../config/client.ts';
import { badRequest, forbidden, invalidBodyParam, notFound } from '../../errors/app-error.ts';
import { requireSystemPermission } from '../../permissions/authorize.ts';
import { isValidId, newId } from '../../platform/ids.ts';
import { revokeAllSessionsOfUser } from '../sessions/service.ts';
import * as store from './store.ts';

/*
 * Custom terms of service (Mattermost's api4/terms_of_service.go and the terms routes of
 * api4/user.go). Administrators write versions; the newest is in force. The web app asks each
 * signed-in user to accept it (see config/client.ts for the keys it reads); accepting records the
 * version on the user, declining forgets it and signs the user out everywhere.
 */

/** Mattermost's limit on the text: the post limit, in runes. */
export const TERMS_TEXT_MAX_RUNES = MAX_POST_SIZE;

const noTerms = () =>
  notFound('app.terms_of_service.get.no_rows.app_error', 'Unable to find the terms of service.');

/** GET /terms_of_service: the version in force. */
export async function latestTerms(app: App): Promise<store.TermsRow> {
  const row = await store.findLatestTerms(app.db);
  if (!row) throw noTerms();
  return row;
}

/** The id of the version in force, for the client config; only looked up while the feature is on. */
export async function termsIdForClientConfig(app: App): Promise<string> {
  if (!app.config.get().SupportSettings.CustomTermsOfServiceEnabled) return '';
  return (await store.findLatestTermsId(app.db)) ?? '';
}

/**
 * POST /terms_of_service. Sending the text in force again creates nothing and answers the current
 * version, as Mattermost does, so saving an unchanged console page does not ask everyone again.
 */
export async function createTerms(
  app: App,
  session: Session,
  text: unknown,
): Promise<{ terms: store.TermsRow; created: boolean }> {
  requireSystemPermission(app, session, 'manage_system');
  if (typeof text !== 'string' || text === '') {
    throw badRequest(
      'api.create_terms_of_service.empty_text.app_error',
      'Please enter the terms of service text.',
    );
  }
  if ([...text].length > TERMS_TEXT_MAX_RUNES) {
    throw badRequest(
      'model.terms_of_service.is_valid.text.app_error',
      `The terms of service text must be at most ${TERMS_TEXT_MAX_RUNES} characters.`,
    );
  }
  const latest = await store.findLatestTerms(app.db);
  if (latest && latest.text === text) return { terms: latest, created: false };
  // Strictly newer than the version in force, so "the newest" is never a tie within a millisecond.
  const createAt = Math.max(Date.now(), (latest?.create_at ?? 0) + 1);
  const terms: store.TermsRow = { id: newId(), create_at: createAt, user_id: session.userId, text };
  await store.insertTerms(app.db, terms);
  return { terms, created: true };
}

export interface UserTermsOfService {
  user_id: string;
  terms_of_service_id: string;
  create_at: number;
}

/** GET /users/{user_id}/terms_of_service: the user's own record; a system admin may read anyone's. */
export async function userAcceptance(
  app: App,
  session: Session,
  userId: string,
): Promise<UserTermsOfService> {
  if (userId !== session.userId) requireSystemPermission(app, session, 'manage_system');
  const row = await store.findAcceptance(app.db, userId);
  if (!row || !row.terms_of_service_id) {
    throw notFound(
      'app.user_terms_of_service.get_by_user.no_rows.app_error',
      'No terms of service found for this user.',
    );
  }
  return {
    user_id: userId,
    terms_of_service_id: row.terms_of_service_id,
    create_at: row.terms_of_service_create_at,
  };
}

export interface TermsAction {
  termsOfServiceId: string;
  accepted: boolean;
}

/**
 * The body of POST /users/{user_id}/terms_of_service. Client4 sends `termsOfServiceId`; the
 * OpenAPI document names it `serviceTermsId` and types `accepted` as a string, so both are read.
 */
function parseTermsAction(body: Record<string, unknown>): TermsAction {
  const id = body.termsOfServiceId ?? body.serviceTermsId;
  if (typeof id !== 'string' || !isValidId(id)) throw invalidBodyParam('termsOfServiceId');
  const raw = body.accepted;
  const accepted = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : null;
  if (accepted === null) throw invalidBodyParam('accepted');
  return { termsOfServiceId: id, accepted };
}

/**
 * POST /users/{user_id}/terms_of_service: only the user may accept or decline for themselves.
 * Declining ends every session of the user (Mattermost does the same, so no client keeps working
 * on terms it was refused); the web app then shows the login page.
 */
export async function recordTermsAction(
  app: App,
  session: Session,
  userId: string,
  body: Record<string, unknown>,
): Promise<TermsAction> {
  if (userId !== session.userId) throw forbidden();
  const action = parseTermsAction(body);
  if (!(await store.findTerms(app.db, action.termsOfServiceId))) throw noTerms();
  if (action.accepted) {
    await store.setAcceptance(app.db, userId, action.termsOfServiceId, Date.now());
    return action;
  }
  await store.clearAcceptance(app.db, userId, action.termsOfServiceId);
  await revokeAllSessionsOfUser(app, userId);
  return action;
}
