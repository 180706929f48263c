export {
  ILifecycleOptions,
  LIFECYCLE_MAX_CHARS,
  LifecycleError,
  LifecyclePlatform,
  SAGEMAKER,
  STUDIO,
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
