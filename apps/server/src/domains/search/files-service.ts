import type { App, Session } from '../../app.ts';
import { badRequest } from '../../errors/app-error.ts';
import { requireTeamPermission } from '../../permissions/authorize.ts';
import { presentFileInfo, type FileInfoJson } from '../files/present.ts';
import { searchFileInfos } from './files-store.ts';
import { MAX_OFFSET, searchScope, type SearchRequest } from './service.ts';
import { dateWindow, parseSearch } from './syntax.ts';

/**
 * File search (Mattermost's SearchFilesInTeamForUser): the post search's syntax and channel
 * scope, matched against file names, with ext: narrowing by extension.
 */

export interface FileSearchResults {
  order: string[];
  file_infos: Record<string, FileInfoJson>;
  next_file_info_id: string;
  prev_file_info_id: string;
}

export const invalidFileSearchBody = () =>
  badRequest('api.post.search_files.invalid_body.app_error', 'Unable to parse the search parameters.');

const emptyResults = (): FileSearchResults => ({
  order: [],
  file_infos: {},
  next_file_info_id: '',
  prev_file_info_id: '',
});

export async function searchFiles(
  app: App,
  session: Session,
  teamId: string | null,
  request: SearchRequest,
): Promise<FileSearchResults> {
  if (teamId !== null) await requireTeamPermission(app, session, teamId, 'view_team');
  const offset = request.page * request.perPage;
  if (offset >= MAX_OFFSET) return emptyResults();
  const parsed = parseSearch(request.terms);
  const scope = await searchScope(app, session, teamId, request, parsed);
  if (!scope) return emptyResults();
  const { since, until } = dateWindow(parsed, request.timeZoneOffset);
  const rows = await searchFileInfos(app.db, {
    channelIds: scope.channels.map((c) => c.id),
    terms: parsed.terms,
    orSearch: request.isOrSearch,
    fromUserIds: scope.fromUserIds,
    excludedUserIds: scope.excludedUserIds,
    extensions: parsed.extensions,
    excludedExtensions: parsed.excludedExtensions,
    since,
    until,
    offset,
    limit: request.perPage,
  });
  const out = emptyResults();
  for (const row of rows) {
    out.order.push(row.id);
    out.file_infos[row.id] = presentFileInfo(row);
  }
  return out;
}
