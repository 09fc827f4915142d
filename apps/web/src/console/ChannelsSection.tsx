import { useCallback, useEffect, useState } from 'react';
import type { ChannelWithTeamData } from '@mattermost/types/channels';
import { client, errorText } from '../api.ts';

const PER_PAGE = 100;

/**
 * Every public and private channel of every team (POST /channels/search, archived ones included):
 * search, archive and unarchive, make private or public.
 */
export function ChannelsSection() {
  const [term, setTerm] = useState('');
  const [channels, setChannels] = useState<ChannelWithTeamData[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const load = useCallback(async (search: string) => {
    const found = await client.searchAllChannels(search.trim(), {
      page: 0,
      per_page: PER_PAGE,
      include_deleted: true,
    });
    setChannels(found.channels);
    setTotal(found.total_count);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => load(term).catch((err) => setError(errorText(err))), 150);
    return () => clearTimeout(timer);
  }, [term, load]);

  const act = async (work: Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    try {
      await work;
      setNotice(done);
      await load(term);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section aria-labelledby="console-title">
      <header className="console-header">
        <h1 id="console-title">Channels</h1>
        <p className="muted">
          {channels ? `${total} ${total === 1 ? 'channel' : 'channels'} in all teams` : 'Loading…'}
        </p>
      </header>
      <input
        className="search console-search"
        placeholder="Search by channel name"
        aria-label="Search channels"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="console-card">
        <table className="console-table" aria-label="Channels">
          <thead>
            <tr>
              <th>Channel</th>
              <th>Team</th>
              <th>Access</th>
              <th>Status</th>
              <th className="actions-col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {channels?.map((c) => {
              const archived = c.delete_at > 0;
              const isPrivate = c.type === 'P';
              const title = c.display_name || c.name;
              return (
                <tr key={c.id} data-channel={c.name} className={archived ? 'inactive' : ''}>
                  <td>
                    <strong>{title}</strong>
                    <div className="muted small">~{c.name}</div>
                  </td>
                  <td className="muted">{c.team_display_name}</td>
                  <td>
                    <span className="pill">{isPrivate ? 'Private' : 'Public'}</span>
                  </td>
                  <td>
                    <span className={`pill${archived ? ' off' : ' ok'}`}>
                      {archived ? 'Archived' : 'Active'}
                    </span>
                  </td>
                  <td className="actions-col">
                    <button
                      className="btn small"
                      disabled={archived}
                      onClick={() =>
                        void act(
                          client.updateChannelPrivacy(c.id, isPrivate ? 'O' : 'P'),
                          isPrivate ? `${title} is now public.` : `${title} is now private.`,
                        )
                      }
                    >
                      {isPrivate ? 'Make public' : 'Make private'}
                    </button>
                    <button
                      className={`btn small${archived ? '' : ' danger'}`}
                      onClick={() =>
                        void act(
                          archived ? client.unarchiveChannel(c.id) : client.deleteChannel(c.id),
                          archived ? `Unarchived ${title}.` : `Archived ${title}.`,
                        )
                      }
                    >
                      {archived ? 'Unarchive' : 'Archive'}
                    </button>
                  </td>
                </tr>
              );
            })}
            {channels?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No channel matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
