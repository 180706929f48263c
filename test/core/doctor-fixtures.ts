/**
 * Recorded doctor runs (test/fixtures/doctor/NAME.txt: the script's raw
 * output, NAME.profile.json: the profile it ran for), written by the fault
 * suite on the real stack: DOCTOR_RECORD_DIR=test/fixtures/doctor
 * test/doctor/run.sh.
 */
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { IProfile, withDefaults } from '../../src/core/profile';

export const DOCTOR_FIXTURES = resolve(__dirname, '../fixtures/doctor');

export interface IDoctorFixture {
  name: string;
  output: string;
  profile: IProfile;
}

export function doctorFixture(name: string): IDoctorFixture {
  const output = join(DOCTOR_FIXTURES, `${name}.txt`);
  const profile = join(DOCTOR_FIXTURES, `${name}.profile.json`);
  if (!existsSync(output) || !existsSync(profile)) {
    throw new Error(
      `doctor fixture '${name}' is missing from ${DOCTOR_FIXTURES}`
    );
  }
  return {
    name,
    output: readFileSync(output, 'utf8'),
    profile: withDefaults(JSON.parse(readFileSync(profile, 'utf8')))
  };
}
