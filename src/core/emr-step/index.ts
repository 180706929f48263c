export { EMR_STEP_LABEL, emrStepCommand, emrStepFix } from './command';
export {
  EMR_STEP_KEYTAB,
  EmrStepError,
  IEmrStepOptions,
  emrStepProblems
} from './options';
export { renderEmrStep } from './render';
