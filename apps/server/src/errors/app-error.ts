/**
 * Every failure the API reports is an AppError, rendered by the one error sink in http/errors.ts
 * as Mattermost's error JSON. Ids reuse Mattermost's where clients branch on them.
 */
export class AppError extends Error {
  readonly id: string;
  readonly statusCode: number;
  readonly detailedError: string;

  constructor(id: string, message: string, statusCode: number, detailedError = '') {
    super(message);
    this.id = id;
    this.statusCode = statusCode;
    this.detailedError = detailedError;
  }
}

export const badRequest = (id: string, message: string, detail = '') =>
  new AppError(id, message, 400, detail);
export const unauthorized = (id: string, message: string) => new AppError(id, message, 401);
export const forbidden = (
  id = 'api.context.permissions.app_error',
  message = 'You do not have the appropriate permissions.',
) => new AppError(id, message, 403);
export const notFound = (id: string, message: string) => new AppError(id, message, 404);
export const conflict = (id: string, message: string) => new AppError(id, message, 409);
export const notImplemented = (id: string, message: string) => new AppError(id, message, 501);

export const invalidParam = (name: string) =>
  badRequest('api.context.invalid_param.app_error', `Invalid or missing ${name} parameter.`);
export const invalidUrlParam = (name: string) =>
  badRequest(
    'api.context.invalid_url_param.app_error',
    `Invalid or missing ${name} parameter in request URL.`,
  );
export const invalidBodyParam = (name: string) =>
  badRequest('api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
export const sessionExpired = () =>
  unauthorized('api.context.session_expired.app_error', 'Invalid or expired session, please login again.');
