/**
 * Point 5: a SPNEGO `GET /sessions` through the load balancer with the
 * kernels' settings, reporting the real GSS error (curl -v) and Livy's
 * answer instead of Sparkmagic's bare 401.
 */
import { explain } from '../explain/explain';
import { curlFailure } from './checks-network';
import { trapFix } from './checks-spn';
import { ICheckInput } from './input';
import { requestedSpns, spnHost } from './script-readers';
import { fail, pass, tail } from './result';
import { IDoctorResult } from './types';

/**
 * An HTML tag. `<[^>]*>` would rescan from every `<` to the end of a page
 * without a `>`; stopping at the next `<` keeps it linear.
 */
const TAG = /<[^<>]*>/g;

/** The lines of curl -v that carry the Kerberos reason, and the error page text. */
export function negotiateEvidence(stderr: string, body: string): string {
  const gss = stderr
    .split('\n')
    .filter(l =>
      /gss|GSS|Kerberos|credential|SPNEGO|SSL certificate problem/.test(l)
    )
    .map(l => l.replace(/^\*\s*/, ''));
  const page = body
    .replace(TAG, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 600);
  return [...new Set(gss)].join('\n') + (page ? `\n${page}` : '');
}

export function checkLivyAuth(input: ICheckInput): IDoctorResult {
  const id = 'livy.auth';
  const title = 'Livy accepts the Kerberos ticket (GET /sessions)';
  const n = input.neg;
  const url = `${input.target.url}/sessions`;
  if (!n) {
    return fail(
      id,
      title,
      'UNKNOWN',
      'The probe did not run.',
      'Run the doctor again.'
    );
  }
  if (n.rc !== 0) {
    const why = explain(n.stderr, input.explain);
    const f = curlFailure(n.rc, n.stderr, input.target.url);
    const code = why.code !== 'UNKNOWN' ? why.code : f.code;
    const curlLine = /^curl: \(\d+\).*$/m.exec(n.stderr)?.[0];
    return fail(
      id,
      title,
      code,
      `${url}: ${curlLine ?? tail(n.stderr, 2)}`,
      why.code !== 'UNKNOWN' ? why.fix : f.fix
    );
  }
  if (n.status >= 200 && n.status < 300) {
    let sessions = '';
    try {
      const body = JSON.parse(n.body) as { total?: number };
      sessions =
        typeof body.total === 'number'
          ? ` (${body.total} session(s) visible)`
          : '';
    } catch {
      sessions = '';
    }
    return pass(
      id,
      title,
      `GET ${url} as ${input.target.principal}: HTTP ${n.status}${sessions}.`
    );
  }
  const evidence = negotiateEvidence(n.stderr, n.body);
  const asked = requestedSpns(n.trace).find(s => !/^krbtgt\//.test(s));
  if (asked && spnHost(asked) !== input.explain.nlbHost) {
    // The client rewrote the load balancer's name: that, not the GSS symptom, is the cause.
    return fail(
      id,
      title,
      'UNKNOWN_SERVICE',
      `GET ${url}: HTTP ${n.status}; the client asked for ${asked}. ${evidence}`,
      trapFix(input)
    );
  }
  const why = explain(`${evidence}\nHTTP/1.1 ${n.status}\n`, input.explain);
  const code =
    why.code === 'UNKNOWN' && n.status === 401 ? 'LIVY_UNAUTHORIZED' : why.code;
  const fixed =
    code === why.code
      ? why
      : explain("Invalid status code '401'", input.explain);
  return fail(
    id,
    title,
    code,
    `GET ${url}: HTTP ${n.status}${evidence ? `. ${evidence}` : ' with no reason given'}`,
    fixed.fix
  );
}
