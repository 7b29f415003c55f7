/** Users and units (admin only). */
import { api } from '../api.js';
import { formData, h } from '../dom.js';
import { t } from '../i18n.js';
import { state } from '../state.js';

interface User { id: string; username: string; displayName: string | null; role: string; unitId: string | null; active: boolean; createdAt: string }

export async function usersView(): Promise<HTMLElement> {
  const [{ users }, { units }] = await Promise.all([api<{ users: User[] }>('GET', '/users'), api<{ units: typeof state.units }>('GET', '/units')]);
  state.units = units;
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rerender = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const error = h('p.error', { role: 'alert' });
  const submit = (url: string, fix: (d: Record<string, string>) => object) => async (e: Event) => {
    e.preventDefault();
    try {
      await api('POST', url, fix(formData(e.target as HTMLFormElement)));
      rerender();
    } catch (err) {
      error.textContent = (err as Error).message;
    }
  };
  const unitOptions = [h('option', { value: '' }, '—'), units.map((u) => h('option', { value: u.id }, u.name))];
  return h(
    'section.users',
    null,
    h('div.bar', null, h('h1', null, t('nav.users'))),
    error,
    h(
      'div.columns',
      null,
      h(
        'div.col-main',
        null,
        h(
          'section.card',
          null,
          h('h2', null, t('users.title')),
          h(
            'table.plain',
            null,
            h('thead', null, h('tr', null, [t('username'), t('users.displayName'), t('users.role'), t('users.unit'), t('users.active'), ''].map((c) => h('th', null, c)))),
            h(
              'tbody',
              null,
              users.map((u) =>
                h(
                  'tr',
                  null,
                  h('td', null, u.username),
                  h('td', null, u.displayName ?? ''),
                  h('td', null, t(`roles.${u.role}`)),
                  h('td', null, u.unitId ? (unitName.get(u.unitId) ?? '') : ''),
                  h('td', null, u.active ? t('users.active') : t('users.locked')),
                  h('td', null, u.id === state.me?.id ? '' : h('button.link', { type: 'button', onclick: async () => { await api('PATCH', `/users/${u.id}`, { active: !u.active }); rerender(); } }, u.active ? t('users.lock') : t('users.unlock'))),
                ),
              ),
            ),
          ),
        ),
        h(
          'section.card',
          null,
          h('h2', null, t('users.units')),
          h('ul.units', null, units.map((u) => h('li', null, `${u.regionCode}  ${u.name}`, u.parentId ? h('span.muted', null, ` ⊂ ${unitName.get(u.parentId) ?? ''}`) : null))),
        ),
      ),
      h(
        'div.col-side',
        null,
        h(
          'form.card.stack',
          { onsubmit: submit('/users', (d) => ({ username: d.username, password: d.password, role: d.role, unitId: d.unitId || null, displayName: d.displayName || null })) },
          h('h2', null, t('users.add')),
          h('label', null, t('username'), h('input', { name: 'username', required: true, autocomplete: 'off' })),
          h('label', null, t('users.displayName'), h('input', { name: 'displayName' })),
          h('label', null, t('password'), h('input', { name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
          h('label', null, t('users.role'), h('select', { name: 'role' }, ['handler', 'dispatcher', 'supervisor', 'viewer', 'admin'].map((r) => h('option', { value: r }, t(`roles.${r}`))))),
          h('label', null, t('users.unit'), h('select', { name: 'unitId' }, unitOptions)),
          h('button.primary', { type: 'submit' }, t('users.add')),
        ),
        h(
          'form.card.stack',
          { onsubmit: submit('/units', (d) => ({ name: d.name, regionCode: d.regionCode, parentId: d.parentId || null })) },
          h('h2', null, t('users.addUnit')),
          h('label', null, t('users.name'), h('input', { name: 'name', required: true })),
          h('label', null, t('users.regionCode'), h('input', { name: 'regionCode', required: true, pattern: '\\d{6}', inputmode: 'numeric' })),
          h('label', null, t('users.parent'), h('select', { name: 'parentId' }, unitOptions.map((o) => (o instanceof Node ? o.cloneNode(true) : o)))),
          h('button.primary', { type: 'submit' }, t('users.addUnit')),
        ),
      ),
    ),
  );
}
