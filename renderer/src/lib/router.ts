import { useSyncExternalStore } from 'react';

/** Hash routes name the record and the tab, so back/forward and reload land on the same screen. */
export const CASE_TABS = ['overview', 'subjects', 'seizures', 'detentions', 'penalties', 'evidence', 'audit'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export const SECTIONS = ['cases', 'entities', 'seizures', 'detentions', 'penalties', 'deadlines'] as const;
export type Section = (typeof SECTIONS)[number];

export type Route =
  | { page: 'cases' }
  | { page: 'case'; id: string; tab: CaseTab }
  | { page: 'entities' }
  | { page: 'entity'; id: string }
  | { page: 'seizures' }
  | { page: 'seizure'; id: string; itemId?: string | undefined }
  | { page: 'detentions' }
  | { page: 'detention'; id: string }
  | { page: 'penalties' }
  | { page: 'penalty'; id: string }
  | { page: 'deadlines' }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, subId] = parts;
  switch (head) {
    case 'settings':
      return { page: 'settings' };
    case 'deadlines':
      return { page: 'deadlines' };
    case 'entities':
      return id ? { page: 'entity', id } : { page: 'entities' };
    case 'seizures':
      return id ? { page: 'seizure', id, itemId: sub === 'items' ? subId : undefined } : { page: 'seizures' };
    case 'detentions':
      return id ? { page: 'detention', id } : { page: 'detentions' };
    case 'penalties':
      return id ? { page: 'penalty', id } : { page: 'penalties' };
    case 'cases':
      if (id) {
        const tab = (CASE_TABS as readonly string[]).includes(sub ?? '') ? (sub as CaseTab) : 'overview';
        return { page: 'case', id, tab };
      }
      return { page: 'cases' };
    default:
      return { page: 'cases' };
  }
}

export function routeHref(route: Route): string {
  const e = encodeURIComponent;
  switch (route.page) {
    case 'case':
      return `#/cases/${e(route.id)}/${route.tab}`;
    case 'entity':
      return `#/entities/${e(route.id)}`;
    case 'seizure':
      return route.itemId ? `#/seizures/${e(route.id)}/items/${e(route.itemId)}` : `#/seizures/${e(route.id)}`;
    case 'detention':
      return `#/detentions/${e(route.id)}`;
    case 'penalty':
      return `#/penalties/${e(route.id)}`;
    default:
      return `#/${route.page}`;
  }
}

/** The left-navigation section a route belongs to. */
export function sectionOf(route: Route): Section | 'settings' {
  switch (route.page) {
    case 'case':
      return 'cases';
    case 'entity':
      return 'entities';
    case 'seizure':
      return 'seizures';
    case 'detention':
      return 'detentions';
    case 'penalty':
      return 'penalties';
    default:
      return route.page;
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
