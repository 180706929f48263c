/**
 * Command ids, shared by the commands plugin (src/plugins/commands.ts) that
 * registers them and the views that run them.
 */
export namespace CommandIDs {
  export const open = 'sparkmagic-kerberos:open';
  export const refresh = 'sparkmagic-kerberos:refresh';
  export const signIn = 'sparkmagic-kerberos:sign-in';
  export const signOut = 'sparkmagic-kerberos:sign-out';
  export const switchUser = 'sparkmagic-kerberos:switch-user';
  export const renew = 'sparkmagic-kerberos:renew';
  export const apply = 'sparkmagic-kerberos:apply';
  export const restartStale = 'sparkmagic-kerberos:restart-stale-kernels';
  export const selectProfile = 'sparkmagic-kerberos:select-profile';
  export const addProfile = 'sparkmagic-kerberos:add-profile';
  export const editProfile = 'sparkmagic-kerberos:edit-profile';
  export const deleteProfile = 'sparkmagic-kerberos:delete-profile';
  export const runDoctor = 'sparkmagic-kerberos:run-doctor';
  export const openPySpark = 'sparkmagic-kerberos:open-pyspark-notebook';
  export const openScala = 'sparkmagic-kerberos:open-scala-notebook';
  export const openR = 'sparkmagic-kerberos:open-r-notebook';
  export const exportLifecycle = 'sparkmagic-kerberos:export-lifecycle';
  export const exportEmrStep = 'sparkmagic-kerberos:export-emr-step';
  export const refreshSessions = 'sparkmagic-kerberos:refresh-spark-sessions';
  export const deleteIdleSessions =
    'sparkmagic-kerberos:delete-idle-spark-sessions';
}
