export {
  ILifecycleOptions,
  LIFECYCLE_MAX_CHARS,
  LifecycleError,
  SAGEMAKER,
  sagemakerPath
} from './options';
export { sparkmagicMergeProgram } from './merge-py';
export {
  ILifecycleScripts,
  PLUGIN_ID,
  lifecycleBase64,
  renderLifecycle,
  renderOnCreate,
  renderPreset
} from './render';
