/** `explain`: output of a failed call on stdin → {code, title, fix}. */
import { explain } from '../core/explain/explain';
import { ICommand } from './command';
import { parseOptions } from './args';

export const command: ICommand = {
  usage: 'explain',
  summary:
    'output of a failed kinit/klist/kvno/curl/sparkmagic/Livy call on stdin → cause and fix',
  async run(args, io) {
    parseOptions(args, []);
    io.stdout(JSON.stringify(explain(await io.readStdin())) + '\n');
    return 0;
  }
};
