/** The inbox: filters, search, the urgency-ordered list, CSV export; reloads when a new ticket arrives. */
import { api, qs } from '../api.js';
import { formData, h, type Child } from '../dom.js';
import { exportButton } from '../download.js';
import { fmtTime, t } from '../i18n.js';
import { state } from '../state.js';

interface Row {
  id: string; number: string; kind: string; status: string; severity: string; category: string | null; businessName: string | null;
  description: string; regionCode: string | null; unitName: string | null; dueAt: string | null; dueState: string; createdAt: string;
}

const FILTERS = ['status', 'kind', 'severity', 'due', 'category', 'unit', 'region', 'q'] as const;

function select(name: string, current: string | null, options: [string, string][]) {
  return h('select', { name, 'aria-label': t(`filters.${name}`) }, options.map(([v, label]) => h('option', { value: v, selected: v === (current ?? '') }, label)));
}

export function filterForm(params: URLSearchParams, target: string): HTMLFormElement {
  const any = (key: string): [string, string] => ['', `${t(`filters.${key}`)}：${t('filters.all')}`];
  const form = h(
    'form.filters',
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        const data = formData(form);
        const p = new URLSearchParams();
        for (const k of FILTERS) if (data[k]) p.set(k, data[k]!);
        location.hash = `${target}?${p.toString()}`;
      },
    },
    select('status', params.get('status') ?? 'open', [['open', `${t('filters.status')}：${t('filters.open')}`], ['all', `${t('filters.status')}：${t('filters.all')}`], ...['pending', 'accepted', 'processing', 'closed', 'rejected', 'transferred', 'merged'].map((s): [string, string] => [s, t(`status.${s}`)])]),
    select('kind', params.get('kind'), [any('kind'), ['complaint', t('kind.complaint')], ['report', t('kind.report')]]),
    select('severity', params.get('severity'), [any('severity'), ['urgent', t('severity.urgent')], ['high', t('severity.high')], ['normal', t('severity.normal')]]),
    select('due', params.get('due'), [any('due'), ['soon', t('dueState.soon')], ['overdue', t('dueState.overdue')]]),
    select('category', params.get('category'), [any('category'), ...['spoiled', 'foreign_object', 'illness', 'hygiene', 'unlicensed', 'additive', 'labeling', 'other'].map((c): [string, string] => [c, t(`category.${c}`)])]),
    state.units.length ? select('unit', params.get('unit'), [any('unit'), ['none', t('filters.none')], ...state.units.map((u): [string, string] => [u.id, u.name])]) : null,
    h('input', { name: 'region', placeholder: t('filters.region'), value: params.get('region') ?? '', inputmode: 'numeric', pattern: '\\d{2,6}', size: 8 }),
    h('input.search', { name: 'q', type: 'search', placeholder: t('filters.search'), value: params.get('q') ?? '' }),
    h('button.primary', { type: 'submit' }, t('filters.apply')),
  );
  return form;
}

export function queryOf(params: URLSearchParams): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = params.get(k);
    if (v) q[k] = v;
  }
  if (!q.status) q.status = 'open';
  return q;
}

export const badge = (kind: string, value: string, label = value) => h(`span.badge.${kind}-${value}` as 'span', null, label);

export async function inboxView(params: URLSearchParams): Promise<HTMLElement> {
  const query = queryOf(params);
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const { total, tickets, pageSize } = await api<{ total: number; tickets: Row[]; pageSize: number }>('GET', `/tickets${qs({ ...query, page })}`);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (n: number, label: string) => {
    const p = new URLSearchParams(params);
    p.set('page', String(n));
    return h('a.button', { href: `#/?${p.toString()}`, 'aria-disabled': n < 1 || n > pages ? 'true' : null, class: n < 1 || n > pages ? 'disabled' : '' }, label);
  };
  const cell = (col: string, ...content: Child[]) => h(col === 'description' ? 'td.desc' : 'td', { 'data-label': t(`cols.${col}`) }, h('div', null, ...content));
  const rows = tickets.map((r) =>
    h(
      'tr',
      { class: `row-${r.severity}`, 'data-number': r.number },
      cell('number', h('a', { href: `#/t/${r.id}` }, r.number)),
      cell('severity', badge('sev', r.severity, t(`severity.${r.severity}`))),
      cell('status', badge('st', r.status, t(`status.${r.status}`))),
      cell('kind', t(`kind.${r.kind}`), r.category ? h('div.muted', null, t(`category.${r.category}`)) : null),
      cell('business', r.businessName ?? '—'),
      cell('description', r.description),
      cell('unit', r.unitName ?? h('span.muted', null, t('filters.none'))),
      cell('due', fmtTime(r.dueAt, true), r.dueState !== 'ok' ? h('div', null, badge('due', r.dueState, t(`dueState.${r.dueState}`))) : null),
      cell('created', fmtTime(r.createdAt)),
    ),
  );
  const view = h(
    'section.inbox',
    null,
    h('div.bar', null, h('h1', null, t('nav.inbox')), h('span.muted', null, t('total', { n: total })), exportButton(() => `/admin/api/tickets.csv${qs({ ...query, pageSize: undefined })}`, 'tickets.csv', t('filters.csv'))),
    filterForm(params, '#/'),
    tickets.length
      ? h(
          'table.tickets',
          null,
          h('thead', null, h('tr', null, ['number', 'severity', 'status', 'kind', 'business', 'description', 'unit', 'due', 'created'].map((c) => h('th', null, t(`cols.${c}`))))),
          h('tbody', null, rows),
        )
      : h('p.empty.card', null, t('empty')),
    pages > 1 ? h('nav.pager', null, pageLink(page - 1, '‹'), h('span.muted', null, `${page} / ${pages}`), pageLink(page + 1, '›')) : null,
  );
  // Live: a new ticket reloads the list (once per arrival, while this view is shown).
  const onTicket = () => {
    if (document.body.contains(view)) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else window.removeEventListener('wst:ticket', onTicket);
  };
  window.addEventListener('wst:ticket', onTicket);
  return view;
}
