import type { TestDatabase } from '../../libs/testing/src/database.js';
import {
  adminToken, freshDatabase, provisionVoiceClinic, startApi, waitForWarmCache, type BenchApi, type BenchSecrets, type VoiceClinic, type WarmWait,
} from './api.js';
import type { BenchSimulator } from './simulator.js';

/**
 * One VoiceDesk deployment for a scenario: a fresh database, the API in its own process (more
 * replicas on demand), a signed-in platform admin, and one clinic connected to the simulator with
 * its providers just synced. A fresh system per scenario: no cache, breaker or held offer of one
 * scenario reaches the next.
 */
export interface BenchSystem {
  /** the system's own database on the run's PostgreSQL */
  databaseUrl: string;
  api: BenchApi;
  replicas: BenchApi[];
  token: string;
  clinic: VoiceClinic;
  /** `performance.now()` when the provider sync (and config pull) ended */
  syncedAt: number;
  waitForWarmCache(options: { timeoutSeconds: number; fallbackSeconds: number }): Promise<WarmWait>;
  /** another API process on the same database */
  addReplica(): Promise<BenchApi>;
  stop(): Promise<void>;
}

export async function startSystem(sim: BenchSimulator, secrets: BenchSecrets, env: Record<string, string> = {}): Promise<BenchSystem> {
  const { db, admin } = await freshDatabase();
  let api: BenchApi | undefined;
  const replicas: BenchApi[] = [];
  const stopAll = async (database: TestDatabase) => {
    await Promise.all([api, ...replicas].map((a) => a?.stop()));
    await database.drop();
  };
  try {
    api = await startApi(db.url, secrets, 'api', env);
    const token = await adminToken(api, admin);
    const clinic = await provisionVoiceClinic(api, token, sim);
    const syncedAt = performance.now();
    const main = api;
    return {
      databaseUrl: db.url,
      api: main,
      replicas,
      token,
      clinic,
      syncedAt,
      waitForWarmCache: (options) => waitForWarmCache(main, token, clinic.id, { since: syncedAt, ...options }),
      async addReplica() {
        const replica = await startApi(db.url, secrets, `api-${replicas.length + 2}`, env);
        replicas.push(replica);
        return replica;
      },
      stop: () => stopAll(db),
    };
  } catch (error) {
    await stopAll(db);
    throw error;
  }
}
