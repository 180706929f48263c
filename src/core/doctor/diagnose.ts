/**
 * Turns the script's output into the report: one result per check, in the
 * order a user would fix things (tools, files, network, Kerberos, Livy).
 */
import { IProfile } from '../profile';
import {
  checkCache,
  checkSparkmagicConfig,
  checkStaleKernels
} from './checks-config';
import { checkKrb5Conf } from './checks-krb5';
import { checkKrb5Overwritten } from './checks-sagemaker';
import { checkLivyAuth } from './checks-livy';
import {
  checkDns,
  checkKdcTcp,
  checkLivyReach,
  checkTls
} from './checks-network';
import { checkClock, checkRequestedSpn, checkService } from './checks-spn';
import { checkKeytabMode, checkSignIn, checkTicket } from './checks-ticket';
import { checkCurl, checkKerberosTools, checkSparkmagic } from './checks-tools';
import { checkInput, ICheckInput } from './input';
import { parseDoctorOutput } from './output';
import { fail } from './result';
import { DoctorStatus, IDoctorContext, IDoctorResult } from './types';

const CHECKS: ((input: ICheckInput) => IDoctorResult | null)[] = [
  checkKerberosTools,
  checkCurl,
  checkSparkmagic,
  checkKrb5Conf,
  checkKrb5Overwritten,
  checkCache,
  checkSparkmagicConfig,
  checkStaleKernels,
  checkDns,
  checkKdcTcp,
  checkLivyReach,
  checkTls,
  checkSignIn,
  checkKeytabMode,
  checkTicket,
  checkService,
  checkRequestedSpn,
  checkClock,
  checkLivyAuth
];

/** The report for a profile from the doctor script's raw output. */
export function diagnose(
  profile: IProfile,
  output: string,
  context: IDoctorContext = {}
): IDoctorResult[] {
  const out = parseDoctorOutput(output);
  const input = checkInput(profile, out, context);
  const results: IDoctorResult[] = [];
  if (!out.complete) {
    results.push(
      fail(
        'doctor.run',
        'The doctor finished',
        'UNKNOWN',
        out.sections.length === 0
          ? 'The doctor script printed nothing.'
          : `The doctor stopped after "${out.sections[out.sections.length - 1].id}".`,
        'Run it again; if it keeps stopping, run sparkmagic-kerberos doctor --profile FILE in a terminal.'
      )
    );
  }
  for (const check of CHECKS) {
    const result = check(input);
    if (result) {
      results.push(result);
    }
  }
  return results;
}

/** The worst status in a report. */
export function overallStatus(results: IDoctorResult[]): DoctorStatus {
  if (results.some(r => r.status === 'fail')) {
    return 'fail';
  }
  return results.some(r => r.status === 'warn') ? 'warn' : 'pass';
}
