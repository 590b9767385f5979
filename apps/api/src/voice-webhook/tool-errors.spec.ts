import { describe, expect, it } from 'vitest';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicStatus } from '../database/enums.js';
import { EmrBusyError, EmrPausedError, EmrServerError, EmrTimeoutError } from '../emr/emr-errors.js';
import { SchedulingBusyError, SchedulingEmrUnavailableError, asSchedulingError } from '../scheduling/scheduling-errors.js';
import { say } from './speech.js';
import { toToolError } from './tool-errors.js';
import type { VoiceClinic } from './voice-clinic-directory.js';

const clinic: VoiceClinic = { id: 'c1', name: 'Test clinic', status: ClinicStatus.Active, timezone: 'America/Vancouver', config: {} as ClinicConfig };

describe('what the agent hears when the EMR cannot help', () => {
  it('work the clinic’s EMR could not take in time is BUSY ("one moment", retry), from scheduling or straight from the EMR', () => {
    const fromScheduling = asSchedulingError(new EmrBusyError('queued'));
    expect(fromScheduling).toBeInstanceOf(SchedulingBusyError);
    expect(fromScheduling).toMatchObject({ schedulingCode: 'BUSY', retryAfterSeconds: 1 });
    for (const error of [fromScheduling, new EmrBusyError('queue_full')]) {
      const heard = toToolError(error, clinic, 'en');
      expect(heard).toMatchObject({ toolCode: 'BUSY', next: 'retry', say: say('en', 'busy') });
    }
  });

  it('an EMR that fails or does not answer stays EMR_UNAVAILABLE', () => {
    for (const emr of [new EmrTimeoutError(4_000), new EmrServerError(), new EmrPausedError(15)]) {
      const fromScheduling = asSchedulingError(emr);
      expect(fromScheduling).toBeInstanceOf(SchedulingEmrUnavailableError);
      expect(toToolError(fromScheduling, clinic, 'en')).toMatchObject({ toolCode: 'EMR_UNAVAILABLE', next: 'retry' });
      expect(toToolError(emr, clinic, 'en')).toMatchObject({ toolCode: 'EMR_UNAVAILABLE', next: 'retry' });
    }
  });
});
