import { Notice } from '../Notice';

/** Why the whole form was not saved (a problem no single field owns), announced as it appears. */
export function FormProblem({ title, message }: { title: string; message: string | null }) {
  if (!message) return null;
  return (
    <Notice tone="caution" role="alert" title={title}>
      <p>{message}</p>
    </Notice>
  );
}
