import { useEffect, useState } from 'react';
import { errorText } from '../api.ts';
import { navigate } from '../router.ts';
import { openPost } from './post-actions.ts';

/** `/{team}/pl/{post_id}`: finds the post's channel and opens it there, scrolled to the post. */
export function Permalink({ team, postId }: { team: string; postId: string }) {
  const [error, setError] = useState('');
  useEffect(() => {
    openPost(team, postId, true).catch((err) => setError(errorText(err)));
  }, [team, postId]);
  if (!error) return <div className="center-page muted">Opening the message…</div>;
  return (
    <div className="center-page">
      <div className="card" role="alert">
        <h1>Message not found</h1>
        <p className="muted">The message was deleted or is in a channel you cannot read. ({error})</p>
        <button className="btn primary" onClick={() => navigate(`/${team}/channels/town-square`)}>
          Back to chat
        </button>
      </div>
    </div>
  );
}
