/**
 * New tickets arrive by server-sent events: the inbox reloads, and an urgent
 * ticket gets a banner and a short tone.
 */
import { h, mount } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

let source: EventSource | null = null;

/** One banner node for the whole session: re-renders of the page keep it and its message. */
export const banner = h('div#banner.banner', { hidden: true });

function beep() {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.1;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
  } catch {
    /* no audio: the banner is enough */
  }
}

export function startStream() {
  const role = state.me?.role;
  if (source || (role !== 'admin' && role !== 'dispatcher')) return;
  source = new EventSource('/admin/api/stream');
  source.addEventListener('ticket', (e) => {
    const tk = JSON.parse((e as MessageEvent).data) as { id: string; number: string; urgent: boolean };
    {
      banner.hidden = false;
      banner.className = `banner ${tk.urgent ? 'urgent' : ''}`;
      mount(banner, h('a', { href: `#/t/${tk.id}` }, `${tk.urgent ? t('urgentTicket') : t('newTicket')}：${tk.number}`), h('button.link', { type: 'button', onclick: () => (banner.hidden = true) }, '×'));
    }
    if (tk.urgent) beep();
    window.dispatchEvent(new CustomEvent('wst:ticket', { detail: tk }));
  });
}

export function stopStream() {
  source?.close();
  source = null;
}
