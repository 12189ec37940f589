import { useState } from 'react';
import { Button, Card, Tag } from '@blueprintjs/core';
import type { Anchor } from '../../../db/api.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { call } from '../lib/client.ts';
import { useQuery } from '../lib/useQuery.tsx';
import { DateTimeText } from '../components/DateText.tsx';

/** The first 16 bytes of a key fingerprint in groups of four (as `dossier check` prints it). */
function shortFingerprint(fp: string): string {
  return (fp.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

function anchorText(anchor: Anchor): string {
  return `${JSON.stringify(anchor, null, 2)}\n`;
}

/**
 * The signed head of the audit chain, to hand to a supervisor or a prosecutor: whoever holds it
 * can later prove with `dossier check --anchor FILE` that nothing before it was changed or removed.
 */
export function ChainPanel() {
  const t = useT();
  const f = useFormat();
  const head = useQuery(() => call('audit.head', {}), 'chain');
  const [copied, setCopied] = useState(false);
  const data = head.data;
  const anchor = data?.anchor ?? null;
  const ours = anchor !== null && data?.thisDevice.fingerprint === anchor.fingerprint;

  const download = (a: Anchor) => {
    const url = URL.createObjectURL(new Blob([anchorText(a)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `dossier-anchor-${a.seq}.json`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Card compact className="panel" aria-labelledby="chain-title">
      <h2 className="panel-title" id="chain-title">
        {t('settings.chain')}
      </h2>
      <p className="muted">{t('settings.chain.help')}</p>
      {data && (
        <dl className="facts facts-wide">
          <dt>{t('settings.chain.records')}</dt>
          <dd>{f.number(data.records)}</dd>
          {anchor ? (
            <>
              <dt>{t('settings.chain.head')}</dt>
              <dd>{t('settings.chain.headValue', { seq: f.number(anchor.seq) })}</dd>
              <dt>{t('settings.chain.hash')}</dt>
              <dd className="mono break" title={anchor.hash}>
                {anchor.hash}
              </dd>
              <dt>{t('settings.chain.signed')}</dt>
              <dd>
                <DateTimeText value={anchor.signed_at} />
              </dd>
              <dt>{t('settings.chain.key')}</dt>
              <dd>
                <span className="mono" title={anchor.fingerprint}>
                  {shortFingerprint(anchor.fingerprint)}
                </span>{' '}
                <Tag minimal intent={ours ? 'success' : 'none'}>
                  {t(ours ? 'settings.chain.thisDevice' : 'settings.chain.otherDevice')}
                </Tag>
              </dd>
            </>
          ) : (
            <>
              <dt>{t('settings.chain.head')}</dt>
              <dd>{t('settings.chain.none')}</dd>
            </>
          )}
          <dt>{t('settings.chain.thisKey')}</dt>
          <dd className="mono" title={data.thisDevice.fingerprint}>
            {shortFingerprint(data.thisDevice.fingerprint)}
          </dd>
        </dl>
      )}
      {anchor && (
        <div className="form-actions">
          <Button
            icon={copied ? 'tick' : 'clipboard'}
            text={t(copied ? 'settings.chain.copied' : 'settings.chain.copy')}
            onClick={() => void navigator.clipboard?.writeText(anchorText(anchor)).then(() => setCopied(true))}
          />
          <Button icon="download" text={t('settings.chain.save')} onClick={() => download(anchor)} />
          <Button
            icon="refresh"
            text={t('settings.chain.refresh')}
            onClick={() => void head.reload().then(() => setCopied(false))}
          />
        </div>
      )}
    </Card>
  );
}
