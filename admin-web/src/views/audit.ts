/** The audit log (admin): logins, reveals, every ticket action. */
import { api, qs } from '../api.js';
import { h } from '../dom.js';
import { fmtTime, t } from '../i18n.js';

interface Entry { id: string; username: string | null; action: string; ticketId: string | null; ticketNumber: string | null; detail: string | null; ip: string | null; createdAt: string }

export async function auditView(params: URLSearchParams): Promise<HTMLElement> {
  const { total, entries } = await api<{ total: number; entries: Entry[] }>('GET', `/audit${qs({ action: params.get('action') ?? undefined })}`);
  return h(
    'section.audit',
    null,
    h('div.bar', null, h('h1', null, t('audit.title')), h('span.muted', null, String(total))),
    h(
      'table.plain.audit-table',
      null,
      h('thead', null, h('tr', null, ['time', 'who', 'action', 'ticket', 'detail', 'ip'].map((c) => h('th', null, t(`audit.${c}`))))),
      h(
        'tbody',
        null,
        entries.map((e) =>
          h(
            'tr',
            { class: e.action === 'reveal' ? 'reveal' : '' },
            h('td', { 'data-label': t('audit.time') }, fmtTime(e.createdAt)),
            h('td', { 'data-label': t('audit.who') }, e.username ?? '—'),
            h('td', { 'data-label': t('audit.action') }, h('a', { href: `#/audit?action=${encodeURIComponent(e.action)}` }, e.action)),
            h('td', { 'data-label': t('audit.ticket') }, e.ticketId ? h('a', { href: `#/t/${e.ticketId}` }, e.ticketNumber ?? e.ticketId) : '—'),
            h('td.detail', { 'data-label': t('audit.detail') }, e.detail ?? ''),
            h('td', { 'data-label': t('audit.ip') }, e.ip ?? ''),
          ),
        ),
      ),
    ),
  );
}
