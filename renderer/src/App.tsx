import { lazy, Suspense, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Button, HotkeysContext, NonIdealState, Spinner, useHotkeys, type HotkeyConfig } from '@blueprintjs/core';
import { useLocale, useT, LOCALES } from './i18n/index.tsx';
import { navigate, sectionOf, useRoute, type Route, type Section } from './lib/router.ts';
import { useSettings } from './lib/settings.tsx';
import { useTheme } from './lib/theme.tsx';
import { useMarking } from './lib/marking.tsx';
import { transport, ApiError } from './lib/client.ts';
import { MarkingBanner } from './components/Tags.tsx';
import { CommandPalette, type PaletteAction } from './components/CommandPalette.tsx';
import { CheckDialog } from './components/CheckDialog.tsx';
import { ImportDialog } from './pages/import/ImportDialog.tsx';
import { runMenuCommand } from './lib/menuCommands.ts';
import { toast } from './lib/toaster.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { UnsavedChangesPrompt } from './lib/unsaved.tsx';
import { WriteState } from './components/WriteState.tsx';
import { CaseListPage } from './pages/cases/CaseListPage.tsx';
import { LazyChartPage } from './pages/chart/lazy.tsx';
import { NewCaseDialog } from './pages/cases/NewCaseDialog.tsx';
import { ProfileDialog } from './pages/ProfileDialog.tsx';

// Each page loads with its first visit (the case list, the first screen, ships with the app).
const CasePage = lazy(() => import('./pages/cases/CasePage.tsx').then((m) => ({ default: m.CasePage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));
const EntitiesPage = lazy(() => import('./pages/entities/EntitiesPage.tsx').then((m) => ({ default: m.EntitiesPage })));
const EntityPage = lazy(() => import('./pages/entities/EntityPage.tsx').then((m) => ({ default: m.EntityPage })));
const SeizuresPage = lazy(() => import('./pages/seizures/SeizuresPage.tsx').then((m) => ({ default: m.SeizuresPage })));
const SeizurePage = lazy(() => import('./pages/seizures/SeizurePage.tsx').then((m) => ({ default: m.SeizurePage })));
const DetentionsPage = lazy(() => import('./pages/detentions/DetentionsPage.tsx').then((m) => ({ default: m.DetentionsPage })));
const DetentionPage = lazy(() => import('./pages/detentions/DetentionPage.tsx').then((m) => ({ default: m.DetentionPage })));
const PenaltiesPage = lazy(() => import('./pages/penalties/PenaltiesPage.tsx').then((m) => ({ default: m.PenaltiesPage })));
const PenaltyPage = lazy(() => import('./pages/penalties/PenaltyPage.tsx').then((m) => ({ default: m.PenaltyPage })));
const ChecksPage = lazy(() => import('./pages/checks/ChecksPage.tsx').then((m) => ({ default: m.ChecksPage })));
const CheckPage = lazy(() => import('./pages/checks/CheckPage.tsx').then((m) => ({ default: m.CheckPage })));
const InspectionsPage = lazy(() =>
  import('./pages/inspections/InspectionsPage.tsx').then((m) => ({ default: m.InspectionsPage })),
);
const InspectionPage = lazy(() => import('./pages/inspections/InspectionPage.tsx').then((m) => ({ default: m.InspectionPage })));
const AuditsPage = lazy(() => import('./pages/audits/AuditsPage.tsx').then((m) => ({ default: m.AuditsPage })));
const AuditPage = lazy(() => import('./pages/audits/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const DeadlinesPage = lazy(() => import('./pages/deadlines/DeadlinesPage.tsx').then((m) => ({ default: m.DeadlinesPage })));
const DuplicatesPage = lazy(() => import('./pages/duplicates/DuplicatesPage.tsx').then((m) => ({ default: m.DuplicatesPage })));
const SearchPage = lazy(() => import('./pages/search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const ScreeningPage = lazy(() => import('./pages/screening/ScreeningPage.tsx').then((m) => ({ default: m.ScreeningPage })));

/**
 * A dialog is open: the single-key shortcuts (N, /) are not for the page behind it. A key that
 * reaches the page while a dialog's field re-renders must not take the user away from the dialog.
 */
function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

function PageLoading() {
  const t = useT();
  return (
    <div className="page-center">
      <Spinner aria-label={t('common.loading')} />
    </div>
  );
}

const isMac = navigator.platform.toLowerCase().includes('mac');

function Page({ route, onNewCase }: { route: Route; onNewCase(): void }) {
  switch (route.page) {
    case 'cases':
      return <CaseListPage onNewCase={onNewCase} />;
    case 'case':
      return <CasePage id={route.id} tab={route.tab} />;
    case 'entities':
      return <EntitiesPage />;
    case 'entity':
      return <EntityPage id={route.id} />;
    case 'seizures':
      return <SeizuresPage />;
    case 'seizure':
      return <SeizurePage id={route.id} itemId={route.itemId} />;
    case 'detentions':
      return <DetentionsPage />;
    case 'detention':
      return <DetentionPage id={route.id} />;
    case 'penalties':
      return <PenaltiesPage />;
    case 'penalty':
      return <PenaltyPage id={route.id} />;
    case 'checks':
      return <ChecksPage />;
    case 'check':
      return <CheckPage id={route.id} />;
    case 'inspections':
      return <InspectionsPage />;
    case 'inspection':
      return <InspectionPage id={route.id} />;
    case 'audits':
      return <AuditsPage />;
    case 'audit':
      return <AuditPage id={route.id} />;
    case 'deadlines':
      return <DeadlinesPage />;
    case 'duplicates':
      return <DuplicatesPage />;
    case 'chart':
      return <LazyChartPage entityId={route.entityId} />;
    case 'search':
      return <SearchPage q={route.q} />;
    case 'screening':
      return <ScreeningPage entityId={route.entityId} />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const t = useT();
  const route = useRoute();
  const locale = useLocale();
  const theme = useTheme();
  const marking = useMarking();
  const { error: settingsError } = useSettings();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [newCaseOpen, setNewCaseOpen] = useState(false);
  const [checkOpen, setCheckOpen] = useState(false);
  const [importOpen, setImportOpen] = useState<'import' | 'verify' | null>(null);
  const [, dispatchHotkeys] = useContext(HotkeysContext);
  const showShortcuts = useCallback(() => dispatchHotkeys({ type: 'OPEN_DIALOG' }), [dispatchHotkeys]);
  // File > Export case and File > Print belong to the page in view; elsewhere, say where they are.
  const pageCommand = useCallback(
    (command: 'export-case' | 'print') => {
      if (!runMenuCommand(command)) toast({ message: t(`menu.unavailable.${command}`), intent: 'primary', icon: 'info-sign' });
    },
    [t],
  );

  const hotkeys = useMemo<HotkeyConfig[]>(
    () => [
      {
        combo: 'mod+k',
        global: true,
        allowInInput: true,
        preventDefault: true,
        label: t('shortcuts.palette'),
        group: t('shortcuts.group.global'),
        onKeyDown: () => setPaletteOpen(true),
      },
      {
        combo: 'n',
        global: true,
        label: t('shortcuts.newCase'),
        group: t('shortcuts.group.global'),
        onKeyDown: () => {
          if (!dialogOpen()) setNewCaseOpen(true);
        },
      },
      {
        combo: '/',
        global: true,
        preventDefault: true,
        label: t('shortcuts.focusSearch'),
        group: t('shortcuts.group.global'),
        onKeyDown: () => {
          if (dialogOpen()) return;
          if (route.page !== 'cases') navigate({ page: 'cases' });
          setTimeout(() => document.getElementById('case-search')?.focus(), 0);
        },
      },
      {
        combo: 'mod+p',
        global: true,
        allowInInput: true,
        preventDefault: true,
        label: t('shortcuts.print'),
        group: t('shortcuts.group.global'),
        onKeyDown: () => pageCommand('print'),
      },
      {
        combo: 'mod+s',
        global: true,
        allowInInput: true,
        label: t('shortcuts.save'),
        group: t('shortcuts.group.global'),
        onKeyDown: () => undefined,
      },
    ],
    [t, route.page, pageCommand],
  );
  const { handleKeyDown, handleKeyUp } = useHotkeys(hotkeys);

  // The desktop menu (File > New case, Help > Keyboard shortcuts) arrives through the preload.
  useEffect(
    () =>
      window.dossier?.onMenu?.((command) => {
        if (command === 'new-case') setNewCaseOpen(true);
        else if (command === 'shortcuts') showShortcuts();
        else if (command === 'palette') setPaletteOpen(true);
        else if (command === 'check') setCheckOpen(true);
        else if (command === 'import-package') setImportOpen('import');
        else if (command === 'verify-package') setImportOpen('verify');
        else pageCommand(command);
      }),
    [showShortcuts, pageCommand],
  );

  const otherLocale = LOCALES.find((l) => l !== locale.locale) ?? 'en';
  const actions = useMemo<PaletteAction[]>(
    () => [
      { id: 'new-case', label: t('palette.action.newCase'), hint: 'N', run: () => setNewCaseOpen(true) },
      { id: 'search', label: t('palette.action.search'), run: () => navigate({ page: 'search', q: '' }) },
      { id: 'cases', label: t('palette.action.cases'), run: () => navigate({ page: 'cases' }) },
      ...(
        ['entities', 'duplicates', 'seizures', 'detentions', 'penalties', 'checks', 'inspections', 'audits', 'deadlines'] as const
      ).map((page) => ({
        id: `goto-${page}`,
        label: t('palette.action.goto', { section: t(`nav.${page}`) }),
        run: () => navigate({ page }),
      })),
      { id: 'check', label: t('palette.action.check'), run: () => setCheckOpen(true) },
      ...(route.page === 'case'
        ? [{ id: 'export-case', label: t('palette.action.exportCase'), run: () => pageCommand('export-case') }]
        : []),
      ...(route.page === 'case' || route.page === 'seizure'
        ? [{ id: 'print', label: t('palette.action.print'), run: () => pageCommand('print') }]
        : []),
      { id: 'import-package', label: t('palette.action.importPackage'), run: () => setImportOpen('import') },
      { id: 'verify-package', label: t('palette.action.verifyPackage'), run: () => setImportOpen('verify') },
      { id: 'settings', label: t('palette.action.settings'), run: () => navigate({ page: 'settings' }) },
      {
        id: 'language',
        label: t('palette.action.language', { language: t(`language.${otherLocale}`) }),
        run: () => locale.setPreference(otherLocale),
      },
      {
        id: 'theme',
        label: t('palette.action.theme', { theme: t(theme.dark ? 'settings.theme.light' : 'settings.theme.dark').toLowerCase() }),
        run: () => theme.setPreference(theme.dark ? 'light' : 'dark'),
      },
      { id: 'shortcuts', label: t('palette.action.shortcuts'), hint: '?', run: showShortcuts },
    ],
    [t, otherLocale, locale, theme, showShortcuts, route.page, pageCommand],
  );

  const unauthorized = settingsError instanceof ApiError && settingsError.code === 'unauthorized';
  const section = sectionOf(route);
  const navItems: { page: Section; icon: string }[] = [
    { page: 'search', icon: 'search' },
    { page: 'cases', icon: 'folder-close' },
    { page: 'entities', icon: 'people' },
    { page: 'duplicates', icon: 'git-merge' },
    { page: 'screening', icon: 'shield' },
    { page: 'seizures', icon: 'box' },
    { page: 'detentions', icon: 'hand' },
    { page: 'penalties', icon: 'dollar' },
    { page: 'checks', icon: 'endorsed' },
    { page: 'inspections', icon: 'search-template' },
    { page: 'audits', icon: 'clipboard' },
    { page: 'deadlines', icon: 'calendar' },
  ];

  return (
    <div className="app" onKeyDown={handleKeyDown} onKeyUp={handleKeyUp}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header" role="banner">
        <span className="brand">{t('app.name')}</span>
        {marking && <MarkingBanner marking={marking} />}
        <span className="header-spacer" />
        <Button
          variant="minimal"
          icon="search"
          className="palette-button"
          text={<span className="muted">{t('header.palette')}</span>}
          endIcon={<kbd className="kbd">{isMac ? '⌘K' : 'Ctrl+K'}</kbd>}
          onClick={() => setPaletteOpen(true)}
        />
        <WriteState />
        <span className="transport muted">{t(`header.transport.${transport}`)}</span>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.map((item) => (
            <li key={item.page}>
              <a
                href={`#/${item.page}`}
                className={section === item.page ? 'active' : undefined}
                aria-current={section === item.page ? 'page' : undefined}
              >
                <span className={`bp6-icon bp6-icon-${item.icon}`} aria-hidden="true" />
                {t(`nav.${item.page}`)}
              </a>
            </li>
          ))}
        </ul>
        <ul className="nav-bottom">
          <li>
            <button type="button" className="nav-button" onClick={showShortcuts}>
              <span className="bp6-icon bp6-icon-key-command" aria-hidden="true" />
              {t('nav.shortcuts')}
            </button>
          </li>
          <li>
            <a
              href="#/settings"
              className={route.page === 'settings' ? 'active' : undefined}
              aria-current={route.page === 'settings' ? 'page' : undefined}
            >
              <span className="bp6-icon bp6-icon-cog" aria-hidden="true" />
              {t('nav.settings')}
            </a>
          </li>
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        {unauthorized ? (
          <NonIdealState icon="lock" title={t('error.title')} description={t('error.unauthorized')} />
        ) : (
          <ErrorBoundary resetKey={JSON.stringify(route)}>
            <Suspense fallback={<PageLoading />}>
              <Page route={route} onNewCase={() => setNewCaseOpen(true)} />
            </Suspense>
          </ErrorBoundary>
        )}
      </main>
      {!unauthorized && <ProfileDialog />}
      <CheckDialog isOpen={checkOpen} onClose={() => setCheckOpen(false)} />
      {importOpen && <ImportDialog isOpen purpose={importOpen} onClose={() => setImportOpen(null)} />}
      <UnsavedChangesPrompt />
      <NewCaseDialog isOpen={newCaseOpen} onClose={() => setNewCaseOpen(false)} />
      <CommandPalette isOpen={paletteOpen} onClose={() => setPaletteOpen(false)} actions={actions} />
    </div>
  );
}
