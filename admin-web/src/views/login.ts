import { api, ApiError, setCsrf } from '../api.js';
import { formData, h } from '../dom.js';
import { lang, setLang, t } from '../i18n.js';

/** The sign-in form. */
export function loginView(onDone: () => Promise<void>): HTMLElement {
  const error = h('p.error', { role: 'alert' });
  const form = h(
    'form.login.card',
    {
      onsubmit: async (e: Event) => {
        e.preventDefault();
        error.textContent = '';
        try {
          const me = await api<{ csrfToken: string }>('POST', '/login', formData(form));
          setCsrf(me.csrfToken);
          await onDone();
        } catch (err) {
          error.textContent = err instanceof ApiError && err.status === 401 ? t('loginFailed') : err instanceof ApiError && err.status === 429 ? t('loginThrottled') : (err as Error).message;
        }
      },
    },
    h('h1', null, t('appName')),
    h('label', null, t('username'), h('input', { name: 'username', autocomplete: 'username', required: true })),
    h('label', null, t('password'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    error,
    h('button.primary', { type: 'submit' }, t('login')),
    h('button.link', { type: 'button', onclick: () => (setLang(lang === 'en' ? 'zh-CN' : 'en'), location.reload()) }, t('lang')),
  );
  return h('div.login-page', null, form);
}
