import type { INestApplication } from '@nestjs/common';
import { EmrService } from '../emr/emr.service.js';

/**
 * Makes the demo clinic usable at once: verify the simulator connection, sync its providers and
 * pull its schedule codes, so a scripted call can book straight after `npm start`.
 */
export async function prepareDemoEmr(app: INestApplication, clinicId: string, say: (line: string) => void): Promise<void> {
  const emr = app.get(EmrService);
  const connection = await emr.testConnection(clinicId);
  if (!connection.verified) {
    say(`Demo clinic: the simulator did not answer as expected (${connection.problem ?? 'unknown problem'})`);
    return;
  }
  const providers = await emr.syncProviders(clinicId);
  await emr.pullConfig(clinicId);
  say(`Demo clinic connected to the simulator: ${providers.total} providers synced, schedule codes pulled`);
}
