import { explain } from '../../src/core/explain/explain';
import { SPARKR_ASSIGN } from '../../src/core/explain/fixes';
import { errorFixtures } from '../fixtures/load';

describe('spark.lapply in a Livy SparkR session (recorded on the stack)', () => {
  const recorded = errorFixtures().find(
    f => f.name === 'sparkr-lapply-uninitialized'
  );

  it('is named, with the exact line to run', () => {
    expect(recorded?.text).toContain('SparkR has not been initialized');
    const why = explain(recorded?.text ?? '');
    expect(why.code).toBe('SPARKR_NOT_INITIALIZED');
    expect(why.fix.endsWith(`: ${SPARKR_ASSIGN}`)).toBe(true);
  });

  it("gives SparkR's context handle the value Livy set as .sc", () => {
    expect(SPARKR_ASSIGN).toBe(
      'assign(".sparkRjsc", get(".sc", envir = SparkR:::.sparkREnv), envir = SparkR:::.sparkREnv)'
    );
  });
});
