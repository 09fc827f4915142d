import type { Route } from './http/route.ts';
import { userRoutes } from './domains/users/routes.ts';
import { mfaRoutes } from './domains/mfa/routes.ts';
import { passwordRoutes } from './domains/passwords/routes.ts';
import { auditRoutes } from './domains/audit/routes.ts';
import { analyticsRoutes } from './domains/analytics/routes.ts';
import { tokenRoutes } from './domains/tokens/routes.ts';
import { botRoutes } from './domains/bots/routes.ts';
import { teamRoutes } from './domains/teams/routes.ts';
import { categoryRoutes } from './domains/categories/routes.ts';
import { systemRoutes } from './domains/system/routes.ts';
import { roleRoutes } from './domains/roles/routes.ts';
import { schemeRoutes } from './domains/schemes/routes.ts';
import { channelRoutes } from './domains/channels/routes.ts';
import { postRoutes } from './domains/posts/routes.ts';
import { statusRoutes } from './domains/status/routes.ts';
import { preferenceRoutes } from './domains/preferences/routes.ts';
import { reactionRoutes } from './domains/reactions/routes.ts';
import { threadRoutes } from './domains/threads/routes.ts';
import { unreadRoutes } from './domains/posts/unread-routes.ts';
import { searchRoutes } from './domains/search/routes.ts';
import { fileSearchRoutes } from './domains/search/files-routes.ts';
import { webhookRoutes } from './domains/webhooks/routes.ts';
import { fileRoutes } from './domains/files/routes.ts';
import { emojiRoutes } from './domains/emoji/routes.ts';
import { commandRoutes } from './domains/commands/routes.ts';
import { actionRoutes } from './domains/actions/routes.ts';
import { oauthRoutes } from './domains/oauth/routes.ts';
import { guestRoutes } from './domains/guests/routes.ts';
import { termsRoutes } from './domains/terms/routes.ts';
import { brandRoutes } from './domains/brand/routes.ts';
import { noticeRoutes } from './domains/brand/notices.ts';

/** Every /api/v4 route, one list per area. */
export const allRoutes: Route[] = [
  ...userRoutes,
  ...mfaRoutes,
  ...passwordRoutes,
  ...auditRoutes,
  ...analyticsRoutes,
  ...tokenRoutes,
  ...botRoutes,
  ...teamRoutes,
  ...categoryRoutes,
  ...channelRoutes,
  ...postRoutes,
  ...statusRoutes,
  ...systemRoutes,
  ...roleRoutes,
  ...schemeRoutes,
  ...preferenceRoutes,
  ...reactionRoutes,
  ...threadRoutes,
  ...unreadRoutes,
  ...searchRoutes,
  ...fileSearchRoutes,
  ...webhookRoutes,
  ...fileRoutes,
  ...emojiRoutes,
  ...commandRoutes,
  ...actionRoutes,
  ...oauthRoutes,
  ...guestRoutes,
  ...termsRoutes,
  ...brandRoutes,
  ...noticeRoutes,
];
