import type { ApiError } from '../api/client';

export function ErrorNote({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert" data-testid="error">
      <strong>{error.message}</strong>
      {error.hint ? <div className="hint">{error.hint}</div> : null}
    </div>
  );
}
