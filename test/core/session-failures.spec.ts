/**
 * Spark session failures on recorded real outputs (test/fixtures/sessions,
 * capture.py on the YARN stack): each failed cell's outputs name their code
 * through the notebook's outputs as the panel reads them, and Livy's session
 * list of that moment gives the row the sessions section shows.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  SESSION_CODES,
  failureText,
  raisedTimeout,
  remedyOf
} from '../../src/core/explain/cell-failure';
import { explain } from '../../src/core/explain/explain';
import { sessionReason, yarnState } from '../../src/core/livy-session-log';
import { parseLogReason, parseSessionList } from '../../src/core/livy-sessions';
import { OWN_SESSIONS } from '../fixtures/load';
import { doctorFixture } from './doctor-fixtures';

const outputs = (name: string) =>
  JSON.parse(readFileSync(join(OWN_SESSIONS, `${name}.outputs.json`), 'utf8'));
const listed = (name: string) =>
  readFileSync(join(OWN_SESSIONS, `${name}.livy.json`), 'utf8');
const rows = readFileSync(join(OWN_SESSIONS, 'index.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map(l => l.split('\t'))
  // Cells; the others are Livy's texts, explained in explain.spec.ts.
  .filter(([name]) => existsSync(join(OWN_SESSIONS, `${name}.outputs.json`)));

describe('a failed Sparkmagic cell, read from its outputs', () => {
  it.each(rows)('%s: %s', (name, code) => {
    const text = failureText(outputs(name));
    expect(text).not.toBe('');
    expect(explain(text).code).toBe(code);
    expect(SESSION_CODES).toContain(code);
  });

  it('reads only stderr streams and errors, without colours', () => {
    expect(
      failureText([
        {
          output_type: 'stream',
          name: 'stdout',
          text: 'Session 1 did not start up in 5 seconds.'
        },
        {
          output_type: 'error',
          traceback: ['\u001b[0;31mSession 2 not found\u001b[0m']
        },
        { output_type: 'stream', name: 'stderr', text: ['a', 'b'] }
      ])
    ).toBe('Session 2 not found\nab');
  });

  it('offers one action per code: raise the timeout, restart, or none', () => {
    expect(remedyOf('SESSION_START_TIMEOUT')).toBe('timeout');
    expect(remedyOf('YARN_PENDING')).toBe('timeout');
    expect(remedyOf('SESSION_GONE')).toBe('restart');
    expect(remedyOf('SESSION_DEAD')).toBe('restart');
    expect(remedyOf('HDFS_HOME_MISSING')).toBe('none');
    expect([10, 200, 300, 1000, 86400].map(raisedTimeout)).toEqual([
      300, 400, 600, 2000, 86400
    ]);
  });

  it('names the timeout Sparkmagic gave up at in the fix', () => {
    const why = explain(failureText(outputs('start-timeout')));
    expect(why.fix).toContain('Sparkmagic waited 10 s');
  });
});

describe("Livy's session list at the failure", () => {
  const profile = () => doctorFixture('healthy').profile;
  const http = (name: string) => `${listed(name)}\n@@HTTP 200\n`;

  const log = (name: string) =>
    `${readFileSync(join(OWN_SESSIONS, `${name}.log.json`), 'utf8')}\n@@HTTP 200\n`;

  it.each([
    ['dead', 'user2', 'SESSION_DEAD'],
    ['no-home', 'nohome', 'HDFS_HOME_MISSING']
  ])(
    'a %s session is listed dead; its whole log gives a one-line reason',
    (name, user, code) => {
      const answer = parseSessionList(http(name), profile(), user);
      expect(answer.ok && answer.sessions.map(s => s.state)).toEqual(['dead']);
      const reason = parseLogReason(log(name));
      expect(reason).not.toBe('');
      expect(reason.length).toBeLessThanOrEqual(300);
      const why = explain(reason);
      if (code === 'HDFS_HOME_MISSING') {
        expect(why.code).toBe(code);
        expect(why.fix).toContain('/user/nohome');
      }
    }
  );

  it('keeps only web links from appInfo', () => {
    const body = JSON.stringify({
      sessions: [
        {
          id: 1,
          state: 'starting',
          owner: 'user1',
          appInfo: {
            driverLogUrl: 'javascript:alert(1)',
            sparkUiUrl: 'http://rm:8088/proxy/app_1/'
          },
          log: [
            'stderr: ',
            'x Application report for application_1_0002 (state: ACCEPTED)'
          ]
        }
      ]
    });
    const answer = parseSessionList(
      `${body}\n@@HTTP 200\n`,
      profile(),
      'user1'
    );
    expect(answer.ok && answer.sessions[0]).toMatchObject({
      driverLogUrl: '',
      sparkUiUrl: 'http://rm:8088/proxy/app_1/',
      yarnState: 'ACCEPTED'
    });
  });

  it('takes the YARN diagnostics, else the last error line, as the reason', () => {
    expect(
      sessionReason(
        [
          'stdout: ',
          '\\nstderr: ',
          'java.io.IOException: boom',
          '\\nYARN Diagnostics: ',
          'Application killed by user.'
        ].map(l => l.replace('\\n', '\n'))
      )
    ).toBe('Application killed by user.');
    expect(
      sessionReason([
        'stderr: ',
        '24/01/01 ERROR Client: java.io.IOException: boom',
        '\tat x.y(Z.java:1)'
      ])
    ).toBe('java.io.IOException: boom');
    expect(yarnState(['(state: RUNNING)'])).toBe('');
  });
});
