/** Messaging channels (admin): their state, and the WeChat sign-in QR code while one is waiting to be scanned. */
import { api } from '../api.js';
import { h } from '../dom.js';
import { fmtTime, t } from '../i18n.js';

interface ChannelInfo { name: string; up: boolean; detail?: string; login?: { state: string; since: string; user?: string } }

/** While a QR code waits to be scanned, the view reloads itself so a new code or the sign-in shows. */
const REFRESH_MS = 5000;
let timer: number | undefined;

export async function channelsView(): Promise<HTMLElement> {
  window.clearTimeout(timer);
  const { channels } = await api<{ channels: ChannelInfo[] }>('GET', '/channels');
  const waiting = channels.some((c) => c.login?.state === 'scan');
  if (waiting) {
    timer = window.setTimeout(() => {
      if (location.hash.startsWith('#/channels')) window.dispatchEvent(new HashChangeEvent('hashchange'));
    }, REFRESH_MS);
  }
  return h(
    'section.channels',
    null,
    h('div.bar', null, h('h1', null, t('channels.title'))),
    h(
      'table.plain',
      null,
      h('thead', null, h('tr', null, ['name', 'state', 'detail'].map((c) => h('th', null, t(`channels.${c}`))))),
      h(
        'tbody',
        null,
        channels.map((c) =>
          h(
            'tr',
            null,
            h('td', { 'data-label': t('channels.name') }, t(`channels.names.${c.name}`)),
            h('td', { 'data-label': t('channels.state') }, h(c.up ? 'span.badge.ch-up' : 'span.badge.ch-down', null, t(c.up ? 'channels.up' : 'channels.down'))),
            h(
              'td',
              { 'data-label': t('channels.detail') },
              c.login
                ? [t(`channels.login.${c.login.state}`), ' · ', t('channels.since', { time: fmtTime(c.login.since) }), c.login.user ? [' · ', t('channels.as', { user: c.login.user })] : null]
                : (c.detail ?? ''),
            ),
          ),
        ),
      ),
    ),
    channels
      .filter((c) => c.login?.state === 'scan')
      .map((c) =>
        h(
          'div.qr-card',
          null,
          h('p', null, t('channels.scanHint')),
          h('img.qr', { src: `/admin/api/channels/${c.name}/qrcode.png?at=${Date.now()}`, alt: t(`channels.login.scan`), width: '240', height: '240' }),
        ),
      ),
  );
}
