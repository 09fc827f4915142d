import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Whatever breaks while rendering, the user sees what happened and a way out, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Parley crashed while rendering', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="center-page">
        <div className="card" role="alert">
          <h1>Something went wrong</h1>
          <p className="muted">The page hit an unexpected error: {this.state.error.message}</p>
          <button className="btn primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
