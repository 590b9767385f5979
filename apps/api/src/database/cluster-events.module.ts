import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLUSTER_EVENTS_OPTIONS, ClusterEvents, type ClusterEventsOptions } from './cluster-events.js';

/**
 * Events between the API replicas (PostgreSQL LISTEN/NOTIFY, cluster-events.ts). Global: a feature
 * module injects `ClusterEvents` and registers its channels in its constructor.
 */
@Global()
@Module({})
export class ClusterEventsModule {
  static forRoot(options: ClusterEventsOptions): DynamicModule {
    return {
      module: ClusterEventsModule,
      providers: [{ provide: CLUSTER_EVENTS_OPTIONS, useValue: options }, ClusterEvents],
      exports: [ClusterEvents],
    };
  }
}
