// Calls to the gateway's /v1 API with the signed-in token. The API is the authority: a 401 sends
// the user to the sign-in, a 403 becomes the "forbidden" view; every other problem is shown as
// the problem+json says it.
import { current } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** Fetches path ("/v1/..." or "/health"); as: 'json' (default), 'text', 'bytes' or 'response'. */
export async function api(path, { method = 'GET', body, headers = {}, as = 'json' } = {}) {
  const who = current();
  const h = { ...headers };
  if (who) h.Authorization = `Bearer ${who.token}`;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    h['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers: h, body, credentials: 'omit', cache: 'no-store' });
  if (!res.ok && res.status !== 304) {
    let problem = null;
    try { problem = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, problem);
  }
  if (as === 'response') return res;
  if (as === 'text') return res.text();
  if (as === 'bytes') return new Uint8Array(await res.arrayBuffer());
  return res.json();
}

/** The roles each view is for; the page hides the others (the API refuses them anyway). */
export const VIEW_ROLES = {
  search: ['auditor', 'operator', 'enterprise'],
  invoice: ['auditor', 'operator', 'enterprise'],
  operator: ['operator'],
  upload: ['enterprise'],
};

export function mayUse(view, who = current()) {
  const roles = VIEW_ROLES[view];
  return !roles || (who !== null && who.roles.some((r) => roles.includes(r)));
}
