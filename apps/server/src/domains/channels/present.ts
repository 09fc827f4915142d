import { channelMemberRoles, type SchemeRoles } from '../../permissions/roles.ts';
import type { ChannelRow, ChannelWithTeamRow, MemberRow } from './store.ts';

/** Channel JSON as Mattermost returns it (model.Channel). */
export function presentChannel(c: ChannelRow) {
  return {
    id: c.id,
    create_at: Number(c.create_at),
    update_at: Number(c.update_at),
    delete_at: Number(c.delete_at),
    team_id: c.team_id,
    type: c.type,
    display_name: c.display_name,
    name: c.name,
    header: c.header,
    purpose: c.purpose,
    last_post_at: Number(c.last_post_at),
    last_root_post_at: Number(c.last_root_post_at),
    // Deprecated upstream since 5.0 but still serialised (always 0); the OpenAPI schema lists it.
    extra_update_at: 0,
    total_msg_count: Number(c.total_msg_count),
    total_msg_count_root: Number(c.total_msg_count_root),
    creator_id: c.creator_id,
    scheme_id: c.scheme_id,
    group_constrained: c.group_constrained,
    shared: c.shared,
    props: c.props && Object.keys(c.props).length > 0 ? c.props : null,
    policy_id: null,
  };
}

/** model.ChannelWithTeamData, the system console's search result. */
export function presentChannelWithTeam(c: ChannelWithTeamRow) {
  return {
    ...presentChannel(c),
    team_display_name: c.team_display_name ?? '',
    team_name: c.team_name ?? '',
    team_update_at: Number(c.team_update_at ?? 0),
  };
}

/**
 * model.ChannelMember: `roles` folds the scheme flags in, named by the channel's permission scheme
 * (`scheme`, see permissions/scheme-names.ts) when it has one; `explicit_roles` keeps the stored ones.
 */
export function presentMember(m: MemberRow, scheme?: SchemeRoles | null) {
  return {
    channel_id: m.channel_id,
    user_id: m.user_id,
    roles: channelMemberRoles(m, scheme),
    last_viewed_at: Number(m.last_viewed_at),
    msg_count: Number(m.msg_count),
    msg_count_root: Number(m.msg_count_root),
    mention_count: Number(m.mention_count),
    mention_count_root: Number(m.mention_count_root),
    urgent_mention_count: Number(m.urgent_mention_count),
    notify_props: m.notify_props,
    last_update_at: Number(m.last_update_at),
    scheme_guest: m.scheme_guest,
    scheme_user: m.scheme_user,
    scheme_admin: m.scheme_admin,
    explicit_roles: m.roles,
  };
}
