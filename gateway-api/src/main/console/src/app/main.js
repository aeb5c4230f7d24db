// The console's shell: navigation by hash (#verify, #signin), language switch, sign-in state.
import { language, setLanguage, t, translate } from './i18n.js';
import { current, signIn, signOut } from './session.js';
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
  });
}

const VIEWS = { verify: renderVerify, signin: renderSignIn };

function renderNav() {
  const nav = document.querySelector('#nav');
  const who = current();
  nav.innerHTML = html`
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
  const name = location.hash.replace('#', '') || 'verify';
  const main = document.querySelector('#main');
  (VIEWS[name] ?? renderVerify)(main);
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
