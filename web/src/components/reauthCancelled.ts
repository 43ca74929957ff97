/** Thrown when the person closes the "confirm it's you" dialog; callers simply stop. */
export class ReauthCancelled extends Error {
  override readonly name = 'ReauthCancelled';
}

export function isReauthCancelled(error: unknown): error is ReauthCancelled {
  return error instanceof ReauthCancelled;
}
