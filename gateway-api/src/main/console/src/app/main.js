// The console's shell: navigation by hash (#search, #invoice/<id>, #operator, #upload, #verify,
// #signin), language switch, sign-in state, and the role checks: a view's link is shown only to
// the roles it is for, a view that needs data needs a token, and a 403 from the API becomes the
// "forbidden" view (the API stays the authority).
import { ApiError, mayUse } from './api.js';
import { el } from './dom.js';
import { language, setLanguage, t, translate } from './i18n.js';
import { renderInvoice } from './invoice-view.js';
import { renderOperator } from './operator-view.js';
import { renderSearch } from './search-view.js';
import { current, signIn, signOut } from './session.js';
import { renderUpload } from './upload-view.js';
import { renderVerify } from './verify-view.js';

const html = String.raw;

function renderSignIn(main) {
  const who = current();
  main.innerHTML = html`
    <h2 data-i18n="signin.title"></h2>
    <p data-i18n="signin.intro"></p>
    <form id="signin-form">
      <label for="token" data-i18n="signin.token"></label>
      <textarea id="token" rows="4" autocomplete="off" spellcheck="false"></textarea>
      <button type="submit" data-i18n="signin.submit"></button>
    </form>
    <p id="signin-state" role="status"></p>`;
  const state = main.querySelector('#signin-state');
  const show = (w) => {
    state.textContent = w ? t('signin.done', { sub: w.subject, roles: w.roles.join(', ') || '-' }) : t('signin.none');
  };
  show(who);
  main.querySelector('#signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const c = signIn(main.querySelector('#token').value);
    if (!c) {
      state.textContent = t('signin.bad');
      return;
    }
    show(current());
    renderNav();
    if (location.hash !== '#signin') route(); // signed in from a data view: show it now
  });
}

/** Shows an API failure where it happened: 401 → sign in, 403 → the forbidden view, else the problem. */
function fail(e, where) {
  const main = document.querySelector('#main');
  if (e instanceof ApiError && e.status === 401) {
    signOut();
    location.hash = '#signin';
    return;
  }
  if (e instanceof ApiError && e.status === 403) {
    const who = current();
    main.replaceChildren(el('section', { id: 'forbidden', class: 'forbidden', role: 'alert' },
      el('h2', {}, t('forbidden.title')),
      el('p', {}, t('forbidden.body', { roles: who?.roles.join(', ') || '-', detail: e.message }))));
    return;
  }
  (where ?? main).replaceChildren(el('p', { class: 'verdict bad', role: 'alert' },
    t('common.error', { detail: e instanceof ApiError ? `${e.status} ${e.message}` : String(e) })));
}

/** Views that show data: they need a token (the verifier works on chosen files and needs none). */
const DATA_VIEWS = {
  search: (main) => renderSearch(main, fail),
  invoice: (main, arg) => renderInvoice(main, fail, arg),
  operator: (main) => renderOperator(main, fail),
  upload: (main) => renderUpload(main, fail),
};
const VIEWS = { verify: renderVerify, signin: renderSignIn };

function renderNav() {
  const nav = document.querySelector('#nav');
  const who = current();
  const links = ['search', 'operator', 'upload'].filter((v) => who && mayUse(v, who))
    .map((v) => `<a href="#${v}" data-i18n="nav.${v}"></a>`).join('');
  nav.innerHTML = html`
    ${links}
    <a href="#verify" data-i18n="nav.verify"></a>
    ${who ? '<button id="signout" type="button" data-i18n="nav.signout"></button>'
    : '<a href="#signin" data-i18n="nav.signin"></a>'}
    <button id="lang" type="button" data-i18n="lang.switch"></button>`;
  translate(nav);
  nav.querySelector('#lang').addEventListener('click', () => {
    setLanguage(language() === 'zh' ? 'en' : 'zh');
    route();
  });
  nav.querySelector('#signout')?.addEventListener('click', () => {
    signOut();
    location.hash = '#signin';
    route();
  });
}

function route() {
  const [name, ...rest] = (location.hash.replace('#', '') || (current() ? 'search' : 'verify')).split('/');
  const arg = decodeURIComponent(rest.join('/'));
  const main = document.querySelector('#main');
  if (DATA_VIEWS[name]) {
    if (!current()) {
      main.replaceChildren(el('p', { id: 'signin-needed', role: 'alert' }, t('signin.needed')));
      renderSignIn(main.appendChild(el('div')));
    } else {
      // rendered for any signed-in role: the page hides the links, the API decides (403 → forbidden)
      DATA_VIEWS[name](main, arg);
    }
  } else {
    (VIEWS[name] ?? renderVerify)(main);
  }
  document.title = t('app.title');
  translate(document.body);
  renderNav();
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page');
  }
}

setLanguage(language());
window.addEventListener('hashchange', route);
route();
