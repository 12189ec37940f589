import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BlueprintProvider } from '@blueprintjs/core';
import type { ReactNode } from 'react';
import '@blueprintjs/core/lib/css/blueprint.css';
import '@blueprintjs/icons/lib/css/blueprint-icons.css';
import '@blueprintjs/select/lib/css/blueprint-select.css';
import './app.css';
import './pages/detentions/enforcement.css';
import { LocaleProvider, useT } from './i18n/index.tsx';
import { ThemeProvider } from './lib/theme.tsx';
import { SettingsProvider } from './lib/settings.tsx';
import { MarkingProvider } from './lib/marking.tsx';
import { App } from './App.tsx';

// Icons load by name as they are first drawn, each from its own chunk of the app (never from the
// network: Dossier runs offline). Loading all ~3,000 up front kept the first screen waiting ~2 s.

/** Blueprint's own texts (the shortcuts dialog) in the user's language. */
function LocalizedBlueprint({ children }: { children: ReactNode }) {
  const t = useT();
  return <BlueprintProvider hotkeysProviderDialogProps={{ title: t('nav.shortcuts') }}>{children}</BlueprintProvider>;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <LocaleProvider>
        <LocalizedBlueprint>
          <SettingsProvider>
            <MarkingProvider>
              <App />
            </MarkingProvider>
          </SettingsProvider>
        </LocalizedBlueprint>
      </LocaleProvider>
    </ThemeProvider>
  </StrictMode>,
);
