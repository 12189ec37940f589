import type { ReactNode } from 'react';

/** The shell of a list screen: its title and main action above the record table. */
export function ListPage(props: { className: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className={`page ${props.className}`}>
      <header className="page-header">
        <h1>{props.title}</h1>
        {props.actions}
      </header>
      {props.children}
    </div>
  );
}
