import * as fc from 'fast-check';
import { mergeSparkmagicConfig } from '../../src/core/sparkmagic/config';
import { validateSparkmagicConfig } from '../../src/core/sparkmagic/validate';
import { DEFAULT_SESSION, ISessionSettings } from '../../src/core/profile';
import { validateProfile } from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

const withSession = (session: Partial<ISessionSettings>) =>
  sampleProfile({ session: { ...DEFAULT_SESSION, ...session } });

describe('session settings in the Sparkmagic config', () => {
  it('writes a start-up timeout fit for YARN and the heartbeat by default', () => {
    const { config } = mergeSparkmagicConfig({}, sampleProfile());
    expect(config).toMatchObject({
      livy_session_startup_timeout_seconds: 300,
      livy_server_heartbeat_timeout_seconds: 300
    });
    // No session default set: Livy's own defaults apply.
    expect(config).not.toHaveProperty('session_configs_defaults');
  });

  it('turns the heartbeat off with a zero timeout, leaving the refresh keys alone', () => {
    const { config } = mergeSparkmagicConfig(
      { heartbeat_refresh_seconds: 45 },
      withSession({ heartbeat: false, startupTimeoutSeconds: 600 })
    );
    expect(config.livy_server_heartbeat_timeout_seconds).toBe(0);
    expect(config.heartbeat_refresh_seconds).toBe(45);
    expect(config.livy_session_startup_timeout_seconds).toBe(600);
  });

  it('sets the session defaults it is given and keeps the user’s others', () => {
    const existing = {
      session_configs_defaults: {
        name: 'mine',
        driverMemory: '1g',
        conf: { 'spark.a': '1', 'spark.b': '2' }
      },
      session_configs: { executorCores: 4 }
    };
    const { config, warnings } = mergeSparkmagicConfig(
      existing,
      withSession({
        queue: 'root.analytics',
        driverMemory: '2g',
        numExecutors: 3,
        idleTimeout: '4h',
        conf: { 'spark.b': '20', 'spark.c': 'x' }
      })
    );
    expect(config.session_configs_defaults).toEqual({
      name: 'mine',
      driverMemory: '2g',
      queue: 'root.analytics',
      numExecutors: 3,
      idleTimeout: '4h',
      conf: { 'spark.a': '1', 'spark.b': '20', 'spark.c': 'x' }
    });
    expect(config.session_configs).toEqual({ executorCores: 4 });
    expect(warnings).toEqual([]);
    expect(existing.session_configs_defaults.driverMemory).toBe('1g');
  });

  it('names a stale file: the timeout or a default differs from the profile', () => {
    const profile = withSession({ queue: 'q1', conf: { 'spark.x': '1' } });
    const { config } = mergeSparkmagicConfig({}, profile);
    expect(validateSparkmagicConfig(config, profile)).toEqual([]);
    const stale = {
      ...config,
      livy_session_startup_timeout_seconds: 60,
      session_configs_defaults: { queue: 'q0', conf: {} }
    };
    expect(
      validateSparkmagicConfig(stale, profile).map(p => [p.path, p.severity])
    ).toEqual([
      ['livy_session_startup_timeout_seconds', 'warning'],
      ['session_configs_defaults/queue', 'warning'],
      ['session_configs_defaults/conf/spark.x', 'warning']
    ]);
  });

  it('warns of a start-up timeout too short for YARN, and of a timeout that is no number', () => {
    const short = withSession({ startupTimeoutSeconds: 60 });
    const { warnings } = mergeSparkmagicConfig({}, short);
    expect(warnings).toEqual([
      expect.stringContaining('did not start up in 60 seconds')
    ]);
    expect(
      validateSparkmagicConfig({ livy_session_startup_timeout_seconds: '300' })
    ).toEqual([
      expect.objectContaining({
        path: 'livy_session_startup_timeout_seconds',
        severity: 'error'
      })
    ]);
  });

  it('warns when the kernel reads its session too seldom for the heartbeat timeout', () => {
    const profile = sampleProfile();
    const { config } = mergeSparkmagicConfig(
      { heartbeat_refresh_seconds: 200 },
      profile
    );
    expect(validateSparkmagicConfig(config, profile)).toEqual([
      expect.objectContaining({
        path: 'heartbeat_refresh_seconds',
        severity: 'warning'
      })
    ]);
  });

  it('validates the profile’s session fields in the forms Livy and Spark read', () => {
    const paths = (session: Partial<ISessionSettings>) =>
      validateProfile(withSession(session)).map(e => e.path);
    expect(paths({})).toEqual([]);
    expect(
      paths({
        startupTimeoutSeconds: 5,
        driverMemory: '2 GB',
        executorMemory: '4g',
        queue: 'a b',
        idleTimeout: '3600',
        numExecutors: 1.5,
        conf: { 'spark x': '1', 'spark.y': '' }
      })
    ).toEqual([
      'session/startupTimeoutSeconds',
      'session/numExecutors',
      'session/idleTimeout',
      'session/queue',
      'session/driverMemory',
      'session/conf/spark x',
      'session/conf/spark.y'
    ]);
  });

  it('merging twice gives the same file (property)', () => {
    const memory = fc.constantFrom('', '512m', '2g');
    fc.assert(
      fc.property(
        fc.record({
          startupTimeoutSeconds: fc.integer({ min: 10, max: 86400 }),
          heartbeat: fc.boolean(),
          queue: fc.constantFrom('', 'default', 'root.a'),
          driverMemory: memory,
          executorMemory: memory,
          numExecutors: fc.nat(50),
          conf: fc.dictionary(
            fc.constantFrom('spark.a', 'spark.b.c'),
            fc.constantFrom('1', 'true')
          )
        }),
        fc.dictionary(fc.constantFrom('name', 'queue', 'jars'), fc.string()),
        (session, userDefaults) => {
          const profile = withSession(session);
          const once = mergeSparkmagicConfig(
            { session_configs_defaults: userDefaults },
            profile
          ).config;
          const twice = mergeSparkmagicConfig(once, profile).config;
          expect(twice).toEqual(once);
          expect(validateSparkmagicConfig(once, profile)).toEqual(
            validateSparkmagicConfig(once, profile).filter(
              p => p.severity === 'warning'
            )
          );
        }
      )
    );
  });
});
