/** The panel's icon: a key with a spark, coloured by the theme (jp-icon3). */
import { LabIcon } from '@jupyterlab/ui-components';

const svgstr = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M7.5 9a4.5 4.5 0 1 1 4.24 4.49L10 15.25V17H8v2H6v2H3v-3.4l5.51-5.51A4.5 4.5 0 0 1 7.5 9zm4.5-1.5a1.5 1.5 0 1 0 0 .01z" transform="translate(1 -1)"/>
    <path d="M19 2l.9 2.1L22 5l-2.1.9L19 8l-.9-2.1L16 5l2.1-.9z"/>
  </g>
</svg>`;

/** Also named in schema/plugin.json (`jupyter.lab.setting-icon`). */
export const kerberosIcon = new LabIcon({
  name: 'sparkmagic-kerberos:icon',
  svgstr
});
