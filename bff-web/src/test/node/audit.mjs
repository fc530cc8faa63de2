// Runs graphql-http's server audits (the GraphQL over HTTP spec conformance suite) against one
// GraphQL endpoint, as a real client would, and prints the results as one JSON array on stdout.
//
//   node audit.mjs <url>        with the bearer token in the GRAPHQL_AUDIT_TOKEN environment variable
//
// The audits run one after the other (graphql-http's auditServer runs them all at once), so that
// a failure is easy to relate to the gateway's log. Each result is {id, name, status, reason?,
// response?}: status is ok, or notice (MAY), warn (SHOULD), error (MUST) when the audit failed.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
	console.error('usage: node audit.mjs <url>');
	process.exit(2);
}
const token = process.env.GRAPHQL_AUDIT_TOKEN;

// What each audit sends, as a well-behaved client of the gateway sends it: with the bearer token
// the gateway wants, and again after Retry-After when the gateway's rate limits answer 429.
async function fetchFn(input, init = {}) {
	const headers = new Headers(init.headers);
	if (token) {
		headers.set('authorization', `Bearer ${token}`);
	}
	for (let attempt = 1; ; attempt++) {
		const response = await fetch(input, { ...init, headers });
		if (response.status !== 429 || attempt === 5) {
			return response;
		}
		const seconds = Number(response.headers.get('retry-after')) || 1;
		console.error(`429 for ${init.method ?? 'GET'} ${input}: again in ${seconds} s`);
		await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	}
}

async function describe(response) {
	if (!response) {
		return undefined;
	}
	let body;
	try {
		body = await response.clone().text();
	}
	catch (ex) {
		body = `(body not readable: ${ex.message})`;
	}
	return {
		status: response.status,
		contentType: response.headers.get('content-type'),
		body: body.length > 500 ? body.slice(0, 500) + '...' : body,
	};
}

const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
	let result;
	try {
		result = await audit.fn();
	}
	catch (ex) {
		// graphql-http throws only on fatal errors (such as the server not answering)
		result = { id: audit.id, name: audit.name, status: 'error', reason: `Audit failed to run: ${ex.message}` };
	}
	const { response, ...rest } = result;
	results.push({ ...rest, response: await describe(response) });
}
const failed = results.filter((result) => result.status !== 'ok');
console.error(`${results.length} audits: ${results.length - failed.length} ok, ${failed.length} not (${failed.map((result) => result.id).join(', ')})`);
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
