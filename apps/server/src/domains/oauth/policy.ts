import { badRequest, invalidParam } from '../../errors/app-error.ts';
import { isValidId } from '../../platform/ids.ts';
import { isValidHttpUrl } from '../webhooks/policy.ts';

/** The fields of an app a creator sets (model.OAuthApp without ids, times and secret). */
export interface AppFields {
  name: string;
  description: string;
  icon_url: string;
  callback_urls: string[];
  homepage: string;
  is_trusted: boolean;
}

const invalid = (field: string, message: string) =>
  badRequest(`model.oauth.is_valid.${field}.app_error`, message);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Reads and checks an app body as Mattermost's OAuthApp.IsValid does (400 with its error ids). */
export function appFields(input: Record<string, unknown>): AppFields {
  const name = str(input.name).trim();
  const description = str(input.description);
  const iconUrl = str(input.icon_url);
  const homepage = str(input.homepage);
  const callbacks = input.callback_urls;
  if (!name || [...name].length > 64) throw invalid('name', 'Invalid name.');
  if (
    !Array.isArray(callbacks) ||
    callbacks.length === 0 ||
    !callbacks.every((u) => typeof u === 'string' && isValidHttpUrl(u)) ||
    // Go's fmt "%s" of the list, which Mattermost bounds to 1024 characters.
    `[${callbacks.join(' ')}]`.length > 1024
  ) {
    throw invalid('callback', 'Callback URLs must be valid http(s) URLs.');
  }
  if (!homepage || homepage.length > 256 || !isValidHttpUrl(homepage))
    throw invalid('homepage', 'Homepage must be a valid http(s) URL.');
  if ([...description].length > 512) throw invalid('description', 'Invalid description.');
  if (iconUrl && (iconUrl.length > 512 || !isValidHttpUrl(iconUrl)))
    throw invalid('icon_url', 'Icon URL must be a valid http(s) URL.');
  return {
    name,
    description,
    icon_url: iconUrl,
    callback_urls: [...new Set(callbacks as string[])],
    homepage,
    is_trusted: input.is_trusted === true,
  };
}

/** An authorization request (GET query or POST body) as model.AuthorizeRequest carries it. */
export interface AuthorizeRequest {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  state: string;
  scope: string;
}

const invalidAuthorize = (field: string, message: string) =>
  badRequest(`model.authorize.is_valid.${field}.app_error`, message);

/** Mattermost's AuthorizeRequest.IsValid. */
export function authorizeRequest(input: Record<string, unknown>): AuthorizeRequest {
  const request = {
    response_type: str(input.response_type),
    client_id: str(input.client_id),
    redirect_uri: str(input.redirect_uri),
    state: str(input.state),
    scope: str(input.scope),
  };
  if (!isValidId(request.client_id)) throw invalidAuthorize('client_id', 'Invalid client id.');
  if (!request.response_type) throw invalidAuthorize('response_type', 'Invalid response type.');
  if (!request.redirect_uri || !isValidHttpUrl(request.redirect_uri))
    throw invalidAuthorize('redirect_uri', 'Invalid redirect URI.');
  if (request.state.length > 1024) throw invalidAuthorize('state', 'Invalid state.');
  if (request.scope.length > 128) throw invalidAuthorize('scope', 'Invalid scope.');
  return request;
}

/** The form of POST /oauth/access_token (RFC 6749 §4.1.3 and §6). */
export interface TokenRequest {
  grant_type: 'authorization_code' | 'refresh_token';
  client_id: string;
  client_secret: string;
  code: string;
  redirect_uri: string;
  refresh_token: string;
}

/**
 * Reads the token request in Mattermost's order of checks. The client may also authenticate with
 * HTTP Basic (client_secret_basic), which RFC 6749 asks servers to support.
 */
export function tokenRequest(
  form: URLSearchParams,
  basic: { id: string; secret: string } | null,
): TokenRequest {
  const grantType = form.get('grant_type') ?? '';
  const code = form.get('code') ?? '';
  const refreshToken = form.get('refresh_token') ?? '';
  if (grantType === 'authorization_code') {
    if (!code) throw badRequest('api.oauth.get_access_token.missing_code.app_error', 'Missing code.');
  } else if (grantType === 'refresh_token') {
    if (!refreshToken)
      throw badRequest(
        'api.oauth.get_access_token.missing_refresh_token.app_error',
        'Missing refresh_token.',
      );
  } else {
    throw badRequest('api.oauth.get_access_token.bad_grant.app_error', 'Invalid grant_type.');
  }
  const clientId = form.get('client_id') || basic?.id || '';
  if (!isValidId(clientId))
    throw badRequest('api.oauth.get_access_token.bad_client_id.app_error', 'Invalid client_id.');
  return {
    grant_type: grantType,
    client_id: clientId,
    client_secret: form.get('client_secret') || basic?.secret || '',
    code,
    redirect_uri: form.get('redirect_uri') ?? '',
    refresh_token: refreshToken,
  };
}

/** The `client_id` of a deauthorize body. */
export function clientIdOf(input: Record<string, unknown>): string {
  if (!isValidId(input.client_id)) throw invalidParam('client_id');
  return input.client_id;
}
