import type { TokenRow } from './store.ts';

/** UserAccessToken JSON; the token itself appears only in the creation reply (`secret`). */
export function presentToken(t: TokenRow, secret?: string) {
  return {
    id: t.id,
    ...(secret ? { token: secret } : {}),
    user_id: t.user_id,
    description: t.description,
    is_active: t.is_active,
    expires_at: t.expires_at,
  };
}
