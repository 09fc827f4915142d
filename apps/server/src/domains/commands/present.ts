import type { CommandRow } from './store.ts';
import type { CommandResponse } from './types.ts';

/** Command objects as Mattermost answers them. */

export function presentCommand(c: CommandRow) {
  return {
    id: c.id,
    token: c.token,
    create_at: Number(c.create_at),
    update_at: Number(c.update_at),
    delete_at: Number(c.delete_at),
    creator_id: c.creator_id,
    team_id: c.team_id,
    trigger: c.trigger,
    method: c.method,
    username: c.username,
    icon_url: c.icon_url,
    auto_complete: c.auto_complete,
    auto_complete_desc: c.auto_complete_desc,
    auto_complete_hint: c.auto_complete_hint,
    display_name: c.display_name,
    description: c.description,
    url: c.url,
  };
}

export type PresentedCommand = ReturnType<typeof presentCommand>;

/** What any team member may see of a command (Mattermost's Command.Sanitize): no secrets, no target. */
export function sanitizeCommand(c: PresentedCommand): PresentedCommand {
  return { ...c, token: '', creator_id: '', method: '', url: '', username: '', icon_url: '' };
}

/** A CommandResponse with every field, as Go encodes model.CommandResponse. */
export function presentCommandResponse(r: CommandResponse): Record<string, unknown> {
  return {
    response_type: r.response_type ?? '',
    text: r.text ?? '',
    username: r.username ?? '',
    channel_id: r.channel_id ?? '',
    icon_url: r.icon_url ?? '',
    type: r.type ?? '',
    props: r.props ?? null,
    goto_location: r.goto_location ?? '',
    trigger_id: r.trigger_id ?? '',
    skip_slack_parsing: r.skip_slack_parsing === true,
    attachments: r.attachments ?? null,
    extra_responses: r.extra_responses ? r.extra_responses.map(presentCommandResponse) : null,
  };
}
