import { useSyncExternalStore } from 'react';

/** Hash routes name the record and the tab, so back/forward and reload land on the same screen. */
export const CASE_TABS = [
  'overview',
  'subjects',
  'links',
  'seizures',
  'detentions',
  'penalties',
  'verifications',
  'timeline',
  'evidence',
  'audit',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export const SECTIONS = [
  'search',
  'cases',
  'entities',
  'duplicates',
  'screening',
  'seizures',
  'detentions',
  'penalties',
  'checks',
  'inspections',
  'audits',
  'deadlines',
] as const;
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
  | { page: 'checks' }
  | { page: 'check'; id: string }
  | { page: 'inspections' }
  | { page: 'inspection'; id: string }
  | { page: 'audits' }
  | { page: 'audit'; id: string }
  | { page: 'deadlines' }
  | { page: 'duplicates' }
  | { page: 'chart'; entityId: string }
  | { page: 'search'; q: string }
  | { page: 'screening'; entityId?: string | undefined }
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, sub, subId] = parts;
  switch (head) {
    case 'settings':
      return { page: 'settings' };
    case 'deadlines':
      return { page: 'deadlines' };
    case 'search':
      return { page: 'search', q: id ?? '' };
    case 'screening':
      return { page: 'screening', entityId: id };
    case 'duplicates':
      return { page: 'duplicates' };
    case 'chart':
      return id ? { page: 'chart', entityId: id } : { page: 'entities' };
    case 'entities':
      return id ? { page: 'entity', id } : { page: 'entities' };
    case 'seizures':
      return id ? { page: 'seizure', id, itemId: sub === 'items' ? subId : undefined } : { page: 'seizures' };
    case 'detentions':
      return id ? { page: 'detention', id } : { page: 'detentions' };
    case 'penalties':
      return id ? { page: 'penalty', id } : { page: 'penalties' };
    case 'checks':
      return id ? { page: 'check', id } : { page: 'checks' };
    case 'inspections':
      return id ? { page: 'inspection', id } : { page: 'inspections' };
    case 'audits':
      return id ? { page: 'audit', id } : { page: 'audits' };
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
    case 'check':
      return `#/checks/${e(route.id)}`;
    case 'inspection':
      return `#/inspections/${e(route.id)}`;
    case 'audit':
      return `#/audits/${e(route.id)}`;
    case 'chart':
      return `#/chart/${e(route.entityId)}`;
    case 'search':
      return route.q ? `#/search/${e(route.q)}` : '#/search';
    case 'screening':
      return route.entityId ? `#/screening/${e(route.entityId)}` : '#/screening';
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
    case 'chart':
      return 'entities';
    case 'seizure':
      return 'seizures';
    case 'detention':
      return 'detentions';
    case 'penalty':
      return 'penalties';
    case 'check':
      return 'checks';
    case 'inspection':
      return 'inspections';
    case 'audit':
      return 'audits';
    default:
      return route.page;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/**
 * The screen shown follows the URL's hash, unless a blocker (a form with unsaved changes) holds
 * the screen: then the URL is put back and the blocker asks the user (see lib/unsaved.tsx). This
 * covers every way of leaving: links, navigate(), back and forward, a typed URL.
 */
type Blocker = (target: string) => boolean;
let blocker: Blocker | null = null;
let shown = window.location.hash;
let allowed: string | null = null;
const listeners = new Set<() => void>();

export function setNavigationBlocker(b: Blocker | null): void {
  blocker = b;
}

/** Goes to `hash` even though a blocker would hold it (after the user chose to save or discard). */
export function proceedTo(hash: string): void {
  allowed = hash;
  if (window.location.hash === hash) onHashChange();
  else window.location.hash = hash;
}

function onHashChange(): void {
  const target = window.location.hash;
  if (target === shown) return;
  if (allowed !== target && blocker?.(target)) {
    history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${shown}`);
    return;
  }
  allowed = null;
  shown = target;
  for (const l of listeners) l();
}
window.addEventListener('hashchange', onHashChange);

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => shown);
  return parseRoute(hash);
}
