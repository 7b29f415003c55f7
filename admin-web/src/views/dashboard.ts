/** 汇总分析: key figures and charts over the same filters as the inbox, plus CSV export of the filtered tickets. */
import { api, qs } from '../api.js';
import { exportButton } from '../download.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { barList, columnChart, type Point } from '../charts.js';
import { readsTickets } from '../state.js';
import { filterForm, queryOf } from './inbox.js';

interface Stats {
  total: number; perDay: Point[]; byCategory: Point[]; byRegion: Point[]; byStatus: Point[]; closed: number;
  closedInTimeShare: number | null; medianHoursToAccept: number | null; medianHoursToClose: number | null; satisfactionAverage: number | null; satisfactionCount: number;
}

const kpi = (label: string, value: string, id: string) => h('div.kpi', { 'data-kpi': id }, h('div.value', null, value), h('div.label', null, label));
const hours = (n: number | null) => (n === null ? t('dash.none') : t('dash.hours', { n: n < 10 ? n.toFixed(1) : Math.round(n) }));

export async function dashboardView(params: URLSearchParams): Promise<HTMLElement> {
  const query = { ...queryOf(params), status: params.get('status') ?? 'all' };
  const s = await api<Stats>('GET', `/dashboard${qs({ ...query, days: 30 })}`);
  const card = (title: string, body: Node) => h('section.card.chart-card', null, h('h2', null, title), body);
  return h(
    'section.dashboard',
    null,
    h('div.bar', null, h('h1', null, t('dash.title')), h('span.muted', null, t('dash.days', { n: 30 })), readsTickets() ? exportButton(() => `/admin/api/tickets.csv${qs(query)}`, 'tickets.csv', t('filters.csv')) : null),
    readsTickets() ? filterForm(new URLSearchParams({ ...query }), '#/dashboard') : null,
    h(
      'div.kpis',
      null,
      kpi(t('dash.total'), String(s.total), 'total'),
      kpi(t('dash.closed'), String(s.closed), 'closed'),
      kpi(t('dash.inTime'), s.closedInTimeShare === null ? t('dash.none') : `${Math.round(s.closedInTimeShare * 100)}%`, 'in-time'),
      kpi(t('dash.toAccept'), hours(s.medianHoursToAccept), 'to-accept'),
      kpi(t('dash.toClose'), hours(s.medianHoursToClose), 'to-close'),
      kpi(t('dash.satisfaction'), s.satisfactionAverage === null ? t('dash.none') : `${s.satisfactionAverage.toFixed(1)} / 5（${s.satisfactionCount}）`, 'satisfaction'),
    ),
    h(
      'div.charts',
      null,
      h('section.card.chart-card.wide', null, h('h2', null, t('dash.perDay')), columnChart(s.perDay, (d) => d.slice(5))),
      card(t('dash.byStatus'), barList(s.byStatus, (n) => t(`status.${n}`))),
      card(t('dash.byCategory'), barList(s.byCategory, (n) => t(`category.${n}`))),
      card(t('dash.byRegion'), barList(s.byRegion, (n) => (n === 'unknown' ? t('category.unknown') : n))),
    ),
  );
}
