import { type ResourceRef, type Signal, type WritableSignal, computed, linkedSignal, resource, signal } from '@angular/core';

/** A page of any list of the API (SPEC §12): `{items, nextCursor}`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list for a screen: the first page is a resource of the filter (loading, error,
 * reload for free); "load more" appends the next pages, which are forgotten when the filter
 * changes. Create it in a component's field initialiser (it needs an injection context).
 */
export class CursorList<F, T> {
  readonly filter: WritableSignal<F>;
  readonly first: ResourceRef<Page<T> | undefined>;
  readonly items: Signal<T[]>;
  readonly nextCursor: Signal<string | null>;
  readonly loadingMore = signal(false);
  readonly moreError = signal<unknown>(null);
  private readonly extra: WritableSignal<Page<T> | null>;
  /** rows changed in place since the first page loaded, by key */
  private readonly edits: WritableSignal<ReadonlyMap<string, T>>;

  constructor(
    initial: F,
    private readonly load: (filter: F, cursor?: string) => Promise<Page<T>>,
    private readonly key: (item: T) => string = (item) => (item as { id: string }).id,
  ) {
    this.filter = signal<F>(initial);
    this.first = resource({ params: () => this.filter(), loader: ({ params }) => this.load(params) });
    // a failed first page has no rows (reading a failed resource's value throws)
    const firstPage = computed(() => (this.first.hasValue() ? this.first.value() : undefined));
    this.extra = linkedSignal<Page<T> | undefined, Page<T> | null>({ source: firstPage, computation: () => null });
    this.edits = linkedSignal<Page<T> | undefined, ReadonlyMap<string, T>>({ source: firstPage, computation: () => new Map() });
    this.items = computed(() => {
      const edits = this.edits();
      return [...(firstPage()?.items ?? []), ...(this.extra()?.items ?? [])].map((item) => edits.get(this.key(item)) ?? item);
    });
    this.nextCursor = computed(() => (this.extra() ?? firstPage())?.nextCursor ?? null);
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(null);
    try {
      const page = await this.load(this.filter(), cursor);
      this.extra.set({ items: [...(this.extra()?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (error) {
      this.moreError.set(error);
    } finally {
      this.loadingMore.set(false);
    }
  }

  /** Replaces one loaded row (after an inline change) without reloading the list. */
  replace(next: T): void {
    this.edits.update((edits) => new Map(edits).set(this.key(next), next));
  }
}
