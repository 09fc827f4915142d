import { escapeHtml as esc } from '../../platform/mail/sender.ts';
import type { AuthorizeRequest } from './policy.ts';
import type { OAuthAppRow } from './store.ts';

/**
 * The consent page and the error page of /oauth/authorize: server-rendered, no script, every
 * value escaped. Images only from http(s) (the app's icon); the form posts back to this server.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:; base-uri 'none'";

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f5f7;color:#1f2329;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:0 0 1rem}
img{width:48px;height:48px;border-radius:8px;float:right;margin-left:1rem}
p{line-height:1.5}
.muted{color:#5d6470;font-size:.9rem}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:4px;border:1px solid #c3c7cf;background:#fff;cursor:pointer}
button.primary{background:#1c58d9;border-color:#1c58d9;color:#fff}
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
}

/** Asks the user whether `row` may act on their behalf; the form carries the session's CSRF token. */
export function consentPage(
  row: OAuthAppRow,
  request: AuthorizeRequest,
  user: { username: string },
  csrf: string,
): string {
  const icon = row.icon_url ? `<img src="${esc(row.icon_url)}" alt="">` : '';
  const description = row.description ? `<p>${esc(row.description)}</p>` : '';
  const fields = [
    hidden('response_type', request.response_type),
    hidden('client_id', request.client_id),
    hidden('redirect_uri', request.redirect_uri),
    hidden('state', request.state),
    hidden('scope', request.scope),
    hidden('csrf', csrf),
  ].join('\n');
  return layout(
    `Authorize ${row.name}`,
    `${icon}<h1>Authorize ${esc(row.name)}</h1>
${description}
<p><a href="${esc(row.homepage)}" rel="noopener noreferrer">${esc(row.homepage)}</a></p>
<p>This app would like to access your account <strong>@${esc(user.username)}</strong>: read and send
messages and act on your behalf until you withdraw its access.</p>
<p class="muted">You will be sent back to ${esc(new URL(request.redirect_uri).origin)}.</p>
<form method="post" action="authorize">
${fields}
<div class="actions">
<button class="primary" type="submit" name="authorize" value="allow">Allow</button>
<button type="submit" name="authorize" value="deny">Deny</button>
</div>
</form>`,
  );
}

/** A refusal the browser shows (never a redirect to an unverified URI). */
export function errorPage(message: string): string {
  return layout('Authorization failed', `<h1>Authorization failed</h1><p>${esc(message)}</p>`);
}
