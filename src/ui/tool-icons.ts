/**
 * The panel toolbar's own icons, coloured by the theme (jp-icon3). Apart
 * from the panel's icon, so they load with the toolbar, not at start-up.
 */
import { LabIcon } from '@jupyterlab/ui-components';

/** Sign in and sign out: an arrow into and out of a door (Material Design, Apache-2.0). */
export const signInIcon = new LabIcon({
  name: 'sparkmagic-kerberos:sign-in',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M11 7 9.6 8.4l2.6 2.6H2v2h10.2l-2.6 2.6L11 17l5-5-5-5zm9 12h-8v2h8c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2h-8v2h8v14z"/></svg>'
});

export const signOutIcon = new LabIcon({
  name: 'sparkmagic-kerberos:sign-out',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="m17 7-1.41 1.41L18.17 11H8v2h10.17l-2.58 2.58L17 17l5-5zM4 5h8V3H4c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h8v-2H4V5z"/></svg>'
});

/** The doctor: a pulse line. */
export const doctorIcon = new LabIcon({
  name: 'sparkmagic-kerberos:doctor',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none"><path class="jp-icon3" stroke="#616161" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M2 12h4l3-7 4 14 3-7h6"/></svg>'
});

/**
 * Renew: a clock face with a turning arrow (Material Design "history",
 * Apache-2.0), drawn here because ui-components has it only from 4.1 on.
 */
export const renewIcon = new LabIcon({
  name: 'sparkmagic-kerberos:renew',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M13 3a9 9 0 0 0-9 9H1l3.89 3.89.07.14L9 12H6c0-3.87 3.13-7 7-7s7 3.13 7 7-3.13 7-7 7c-1.93 0-3.68-.79-4.94-2.06l-1.42 1.42A8.95 8.95 0 0 0 13 21a9 9 0 0 0 0-18zm-1 5v5l4.28 2.54.72-1.21-3.5-2.08V8H12z"/></svg>'
});
