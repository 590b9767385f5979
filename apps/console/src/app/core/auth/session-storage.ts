import { InjectionToken } from '@angular/core';

/**
 * Where the refresh token survives a reload: this tab's sessionStorage (gone when the tab closes,
 * never shared with other tabs). A token so tests and non-browser runs can swap it.
 */
export const TOKEN_STORAGE = new InjectionToken<Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>>('TOKEN_STORAGE', {
  providedIn: 'root',
  factory: () => (typeof sessionStorage === 'undefined' ? memoryStorage() : sessionStorage),
});

export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}
