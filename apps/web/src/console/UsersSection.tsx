import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorText } from '../api.ts';
import { displayName, useStore } from '../store.ts';
import { Avatar } from '../ui/Avatar.tsx';

const isAdmin = (u: UserProfile) => u.roles.split(' ').includes('system_admin');

/** People on the server: search, create, activate/deactivate, admin role, revoke sessions. */
export function UsersSection() {
  const me = useStore((s) => s.me);
  const [term, setTerm] = useState('');
  const [users, setUsers] = useState<UserProfile[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [creating, setCreating] = useState(false);

  const load = useCallback(async (search: string) => {
    const list = search.trim()
      ? await client.searchUsers(search.trim(), { allow_inactive: true, limit: 100 })
      : await client.getProfiles(0, 100, { sort: '' });
    setUsers(list);
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
      <header className="console-header row">
        <div>
          <h1 id="console-title">Users</h1>
          <p className="muted">Everyone with an account on this server.</p>
        </div>
        <button className="btn primary" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
          {creating ? 'Cancel' : 'Add user'}
        </button>
      </header>
      {creating && (
        <CreateUserForm
          onCreated={(u) => {
            setCreating(false);
            void act(Promise.resolve(), `Created @${u.username}.`);
          }}
        />
      )}
      <input
        className="search console-search"
        placeholder="Search by name, username or email"
        aria-label="Search users"
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
        <table className="console-table" aria-label="Users">
          <thead>
            <tr>
              <th>Person</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th className="actions-col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((u) => {
              const active = u.delete_at === 0;
              const self = u.id === me?.id;
              return (
                <tr key={u.id} data-username={u.username} className={active ? '' : 'inactive'}>
                  <td>
                    <div className="person">
                      <Avatar user={u} size={30} />
                      <div>
                        <strong>{displayName(u)}</strong>
                        <div className="muted small">@{u.username}</div>
                      </div>
                    </div>
                  </td>
                  <td className="muted">{u.email}</td>
                  <td>
                    <span className={`pill${isAdmin(u) ? ' admin' : ''}`}>
                      {isAdmin(u) ? 'System admin' : 'Member'}
                    </span>
                  </td>
                  <td>
                    <span className={`pill${active ? ' ok' : ' off'}`}>
                      {active ? 'Active' : 'Deactivated'}
                    </span>
                  </td>
                  <td className="actions-col">
                    <button
                      className="btn small"
                      disabled={self}
                      onClick={() =>
                        void act(
                          client.updateUserRoles(
                            u.id,
                            isAdmin(u) ? 'system_user' : 'system_user system_admin',
                          ),
                          isAdmin(u) ? `@${u.username} is now a member.` : `@${u.username} is now an admin.`,
                        )
                      }
                    >
                      {isAdmin(u) ? 'Make member' : 'Make admin'}
                    </button>
                    <button
                      className="btn small"
                      onClick={() =>
                        void act(
                          client.revokeAllSessionsForUser(u.id),
                          `Signed @${u.username} out everywhere.`,
                        )
                      }
                    >
                      Revoke sessions
                    </button>
                    <button
                      className={`btn small${active ? ' danger' : ''}`}
                      disabled={self}
                      onClick={() =>
                        void act(
                          client.updateUserActive(u.id, !active),
                          active ? `Deactivated @${u.username}.` : `Activated @${u.username}.`,
                        )
                      }
                    >
                      {active ? 'Deactivate' : 'Activate'}
                    </button>
                  </td>
                </tr>
              );
            })}
            {users?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted empty">
                  No one matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (u: UserProfile) => void }) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const user = await client.createUser(
        { username: username.trim(), email: email.trim(), password } as never,
        '',
        '',
      );
      onCreated(user);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="console-card create-user" onSubmit={submit} aria-label="New user">
      <label className="field">
        <span>Username</span>
        <input value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label className="field">
        <span>Email</span>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      <button className="btn primary" type="submit">
        Create user
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
