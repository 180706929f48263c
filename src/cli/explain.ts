/** `explain`: output of a failed call on stdin → {code, title, fix}. */
import { explain } from '../core/explain/explain';
import { ICommand } from './command';

export const command: ICommand = {
  usage: 'explain',
  summary:
    'output of a failed kinit/klist/kvno/curl/sparkmagic/Livy call on stdin → cause and fix',
  options: {},
  async run(_values, io) {
    io.stdout(JSON.stringify(explain(await io.readStdin())) + '\n');
    return 0;
  }
};
