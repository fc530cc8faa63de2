// Real-browser check of the suite's two developer pages against a running `./suite up`:
// GraphiQL on bff-web and Swagger UI on bff-partner, in headless Chromium (the system's, through
// puppeteer-core). Every request the pages make must stay on this machine: any other host is
// blocked at DNS and by request interception, and reported as a failure.
//
//   cd suite-tests/browser && npm ci && node pages.mjs
//
// Environment: CHROMIUM (default: chromium on the PATH), WEB_URL (http://localhost:8080),
// PARTNER_URL (http://localhost:8082), TOKEN (default: `./suite token alice`), PARTNER_API_KEY
// (default: the dev-only acme key of bff-partner's application.yml), SCREENSHOTS (default: docs/).
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const webUrl = process.env.WEB_URL ?? 'http://localhost:8080';
const partnerUrl = process.env.PARTNER_URL ?? 'http://localhost:8082';
// dev-only demo key (README, "Demo users and clients")
const apiKey = process.env.PARTNER_API_KEY ?? 'bffk_test_acme_pVHRr3Big2DfVmCjgDbtqC4L7tLwKR2031fuyj';
const screenshots = process.env.SCREENSHOTS ?? join(root, 'docs');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function log(message) {
	console.log(`browser: ${message}`);
}

function chromiumPath() {
	if (process.env.CHROMIUM) {
		return process.env.CHROMIUM;
	}
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
		}
		catch {
			// next name
		}
	}
	throw new Error('no Chromium found: apt-get install -y chromium, or set CHROMIUM');
}

function token() {
	return process.env.TOKEN ?? execFileSync(join(root, 'suite'), ['token', 'alice'], { cwd: root, encoding: 'utf8' }).trim();
}

/** A page whose requests are all recorded; anything not for this machine is aborted. */
async function localOnlyPage(browser, name) {
	const page = await browser.newPage();
	await page.setViewport({ width: 1200, height: 720 });
	const requests = [];
	const foreign = [];
	await page.setRequestInterception(true);
	page.on('request', (request) => {
		const url = request.url();
		requests.push(url);
		const { protocol, hostname } = new URL(url);
		if (protocol === 'data:' || protocol === 'blob:' || LOCAL_HOSTS.has(hostname)) {
			request.continue();
		}
		else {
			foreign.push(url);
			request.abort('blockedbyclient');
		}
	});
	page.on('pageerror', (error) => log(`${name}: page error: ${error.message}`));
	return { page, requests, foreign };
}

function assertLocal(name, { requests, foreign }) {
	if (foreign.length > 0) {
		throw new Error(`${name} tried to leave localhost: ${foreign.join(', ')}`);
	}
	log(`${name}: all ${requests.length} requests went to localhost`);
}

async function graphiql(browser) {
	const bearer = token();
	const session = await localOnlyPage(browser, 'GraphiQL');
	const { page } = session;
	await page.goto(`${webUrl}/graphiql`, { waitUntil: 'networkidle0' });
	await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror');
	// the editors are CodeMirror 5 instances: set them as a paste would
	await page.evaluate((headers) => {
		document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ me { id } }');
		const headerEditor = [...document.querySelectorAll('.graphiql-editor-tool .CodeMirror')]
			.find((editor) => editor.closest('.graphiql-editor:not(.hidden)'));
		headerEditor.CodeMirror.setValue(headers);
	}, JSON.stringify({ Authorization: `Bearer ${bearer}` }, null, 2));
	await page.click('.graphiql-execute-button');
	await page.waitForFunction(() => {
		const response = document.querySelector('.graphiql-response .CodeMirror');
		return response && response.CodeMirror.getValue().includes('"me"');
	}, { timeout: 15000 });
	const response = JSON.parse(await page.evaluate(
		() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()));
	if (!response.data?.me?.id) {
		throw new Error(`GraphiQL: { me { id } } answered ${JSON.stringify(response)}`);
	}
	log(`GraphiQL: { me { id } } shows ${JSON.stringify(response.data)}`);
	// the token is not worth keeping in a screenshot
	await page.evaluate(() => {
		const headerEditor = [...document.querySelectorAll('.graphiql-editor-tool .CodeMirror')]
			.find((editor) => editor.closest('.graphiql-editor:not(.hidden)'));
		headerEditor.CodeMirror.setValue('{\n  "Authorization": "Bearer eyJhbGciOi…"\n}');
	});
	await page.screenshot({ path: join(screenshots, 'graphiql.png') });
	assertLocal('GraphiQL', session);
	await page.close();
}

async function clickButton(page, scope, text) {
	const clicked = await page.evaluate((selector, label) => {
		const button = [...document.querySelectorAll(`${selector} button`)]
			.find((candidate) => candidate.textContent.trim() === label);
		button?.click();
		return Boolean(button);
	}, scope, text);
	if (!clicked) {
		throw new Error(`Swagger UI: no button "${text}" in ${scope}`);
	}
}

async function swaggerUi(browser) {
	const session = await localOnlyPage(browser, 'Swagger UI');
	const { page } = session;
	await page.goto(`${partnerUrl}/swagger-ui.html`, { waitUntil: 'networkidle0' });
	await page.waitForSelector('.swagger-ui .info .title');
	const title = await page.$eval('.swagger-ui .info .title', (element) => element.textContent);
	if (!title.includes('bff-partner API 2')) {
		throw new Error(`Swagger UI opened "${title}", not v2`);
	}
	log(`Swagger UI: opened on "${title.trim()}"`);
	// authorize with the dev API key through the apiKey scheme
	await page.click('.swagger-ui .auth-wrapper .authorize');
	await page.waitForSelector('.swagger-ui .modal-ux .auth-container input');
	const keyInput = await page.evaluateHandle(() => [...document.querySelectorAll('.modal-ux .auth-container')]
		.find((container) => container.querySelector('h4')?.textContent.includes('apiKey'))
		.querySelector('input'));
	await keyInput.type(apiKey);
	await page.evaluate(() => {
		const container = [...document.querySelectorAll('.modal-ux .auth-container')]
			.find((candidate) => candidate.querySelector('h4')?.textContent.includes('apiKey'));
		[...container.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Authorize').click();
	});
	await page.waitForFunction(() => [...document.querySelectorAll('.modal-ux .auth-container')]
		.some((container) => container.querySelector('h4')?.textContent.includes('apiKey')
			&& [...container.querySelectorAll('button')].some((button) => button.textContent.trim() === 'Logout')));
	await clickButton(page, '.modal-ux', 'Close');
	log('Swagger UI: authorized with the dev API key');
	// GET /partner/v2/products: open, try it out, execute
	const operation = '.opblock-get:has(.opblock-summary-path[data-path="/partner/v2/products"])';
	await page.waitForSelector(operation);
	await page.click(`${operation} .opblock-summary-control`);
	await page.waitForSelector(`${operation} .try-out__btn`);
	await page.click(`${operation} .try-out__btn`);
	await page.waitForSelector(`${operation} .execute`);
	await page.click(`${operation} .execute`);
	await page.waitForSelector(`${operation} .live-responses-table tbody .response-col_status`, { timeout: 15000 });
	const status = await page.$eval(`${operation} .live-responses-table tbody .response-col_status`,
		(element) => element.textContent.trim());
	if (status !== '200') {
		throw new Error(`Swagger UI: GET /partner/v2/products answered ${status}`);
	}
	log('Swagger UI: GET /partner/v2/products answered 200');
	await page.setViewport({ width: 1200, height: 1000 });
	await page.$eval(operation, (element) => element.scrollIntoView({ block: 'start' }));
	await page.screenshot({ path: join(screenshots, 'swagger-ui.png') });
	await clientCredentials(page);
	assertLocal('Swagger UI', session);
	await page.close();
}

/** The oauth2 scheme's client-credentials flow: a cross-origin POST to the issuer (CORS). */
async function clientCredentials(page) {
	const container = (scheme) => [...document.querySelectorAll('.modal-ux .auth-container')]
		.find((candidate) => candidate.querySelector('h4')?.textContent.includes(scheme));
	await page.click('.swagger-ui .auth-wrapper .authorize');
	await page.waitForSelector('.swagger-ui .modal-ux .auth-container input');
	const [clientId, clientSecret] = await Promise.all([
		page.evaluateHandle(`(${container})('oauth2').querySelector('input[type=text]')`),
		page.evaluateHandle(`(${container})('oauth2').querySelector('input[type=password]')`)
	]);
	// dev-only demo client (README, "Demo users and clients")
	await clientId.type('partner-acme');
	await clientSecret.type('partner-acme-secret');
	await page.evaluate(`[...(${container})('oauth2').querySelectorAll('button')]
		.find((button) => button.textContent.trim() === 'Authorize').click()`);
	await page.waitForFunction(`[...(${container})('oauth2').querySelectorAll('button')]
		.some((button) => button.textContent.trim() === 'Logout')
		|| (${container})('oauth2').querySelector('.errors')`, { timeout: 15000 });
	const error = await page.evaluate(`(${container})('oauth2').querySelector('.errors')?.textContent`);
	if (error) {
		throw new Error(`Swagger UI: client credentials at the issuer failed: ${error}`);
	}
	await clickButton(page, '.modal-ux', 'Close');
	log('Swagger UI: authorized with client credentials partner-acme (token from the issuer, across origins)');
}

const browser = await puppeteer.launch({
	executablePath: chromiumPath(),
	headless: true,
	args: [
		// nothing but this machine resolves: a page that reaches for a CDN fails loudly
		'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
		'--no-sandbox',
		'--disable-dev-shm-usage'
	]
});
try {
	await graphiql(browser);
	await swaggerUi(browser);
	log(`passed; screenshots in ${screenshots}`);
}
catch (error) {
	console.error(`browser: FAILED: ${error.message}`);
	process.exitCode = 1;
}
finally {
	await browser.close();
}
