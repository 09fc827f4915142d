import type { FastifyError } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { isDatabaseUnavailable } from '../db/connection.ts';

export interface ErrorBody {
  id: string;
  message: string;
  detailed_error: string;
  request_id?: string;
  status_code: number;
}

/**
 * Turns any thrown value into an AppError: ours pass through; Fastify's parsing and validation
 * errors become Mattermost's 400/413 ids; a lost database is a 503; anything else is a 500.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validationContext?: string };
  if (fe?.validation) {
    const where = fe.validationContext === 'body' ? 'body' : 'query';
    const field =
      fe.validation[0]?.instancePath?.replace(/^\//, '').replaceAll('/', '.') ||
      fe.validation[0]?.params?.missingProperty;
    return new AppError(
      where === 'body' ? 'api.context.invalid_body_param.app_error' : 'api.context.invalid_param.app_error',
      `Invalid or missing ${field || where} in request ${where}: ${fe.validation[0]?.message ?? 'invalid value'}.`,
      400,
    );
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'api.context.request_body_too_large.app_error',
        'The request body is too large.',
        413,
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'api.context.invalid_body_param.app_error',
        'The request body is not valid JSON.',
        400,
      );
  }
  if (err instanceof SyntaxError) {
    return new AppError(
      'api.context.invalid_body_param.app_error',
      'The request body is not valid JSON.',
      400,
    );
  }
  if (isUnreadableMultipart(err)) {
    return new AppError(
      'api.context.invalid_body_param.app_error',
      'The multipart form could not be read.',
      400,
    );
  }
  if (isDatabaseUnavailable(err)) {
    return new AppError(
      'api.context.database_unavailable.app_error',
      'The database is unavailable; the server will recover when it is back.',
      503,
    );
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('api.context.bad_request.app_error', fe.message, fe.statusCode);
  }
  return new AppError(
    'api.context.internal_error.app_error',
    'An internal error occurred.',
    500,
    String(err),
  );
}

/**
 * The multipart parser's complaints about the form itself (no boundary, cut short, broken part
 * headers) are the client's fault: 400, not 500 (found by test/malformed-sweep.test.ts). They are
 * plain Errors, told apart by coming from @fastify/busboy.
 */
function isUnreadableMultipart(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.stack ?? '').includes('busboy') &&
    /multipart|boundary|unexpected end|malformed/i.test(err.message)
  );
}

export function errorBody(err: AppError, requestId: string, developer: boolean): ErrorBody {
  return {
    id: err.id,
    message: err.message,
    detailed_error: developer ? err.detailedError : '',
    request_id: requestId,
    status_code: err.statusCode,
  };
}
