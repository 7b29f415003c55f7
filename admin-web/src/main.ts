/**
 * The admin console: a hash router over a handful of views. Plain
 * TypeScript and the DOM (see README: front-end choice).
 */
import './style.css';
import { api, ApiError, setCsrf } from './api.js';
import { h, mount } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { readsTickets, state, type Me } from './state.js';
import { banner, startStream } from './stream.js';
import { auditView } from './views/audit.js';
import { channelsView } from './views/channels.js';
import { dashboardView } from './views/dashboard.js';
import { inboxView } from './views/inbox.js';
import { loginView } from './views/login.js';
import { ticketView } from './views/ticket.js';
import { usersView } from './views/users.js';

const app = document.getElementById('app')!;
setLang(lang);

export function navigate(hash: string) {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

async function loadSession(): Promise<boolean> {
  try {
    const me = await api<Me>('GET', '/me');
    state.me = me;
    setCsrf(me.csrfToken);
    if (me.role !== 'viewer') state.units = (await api<{ units: typeof state.units }>('GET', '/units')).units;
    state.policy = (await api<{ policy: typeof state.policy }>('GET', '/policy')).policy;
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return false;
    throw err;
  }
}

function shell(main: HTMLElement): HTMLElement {
  const me = state.me!;
  const route = location.hash.split('?')[0] || '#/';
  const link = (hash: string, label: string) => h('a', { href: hash, class: route === hash || (hash === '#/' && route.startsWith('#/t/')) ? 'active' : '' }, label);
  const notices = h('button.notices', { type: 'button', title: t('notices'), onclick: () => toggleNotices(noticeBox) }, t('notices'), h('span.count', null));
  const noticeBox = h('div.notice-box', { hidden: true });
  void refreshNotices(notices, noticeBox);
  return h(
    'div.layout',
    null,
    h(
      'header.top',
      null,
      h('a.brand', { href: readsTickets() ? '#/' : '#/dashboard' }, t('appName')),
      h(
        'nav',
        null,
        readsTickets() && link('#/', t('nav.inbox')),
        link('#/dashboard', t('nav.dashboard')),
        me.role === 'admin' && link('#/users', t('nav.users')),
        me.role === 'admin' && link('#/channels', t('nav.channels')),
        me.role === 'admin' && link('#/audit', t('nav.audit')),
      ),
      h(
        'div.tools',
        null,
        notices,
        h('button.lang', { type: 'button', onclick: () => (setLang(lang === 'en' ? 'zh-CN' : 'en'), void render()) }, t('lang')),
        h('span.who', { title: t(`roles.${me.role}`) }, `${me.displayName ?? me.username} · ${t(`roles.${me.role}`)}`),
        h('button.link', { type: 'button', onclick: logout }, t('logout')),
      ),
      noticeBox,
    ),
    banner,
    h('main', null, main),
  );
}

async function refreshNotices(button: HTMLElement, box: HTMLElement) {
  try {
    const { notices } = await api<{ notices: { id: string; text: string; ticketId: string | null; readAt: string | null; createdAt: string }[] }>('GET', '/notices');
    const unread = notices.filter((n) => !n.readAt);
    button.querySelector('.count')!.textContent = unread.length ? String(unread.length) : '';
    mount(
      box,
      unread.length
        ? unread.map((n) =>
            h('a.notice', {
              href: n.ticketId && readsTickets() ? `#/t/${n.ticketId}` : '#/dashboard',
              onclick: () => void api('POST', `/notices/${n.id}/read`).catch(() => {}),
            }, n.text),
          )
        : h('p.muted', null, t('noNotices')),
    );
  } catch {
    /* notices are a convenience */
  }
}

function toggleNotices(box: HTMLElement) {
  box.hidden = !box.hidden;
}

async function logout() {
  await api('POST', '/logout').catch(() => {});
  state.me = null;
  location.hash = '#/';
  void render();
}

let rendering = 0;
let lastRoute = '';
export async function render(): Promise<void> {
  const seq = ++rendering;
  if (!state.me && !(await loadSession())) {
    mount(app, loginView(async () => {
      await loadSession();
      startStream();
      navigate(readsTickets() ? '#/' : '#/dashboard');
    }));
    return;
  }
  startStream();
  const [route, query = ''] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query);
  let view: HTMLElement;
  try {
    if (route?.startsWith('/t/')) view = await ticketView(route.slice(3));
    else if (route === '/dashboard' || !readsTickets()) view = await dashboardView(params);
    else if (route === '/users') view = await usersView();
    else if (route === '/audit') view = await auditView(params);
    else if (route === '/channels') view = await channelsView();
    else view = await inboxView(params);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      state.me = null;
      return render();
    }
    view = h('div.card.error', null, h('h2', null, t('error')), h('p', null, (err as Error).message));
  }
  if (seq !== rendering) return;
  document.title = t('appName');
  mount(app, shell(view));
  // A new page starts at the top; a live reload of the same page keeps the place.
  if (route !== lastRoute) window.scrollTo(0, 0);
  lastRoute = route ?? '';
}

window.addEventListener('hashchange', () => void render());
void render();
