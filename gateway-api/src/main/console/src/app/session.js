// The sign-in: a bearer token for the gateway's /v1 API, kept in sessionStorage (this tab only).
// The gateway checks the token on every call; here it is only parsed to show who signed in.
const KEY = 'fapiao.token';

function claims(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    return JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
}

export function signIn(token) {
  const c = claims(token.trim());
  if (!c) return null;
  sessionStorage.setItem(KEY, token.trim());
  return c;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

export function current() {
  const token = sessionStorage.getItem(KEY);
  const c = token ? claims(token) : null;
  return c ? { token, subject: String(c.sub ?? '?'), roles: [].concat(c.roles ?? c.role ?? []),
    codes: [].concat(c.codes ?? []) } : null;
}
