import { useSyncExternalStore } from 'react';

/** Hash routes name the record and the tab, so back/forward and reload land on the same screen. */
export type Route =
  | { page: 'cases' }
  | { page: 'case'; id: string; tab: CaseTab }
  | { page: 'settings' };

export const CASE_TABS = ['overview'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'cases' && parts[1]) {
    const tab = (CASE_TABS as readonly string[]).includes(parts[2] ?? '') ? (parts[2] as CaseTab) : 'overview';
    return { page: 'case', id: parts[1], tab };
  }
  return { page: 'cases' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'cases':
      return '#/cases';
    case 'settings':
      return '#/settings';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}/${route.tab}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
