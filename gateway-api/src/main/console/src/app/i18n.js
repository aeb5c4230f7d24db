// UI labels in Chinese and English; the choice is kept in localStorage.
import { VIEW_LABELS } from './labels.js';

const LABELS = {
  'app.title': ['发票存证审计控制台', 'Invoice archive auditor console'],
  'nav.verify': ['验证证明', 'Verify a proof'],
  'nav.signin': ['登录', 'Sign in'],
  'nav.signout': ['退出', 'Sign out'],
  'lang.switch': ['English', '中文'],
  'skip': ['跳到主要内容', 'Skip to main content'],
  'verify.title': ['在浏览器中验证留存证明', 'Verify a retention proof in the browser'],
  'verify.intro': [
    '选择证明包、信任文件和（可选）原始文件。验证完全在本浏览器中进行，不向服务器发送任何请求。',
    'Choose a proof bundle, a trust file and (optionally) the original document. Verification runs entirely in this browser; no server is asked.'],
  'verify.bundle': ['证明包 (bundle.json)', 'Proof bundle (bundle.json)'],
  'verify.trust': ['信任文件 (trust.json)', 'Trust file (trust.json)'],
  'verify.document': ['原始文件（可选）', 'Original document (optional)'],
  'verify.drop': ['也可以把文件拖放到这里', 'You can also drop the files here'],
  'verify.run': ['验证', 'Verify'],
  'verify.running': ['正在验证……', 'Verifying…'],
  'verify.valid': ['有效：全部 {n} 项检查通过', 'VALID: all {n} checks pass'],
  'verify.invalid': ['无效：{n} 项检查未通过：{names}', 'INVALID: {n} checks fail: {names}'],
  'verify.malformed': ['无法读取：{reason}', 'Cannot be read: {reason}'],
  'verify.missing': ['请选择证明包和信任文件', 'Choose a bundle and a trust file'],
  'verify.time': ['用时 {ms} 毫秒', 'took {ms} ms'],
  'verify.check': ['检查', 'Check'],
  'verify.result': ['结果', 'Result'],
  'verify.reason': ['说明', 'Reason'],
  'verify.pass': ['通过', 'PASS'],
  'verify.fail': ['未通过', 'FAIL'],
  'verify.skip': ['未提供原始文件：跳过 document-hash', 'No document given: document-hash skipped'],
  'signin.title': ['登录', 'Sign in'],
  'signin.intro': [
    '粘贴网关签发的访问令牌 (JWT)。令牌只保存在本标签页中。发票数据只在登录后显示。',
    'Paste an access token (JWT) issued for the gateway. It is kept in this tab only. Invoice data is shown only after signing in.'],
  'signin.token': ['访问令牌', 'Access token'],
  'signin.submit': ['登录', 'Sign in'],
  'signin.bad': ['令牌不是 JWT（三段 base64url，以点分隔）', 'The token is not a JWT (three base64url parts separated by dots)'],
  'signin.done': ['已登录：{sub}（角色：{roles}）', 'Signed in as {sub} (roles: {roles})'],
  'signin.none': ['未登录', 'Not signed in'],
};

let lang = (typeof localStorage !== 'undefined' && localStorage.getItem('fapiao.lang')) || 'zh';

export const language = () => lang;

export function setLanguage(l) {
  lang = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem('fapiao.lang', lang); } catch { /* private mode */ }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, params = {}) {
  const entry = LABELS[key] ?? VIEW_LABELS[key];
  if (!entry) return key;
  let s = entry[lang === 'zh' ? 0 : 1];
  for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Fills every [data-i18n] element's text (and [data-i18n-label] aria-labels). */
export function translate(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
