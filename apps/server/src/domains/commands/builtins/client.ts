import { revokeSession } from '../../sessions/service.ts';
import { savePreferences } from '../../preferences/service.ts';
import { searchPosts } from '../../search/service.ts';
import { ACCESS_TOKEN_SESSION_TYPE } from '../../tokens/session.ts';
import { ephemeral, type BuiltinCommand } from '../types.ts';

/**
 * Built-ins about the user's own session and view (Mattermost's command_logout/expand/collapse/
 * search). /help is in ./index.ts, since it lists the others.
 */

/** Results /search lists inline; the search view shows the rest. */
const SEARCH_SHOWN = 5;

const logout: BuiltinCommand = {
  trigger: 'logout',
  displayName: 'logout',
  description: 'Logout',
  hint: '',
  run: async (ctx) => {
    // Access-token sessions belong to a script, not to the person typing: only real logins end here.
    if (ctx.session.id && ctx.session.props.type !== ACCESS_TOKEN_SESSION_TYPE)
      await revokeSession(ctx.app, ctx.session.id);
    return { goto_location: '/login' };
  },
};

function previewCommand(trigger: 'expand' | 'collapse'): BuiltinCommand {
  const collapse = trigger === 'collapse';
  return {
    trigger,
    displayName: trigger,
    description: `Turn on auto-${collapse ? 'collapsing' : 'expanding'} of image previews`,
    hint: '',
    run: async (ctx) => {
      const userId = ctx.session.userId;
      await savePreferences(ctx.app, ctx.session, userId, [
        { user_id: userId, category: 'display_settings', name: 'collapse_previews', value: String(collapse) },
      ]);
      return ephemeral(`Image links now ${collapse ? 'collapse' : 'expand'} by default`);
    },
  };
}

const search: BuiltinCommand = {
  trigger: 'search',
  displayName: 'search',
  description: 'Search text in messages',
  hint: '[text]',
  run: async (ctx, message) => {
    const terms = message.trim();
    if (terms === '') return ephemeral('A search term must be provided with the /search command.');
    const results = await searchPosts(ctx.app, ctx.session, ctx.team?.id ?? null, {
      terms,
      isOrSearch: false,
      timeZoneOffset: 0,
      includeDeletedChannels: false,
      page: 0,
      perPage: SEARCH_SHOWN,
    });
    if (results.order.length === 0) return ephemeral(`No results for "${terms}".`);
    const team = ctx.team?.name ?? '';
    const lines = results.order.map((id) => {
      const post = results.posts[id] as { message?: string } | undefined;
      const text = (post?.message ?? '').replace(/\s+/gu, ' ').slice(0, 80);
      return `- [${text || id}](${ctx.siteUrl}/${team}/pl/${id})`;
    });
    return ephemeral(`Results for "${terms}":\n${lines.join('\n')}`);
  },
};

export const clientCommands: BuiltinCommand[] = [
  logout,
  previewCommand('expand'),
  previewCommand('collapse'),
  search,
];
