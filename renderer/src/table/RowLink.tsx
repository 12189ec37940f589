import type { MouseEvent, ReactNode } from 'react';
import { routeHref, type Route } from '../lib/router.ts';

/** A link inside a table row: follows itself without also opening the row. */
export function RowLink({ route, children }: { route: Route; children: ReactNode }) {
  return (
    <a
      href={routeHref(route)}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      className="row-link"
    >
      {children}
    </a>
  );
}
