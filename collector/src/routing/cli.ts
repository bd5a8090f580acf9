// `tandem-collector routes ...`: route tester and ownership tools that work
// without a running server.
import { CollectorError } from '../errors.js';

export async function runRoutesCli(args: string[]): Promise<number> {
  throw new CollectorError('COL_ERR_USAGE', `routes ${args.join(' ')}: not available in this build`);
}
