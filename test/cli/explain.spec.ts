import { explain } from '../../src/core/explain/explain';
import {
  IFixture,
  errorFixtures,
  ownKrb5Fixtures,
  sharedKrb5Fixtures
} from '../fixtures/load';
import { SPECIFICITY, TRIGGERS } from '../fixtures/triggers';
import { buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const named = (rows: [string, string][]) =>
  rows.map(([text, code]) => [JSON.stringify(text).slice(1, 80), text, code]);

function explainCli(text: string): Record<string, unknown> {
  const r = runCli(['explain'], text);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(Object.keys(out)).toEqual(['code', 'title', 'fix']);
  return out;
}

describe('explain: every trigger of the contract', () => {
  it.each(named(TRIGGERS))('%s', (_name, text, code) => {
    expect(explainCli(text).code).toBe(code);
  });

  it.each(named(SPECIFICITY))('most specific wins: %s', (_name, text, code) => {
    expect(explainCli(text).code).toBe(code);
  });
});

describe('explain: recorded real outputs', () => {
  const all = [
    ...ownKrb5Fixtures(),
    ...sharedKrb5Fixtures(),
    ...errorFixtures()
  ];
  it.each(
    all.filter(f => f.expect !== null).map(f => [f.id, f] as [string, IFixture])
  )('%s', (_id, f) => {
    const out = explainCli(f.text);
    expect(out.code).toBe(f.expect);
    expect(out).toEqual(explain(f.text));
  });
});

describe('explain', () => {
  it('empty input is UNKNOWN, exit 0', () => {
    expect(explainCli('').code).toBe('UNKNOWN');
  });

  it('takes no options', () => {
    const r = runCli(['explain', '--realm', 'EC2.INTERNAL'], 'Ticket expired');
    expectUsageError(r, 'explain');
    expect(r.stderr).toMatch(/unknown option '--realm'/i);
  });
});
