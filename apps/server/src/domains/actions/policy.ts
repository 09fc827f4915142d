/** Finding a post's interactive actions (Mattermost's Post.GetAction and PostActionRetainPropKeys). */

export interface PostAction {
  id: string;
  type: string;
  data_source: string;
  integration: { url: string; context: Record<string, unknown> };
}

/** Props an integration's update may not change: they say who really posted. */
export const RETAINED_PROPS = ['from_webhook', 'override_username', 'override_icon_url'] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The action with `actionId` among the post's attachments, or null. */
export function findAction(props: unknown, actionId: string): PostAction | null {
  if (!isObject(props) || !Array.isArray(props.attachments)) return null;
  for (const attachment of props.attachments) {
    if (!isObject(attachment) || !Array.isArray(attachment.actions)) continue;
    for (const action of attachment.actions) {
      if (!isObject(action) || action.id !== actionId) continue;
      const integration = isObject(action.integration) ? action.integration : {};
      return {
        id: actionId,
        type: typeof action.type === 'string' ? action.type : '',
        data_source: typeof action.data_source === 'string' ? action.data_source : '',
        integration: {
          url: typeof integration.url === 'string' ? integration.url : '',
          context: isObject(integration.context) ? integration.context : {},
        },
      };
    }
  }
  return null;
}

/** Action ids must be present for clients to click; upstream fills missing ones (GenerateActionIds). */
export function withActionIds(props: Record<string, unknown>, newId: () => string): Record<string, unknown> {
  if (!Array.isArray(props.attachments)) return props;
  const attachments = props.attachments.map((a: unknown) => {
    if (!isObject(a) || !Array.isArray(a.actions)) return a;
    return {
      ...a,
      actions: a.actions.map((action: unknown) =>
        isObject(action) && !action.id ? { ...action, id: newId() } : action,
      ),
    };
  });
  return { ...props, attachments };
}
