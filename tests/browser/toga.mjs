#!/usr/bin/env node
// The browser payment-account flow (efsp-proxy.md section 4) as a person goes
// through it, in headless Chromium (Debian's chromium, driven by playwright-core):
// a client server's page whose form posts itself to new-toga-account, Casegate's
// hand-off page, the local payment page with its card form, filled in by label
// (once wrong, then right), the hand-off back to toga-account, and the landing
// on original_url; then the new account read over the API. A second run does
// the same with JavaScript turned off, pressing each page's visible button, for
// a bank account. Screenshots of the payment page go to tests/out/browser/.
//
// Run by tests/run.sh against its stack (CG_BASE, CG_BIN_DIR, CASEGATE_CONFIG,
// CG_LOG_DIR). Prints a Check-style summary line that run.sh counts. If Chromium
// cannot start here, says so and counts nothing: the only reason to skip.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.CG_BASE;
const OUT = join(process.env.CG_OUT || join(HERE, '..', 'out'), 'browser');
const ADMIN = join(process.env.CG_BIN_DIR || join(HERE, '..', '..', 'bin'),
  'casegate-admin');
const CHROMIUM = process.env.CG_CHROMIUM || '/usr/bin/chromium';
const P = '/jurisdictions/illinois/payments';
const PW = 'pw-secret-browser-0001';
const CARD = '4111 1111 1111 1111';
const ACCOUNT = '000987656789';
const STEP_MS = 20000;

let checks = 0, failures = 0;

function fail(msg) {
  throw new Error(msg);
}

function expect(cond, msg) {
  if (!cond) fail(msg);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) =>
  ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const uniq = (p) => `${p}${process.pid}${Math.floor(Math.random() * 1e6)}`;

function admin(args, input) {
  return execFileSync(ADMIN, args, { input: input ?? '', encoding: 'utf8' });
}

// A client server's API key and a logged-in filer of a firm of its own.
async function filer() {
  const keyOut = admin(['apikey', 'add', uniq('browser')]).trim().split('\n');
  const key = keyOut[keyOut.length - 1];
  const email = `${uniq('browser')}@example.org`;
  admin(['filer', 'add', email, '--jurisdiction', 'illinois', '--first', 'Ada',
    '--last', 'Browser', '--firm', `Browser Firm ${uniq('')}`], `${PW}\n`);
  const res = await fetch(`${BASE}/authenticate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: key,
      'tyler-illinois': { username: email, password: PW } }),
  });
  expect(res.status === 200, `authenticate: ${res.status}`);
  const body = await res.json();
  return { key, email, token: body.tokens['TYLER-TOKEN-ILLINOIS'] };
}

async function accounts(who) {
  const res = await fetch(`${BASE}${P}/payment-accounts`, {
    headers: { 'Content-type': 'application/json', 'X-API-KEY': who.key,
      'TYLER-TOKEN-ILLINOIS': who.token },
  });
  expect(res.status === 200, `payment-accounts: ${res.status}`);
  return res.json();
}

// The client server (a docassemble interview, say): its page posts the form
// of spec 4 step 1 by itself, or by its button when scripts are off.
function clientServer(forms) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const f = forms.get(url.searchParams.get('flow') || '');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (url.pathname === '/start' && f) {
      const inputs = Object.entries(f).map(([k, v]) =>
        `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('\n');
      res.end(`<!DOCTYPE html><html lang="en"><head><title>Interview</title>
</head><body><h1>Add a payment account</h1>
<form id="toga" method="post" action="${esc(`${BASE}${P}/new-toga-account`)}">
${inputs}
<button type="submit">Go to the payment page</button></form>
<script>document.getElementById('toga').submit();</script></body></html>`);
    } else if (url.pathname === '/done') {
      res.end(`<!DOCTYPE html><html lang="en"><head><title>Done</title></head>
<body><h1 id="status">${esc(url.searchParams.get('status'))}</h1></body></html>`);
    } else {
      res.statusCode = 404;
      res.end('not here');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return problems;
}

// With JavaScript: every hand-off submits itself; a card, once mistyped.
async function cardFlow(browser, origin, forms) {
  const who = await filer();
  const name = uniq('Browser Visa ');
  forms.set('card', {
    account_name: name, global: 'false', type_code: 'CC', type_code_id: '0',
    tyler_info: who.token, original_url: `${origin}/done?status=success`,
    error_url: `${origin}/done?status=failure`,
  });
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const page = await context.newPage();
  const problems = watch(page);
  page.setDefaultTimeout(STEP_MS);
  await page.goto(`${origin}/start?flow=card`);
  await page.waitForURL(`${BASE}${P}/local-toga`);
  await page.getByRole('heading', { name: 'Add a payment account' }).waitFor();
  expect((await page.title()) === 'Add a payment account', 'payment page title');
  const fields = {
    'Name on card': 'cc-name', 'Card number': 'cc-number',
    'Expiry month (MM)': 'cc-exp-month', 'Expiry year (YYYY)': 'cc-exp-year',
    'Security code': 'cc-csc',
  };
  for (const [label, token] of Object.entries(fields)) {
    const auto = await page.getByLabel(label, { exact: true }).getAttribute('autocomplete');
    expect(auto === token, `${label}: autocomplete ${auto}, want ${token}`);
  }
  await page.screenshot({ path: join(OUT, 'payment-page.png'), fullPage: true });
  const year = String(new Date().getUTCFullYear() + 3);
  await page.getByLabel('Name on card').fill('Ada Lovelace');
  await page.getByLabel('Card number').fill('4111 1111 1111 1112');
  await page.getByLabel('Expiry month (MM)').fill('09');
  await page.getByLabel('Expiry year (YYYY)').fill(year);
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: 'Save card' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect((await alert.innerText()).includes('The card number is not valid'),
    'the Luhn message is shown');
  expect(await page.getByLabel('Name on card').inputValue() === 'Ada Lovelace',
    'the name is kept');
  expect(await page.getByLabel('Card number').inputValue() === '',
    'the number is not echoed back');
  await page.screenshot({ path: join(OUT, 'payment-page-error.png'), fullPage: true });
  await page.getByLabel('Card number').fill(CARD);
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.waitForURL(`${origin}/done?status=success`);
  expect(await page.locator('#status').innerText() === 'success', 'landed on original_url');
  expect(problems.length === 0, `browser console: ${problems.join(' | ')}`);
  await context.close();

  const list = await accounts(who);
  const a = list.find((x) => x.accountName === name);
  expect(a, `the new account is listed: ${JSON.stringify(list)}`);
  expect(a.paymentAccountTypeCode === 'CC', `type ${a.paymentAccountTypeCode}`);
  expect(a.cardType.value === 'VISA', `cardType ${JSON.stringify(a.cardType)}`);
  expect(a.cardLast4 === '1111', `cardLast4 ${a.cardLast4}`);
  expect(a.cardMonth.value === 9 && a.cardYear.value === Number(year), 'expiry');
  expect(a.cardHolderName.value === 'Ada Lovelace', 'holder');
  expect(a.active.value === true, 'active');
  expect(!JSON.stringify(a).includes('4111111111111111'), 'no card number');
  return who;
}

// Without JavaScript: a person presses each page's button; a bank account.
async function noScriptFlow(browser, origin, forms) {
  const who = await filer();
  const name = uniq('Browser bank ');
  forms.set('bank', {
    account_name: name, global: 'false', type_code: 'BankAccount',
    tyler_info: who.token, original_url: `${origin}/done?status=success`,
    error_url: `${origin}/done?status=failure`,
  });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  await page.goto(`${origin}/start?flow=bank`);
  await page.getByRole('button', { name: 'Go to the payment page' }).click();
  await page.waitForURL(`${BASE}${P}/new-toga-account`);
  await page.getByRole('button', { name: 'Continue to the payment page' }).click();
  await page.waitForURL(`${BASE}${P}/local-toga`);
  await page.getByLabel("Account holder's name").fill('Bo Bank');
  await page.getByLabel('Account type').selectOption('Checking');
  await page.getByLabel('Routing number (9 digits)').fill('011000015');
  await page.getByLabel('Account number').fill(ACCOUNT);
  await page.screenshot({ path: join(OUT, 'payment-page-bank.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save bank account' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${origin}/done?status=success`);
  await context.close();

  const a = (await accounts(who)).find((x) => x.accountName === name);
  expect(a, 'the bank account is listed');
  expect(a.paymentAccountTypeCode === 'BankAccount', `type ${a.paymentAccountTypeCode}`);
  expect(a.cardType.value === 'Checking' && a.cardLast4 === '6789',
    `${JSON.stringify(a.cardType)} ${a.cardLast4}`);
  return who;
}

// What was typed and the sessions used never reach a log line.
function logsClean(secrets) {
  const dir = process.env.CG_LOG_DIR;
  expect(dir, 'CG_LOG_DIR is not set');
  let all = '';
  for (const f of readdirSync(dir))
    all += readFileSync(join(dir, f), 'latin1');
  expect(all.includes(`${P}/local-toga`), 'the flow is in the access log');
  for (const s of secrets)
    expect(!all.includes(s), `the logs hold ${s.slice(0, 6)}...`);
}

async function check(name, fn) {
  checks++;
  try {
    await fn();
    console.log(`browser: ${name}: passed`);
  } catch (e) {
    failures++;
    console.log(`browser: ${name}: FAILED: ${e.message}`);
  }
}

async function main() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    console.log(`browser: playwright-core is missing (make test installs it ` +
      `with npm ci in tests/browser): ${e.message}`);
    console.log('0%: Checks: 1, Failures: 1, Errors: 0');
    return 1;
  }
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true, timeout: 30000,
      // As root (CI) Chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  } catch (e) {
    console.log(`browser: SKIPPED: chromium cannot start here (${CHROMIUM}): ` +
      `${e.message.split('\n')[0]}`);
    return 0;
  }
  mkdirSync(OUT, { recursive: true });
  const forms = new Map();
  const server = await clientServer(forms);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const secrets = [CARD.replaceAll(' ', ''), CARD, ACCOUNT];
  try {
    await check('card flow with JavaScript', async () => {
      const who = await cardFlow(browser, origin, forms);
      secrets.push(who.token.split(':')[1]);
    });
    await check('bank flow without JavaScript', async () => {
      const who = await noScriptFlow(browser, origin, forms);
      secrets.push(who.token.split(':')[1]);
    });
    await check('no secret in the logs', async () => logsClean(secrets));
  } finally {
    await browser.close();
    server.close();
  }
  const pct = Math.floor(100 * (checks - failures) / checks);
  console.log(`${pct}%: Checks: ${checks}, Failures: ${failures}, Errors: 0`);
  return failures ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.log('browser: FAILED: the run took more than 3 minutes');
  console.log('0%: Checks: 1, Failures: 1, Errors: 0');
  process.exit(1);
}, 180000);
watchdog.unref();
process.exitCode = await main();
