import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export type ApiData<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: ApiError };

/**
 * Loads data for a page and reloads on request. A reload keeps showing the current data until
 * the new answer arrives, so lists do not flash empty after every change.
 */
export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<ApiData<T>>({ status: 'loading', data: undefined, error: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    try {
      const data = await loadRef.current();
      if (current === generation.current) setState({ status: 'ready', data, error: undefined });
    } catch (caught) {
      if (current !== generation.current) return;
      const error =
        caught instanceof ApiError
          ? caught
          : new ApiError(
              'unexpected_response',
              'Something went wrong while loading this. Please try again.',
              0,
            );
      setState({ status: 'error', data: undefined, error });
    }
  }, []);

  // The caller's values decide when to load again; compared by value, so inline arrays are fine.
  const depsKey = JSON.stringify(deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: depsKey stands for the caller's values.
  useEffect(() => {
    void reload();
    return () => {
      generation.current += 1;
    };
  }, [depsKey, reload]);

  return { ...state, reload, setData: (data: T) => setState({ status: 'ready', data, error: undefined }) };
}

/** Turns anything thrown by an API call into words for the person. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
