/** The ticket page: details, analysis, photos, transcript, history, and the casework actions. */
import { api } from '../api.js';
import { formData, h, mount } from '../dom.js';
import { fmtTime, t } from '../i18n.js';
import { state } from '../state.js';
import { badge } from './inbox.js';

interface Detail {
  ticket: Record<string, any>;
  events: { id: string; action: string; actor: string; actorName: string; note: string | null; internal: boolean; createdAt: string; toStatus: string | null }[];
  transcript: { id: string; direction: string; kind: string; text: string | null; createdAt: string; attachments: { id: string }[] }[];
  attachments: { id: string; mime: string }[];
  actions: string[];
  rejectReasons: { code: string; label: string }[];
}

const field = (label: string, input: HTMLElement) => h('label', null, label, input);
const textarea = (name: string, required = true) => h('textarea', { name, rows: 3, required, maxlength: 2000 });

function actionForm(name: string, d: Detail, users: { id: string; username: string; displayName: string | null; unitId: string | null }[]): HTMLElement[] {
  switch (name) {
    case 'accept':
      return [field(t('action.noteLabel'), textarea('note', false))];
    case 'reject':
      return [
        h('fieldset.reasons', null, h('legend', null, t('action.reason')), d.rejectReasons.map((r, i) => h('label.radio', null, h('input', { type: 'radio', name: 'reason', value: r.code, required: true, checked: i === 0 }), h('span', null, r.label)))),
        field(t('action.noteLabel'), textarea('note', false)),
      ];
    case 'assign': {
      const assignee = h('select', { name: 'assigneeId' }, h('option', { value: '' }, '—'));
      const unit = h(
        'select',
        {
          name: 'unitId',
          required: true,
          onchange: () => mount(assignee, h('option', { value: '' }, '—'), users.filter((u) => u.unitId === unit.value).map((u) => h('option', { value: u.id }, u.displayName ?? u.username))),
        },
        state.units.map((u) => h('option', { value: u.id, selected: u.id === d.ticket.unitId || (!d.ticket.unitId && u.regionCode === d.ticket.regionCode) }, `${u.name}（${u.regionCode}）`)),
      );
      queueMicrotask(() => unit.dispatchEvent(new Event('change')));
      return [field(t('action.unitLabel'), unit), field(t('action.assigneeLabel'), assignee), field(t('action.noteLabel'), textarea('note', false))];
    }
    case 'transfer':
      return [field(t('action.target'), h('input', { name: 'target', required: true, maxlength: 200 })), field(t('action.noteLabel'), textarea('note', false))];
    case 'merge':
      return [field(t('action.into'), h('input', { name: 'into', required: true, pattern: '[Tt][Ss]\\d{8}-\\d{4}', placeholder: 'TS20260101-0001' }))];
    case 'close':
      return [field(t('action.result'), textarea('result'))];
    case 'case-decision':
      return [field(t('action.reason'), h('select', { name: 'opened' }, h('option', { value: 'true' }, t('action.opened')), h('option', { value: 'false' }, t('action.notOpened')))), field(t('action.noteLabel'), textarea('note', false))];
    case 'extend':
    case 'escalate':
      return [field(t('action.noteLabel').replace(/（可选）| \(optional\)/, ''), textarea('note'))];
    default:
      return [field(t('action.text'), textarea('text'))];
  }
}

function body(name: string, data: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (v !== '') out[k] = v;
  if (name === 'case-decision') out.opened = data.opened === 'true';
  if (name === 'assign') out.assigneeId = data.assigneeId || null;
  return out;
}

function actionsPanel(d: Detail, rerender: () => void, users: Parameters<typeof actionForm>[2]): HTMLElement {
  const area = h('div.action-area');
  const error = h('p.error', { role: 'alert' });
  const open = (name: string) => {
    error.textContent = '';
    const form: HTMLFormElement = h(
      'form.action-form',
      {
        'data-action': name,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            await api('POST', `/tickets/${d.ticket.id}/${name}`, body(name, formData(form)));
            rerender();
          } catch (err) {
            error.textContent = (err as Error).message;
          }
        },
      },
      h('h3', null, t(`action.${name}`)),
      actionForm(name, d, users),
      error,
      h('div.row', null, h('button.primary', { type: 'submit' }, t('action.submit')), h('button', { type: 'button', onclick: () => mount(area) }, t('action.cancel'))),
    );
    mount(area, form);
    form.querySelector<HTMLElement>('input,textarea,select')?.focus();
  };
  const buttons = d.actions.filter((a) => a !== 'reveal').map((a) => h(`button.act-${a}` as 'button', { type: 'button', 'data-action': a, onclick: () => open(a) }, t(`action.${a}`)));
  return h('section.card.actions', null, h('h2', null, t('ticket.actions')), buttons.length ? h('div.buttons', null, buttons) : h('p.muted', null, '—'), area);
}

function analysisBlock(a: Record<string, any> | null): HTMLElement | null {
  if (!a) return null;
  const conf = (a.confidence ?? {}) as Record<string, number>;
  const rows = (['intent', 'category', 'severity', 'region', 'enterprise'] as const)
    .filter((k) => a[k] !== undefined && a[k] !== null)
    .map((k) =>
      h(
        'div.label-row',
        null,
        h('span.key', null, t(`analysis.${k}`)),
        h('span.val', null, k === 'category' ? t(`category.${a[k]}`) : k === 'severity' ? t(`severity.${a[k]}`) : k === 'intent' ? t(`analysis.${a[k]}`) : String(a[k])),
        conf[k] !== undefined ? h('span.conf', { title: t('ticket.confidence') }, h('span.meter', null, h('span', { style: `width:${Math.round(conf[k]! * 100)}%` })), `${Math.round(conf[k]! * 100)}%`) : null,
      ),
    );
  return h('section.card', null, h('h2', null, t('ticket.analysis')), rows);
}

/** 受理决定 · 7 个工作日 · 依据… for the ticket's current stage. */
function limitText(tk: Record<string, any>): HTMLElement | null {
  const stage = tk.dueStage ? state.policy?.stages[tk.dueStage] : undefined;
  if (!stage || !tk.dueAt || ['closed', 'rejected', 'transferred', 'merged'].includes(tk.status)) return null;
  return h(
    'span',
    null,
    `${fmtTime(tk.dueAt, true)} · ${stage.label} · ${t(stage.unit === 'working' ? 'ticket.workingDays' : 'ticket.calendarDays', { n: stage.days })}${tk.extended ? ` + ${stage.extensionDays ?? ''}` : ''}`,
    stage.basis ? h('div.muted.basis', { title: state.policy?.source ?? '' }, `${t('policy')}：${stage.basis}`) : null,
  );
}

export async function ticketView(id: string): Promise<HTMLElement> {
  const d = await api<Detail>('GET', `/tickets/${id}`);
  const users = d.actions.includes('assign') ? (await api<{ users: Parameters<typeof actionForm>[2] }>('GET', '/users')).users.filter((u: any) => u.role === 'handler' || !('role' in u)) : [];
  const tk = d.ticket;
  const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const reporter = h('span', null, tk.anonymous ? t('ticket.anonymous') : [tk.reporterName ?? '—', ' ', tk.reporterPhone ?? '']);
  const reveal = d.actions.includes('reveal')
    ? h('button.link.reveal', {
        type: 'button',
        onclick: async (e: Event) => {
          const r = await api<{ reporterName: string | null; reporterPhone: string | null }>('POST', `/tickets/${tk.id}/reveal`);
          mount(reporter, `${r.reporterName ?? '—'} ${r.reporterPhone ?? ''}`);
          (e.target as HTMLButtonElement).replaceWith(h('span.muted', null, t('ticket.revealed')));
        },
      }, t('ticket.reveal'))
    : null;
  const dl = (rows: [string, unknown][]) => h('dl', null, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v as any)]));
  const photos = d.attachments.length
    ? h('div.photos', null, d.attachments.map((a) => h('a', { href: `/admin/api/attachments/${a.id}`, target: '_blank' }, h('img', { src: `/admin/api/attachments/${a.id}`, alt: t('ticket.photos'), loading: 'lazy' }))))
    : h('p.muted', null, t('ticket.noPhotos'));
  return h(
    'section.ticket',
    null,
    h('a.back', { href: '#/' }, t('ticket.back')),
    h(
      'div.bar',
      null,
      h('h1', null, tk.number),
      badge('st', tk.status, t(`status.${tk.status}`)),
      badge('sev', tk.severity, t(`severity.${tk.severity}`)),
      h('span.muted', null, t(`kind.${tk.kind}`)),
      tk.dueAt && !['closed', 'rejected', 'transferred', 'merged'].includes(tk.status) ? h('span', null, `${t('ticket.due')}：${fmtTime(tk.dueAt, true)} `, tk.dueState !== 'ok' ? badge('due', tk.dueState, t(`dueState.${tk.dueState}`)) : null) : null,
    ),
    h(
      'div.columns',
      null,
      h(
        'div.col-main',
        null,
        h(
          'section.card',
          null,
          h('h2', null, t('ticket.details')),
          h('p.description', null, tk.description),
          dl([
            [t('ticket.business'), tk.businessName],
            [t('ticket.address'), tk.address],
            [t('ticket.region'), tk.regionCode ? `${tk.regionName ?? ''} ${tk.regionCode}`.trim() : null],
            [t('ticket.incident'), tk.incidentText],
            [t('ticket.reporter'), h('span', null, reporter, ' ', reveal)],
            [t('ticket.limit'), limitText(tk)],
            [t('ticket.unit'), tk.unitName],
            [t('ticket.assignee'), tk.assignee ? (tk.assignee.displayName ?? tk.assignee.username) : null],
            [t('ticket.mergedInto'), tk.mergedInto ? h('a', { href: `#/t/${tk.mergedInto.id}` }, tk.mergedInto.number) : null],
            [t('ticket.merged'), tk.merged?.length ? tk.merged.map((m: any) => h('a', { href: `#/t/${m.id}` }, m.number, ' ')) : null],
            [t('ticket.result'), tk.result],
            [t('ticket.satisfaction'), tk.satisfaction ? `${'★'.repeat(tk.satisfaction)}${tk.satisfactionComment ? ` ${tk.satisfactionComment}` : ''}` : null],
          ]),
        ),
        analysisBlock(tk.analysis),
        h('section.card', null, h('h2', null, t('ticket.photos')), photos),
        h(
          'section.card',
          null,
          h('h2', null, t('ticket.transcript')),
          h(
            'div.transcript',
            null,
            d.transcript.map((m) =>
              h(
                `div.msg.${m.direction}` as 'div',
                null,
                h('div.bubble', null, m.text ?? (m.kind === 'image' ? '' : m.kind), m.attachments.map((a) => h('img', { src: `/admin/api/attachments/${a.id}`, alt: '' }))),
                h('div.meta', null, `${m.direction === 'in' ? t('ticket.citizen') : t('ticket.bot')} · ${fmtTime(m.createdAt)}`),
              ),
            ),
          ),
        ),
      ),
      h(
        'div.col-side',
        null,
        actionsPanel(d, rerender, users),
        h(
          'section.card',
          null,
          h('h2', null, t('ticket.history')),
          h(
            'ol.history',
            null,
            d.events.map((e) =>
              h(
                'li',
                { class: e.internal ? 'internal' : '' },
                h('div', null, h('strong', null, t(`events.${e.action}`)), e.internal ? h('span.tag', null, t('ticket.internal')) : null),
                e.note ? h('div.note', null, e.note) : null,
                h('div.meta', null, `${e.actor === 'citizen' ? t('ticket.citizen') : e.actor === 'system' ? t('ticket.system') : e.actorName} · ${fmtTime(e.createdAt)}`),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
