/**
 * Everything a check may look at: the profile, what the script printed, and
 * what the caller knows (apply time, thresholds).
 */
import { IExplainContext } from '../explain/explain';
import { IProfile } from '../profile';
import { IKrb5View, krb5View } from './krb5-view';
import { sectionOf } from './output';
import { ICurlResult, parseCurlProbe } from './script-readers';
import { doctorTarget, IDoctorTarget } from './script';
import { IDoctorContext, IDoctorOutput } from './types';

export interface ICheckInput {
  profile: IProfile;
  target: IDoctorTarget;
  out: IDoctorOutput;
  context: IDoctorContext;
  /** Values explain() puts into its fixes. */
  explain: IExplainContext;
  krb5: IKrb5View;
  /** The script's clock when it started (epoch s). */
  now: number;
  /** GET /sessions without credentials (null when the probe did not run). */
  reach: ICurlResult | null;
  /** GET /sessions with SPNEGO, as the kernels would send it. */
  neg: ICurlResult | null;
}

export function checkInput(
  profile: IProfile,
  out: IDoctorOutput,
  context: IDoctorContext
): ICheckInput {
  const target = doctorTarget(profile);
  const meta = sectionOf(out, 'meta')?.text ?? '';
  const now = Number(/^now (\d+)$/m.exec(meta)?.[1] ?? NaN);
  const probe = (id: string) => {
    const s = sectionOf(out, id);
    return s ? parseCurlProbe(s.text, s.rc) : null;
  };
  return {
    profile,
    target,
    out,
    context,
    explain: {
      realm: profile.realm,
      nlbHost: target.spn.replace(/^[^/]*\/|@.*$/g, ''),
      principal: target.principal
    },
    krb5: krb5View(out),
    now: isFinite(now) ? now : Math.floor(Date.now() / 1000),
    reach: probe('reach'),
    neg: probe('neg')
  };
}
