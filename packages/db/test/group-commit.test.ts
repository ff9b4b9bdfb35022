import t from 'tap';
import { GroupCommit } from '../src/group-commit.ts';

/** A flush that records each batch and answers every item doubled, failing on negative items. */
function recordingFlush() {
  const batches: number[][] = [];
  const flush = async (items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (items.some((item) => item < 0)) throw new Error(`bad item in ${items.join(',')}`);
    return items.map((item) => item * 2);
  };
  return { batches, flush };
}

t.test('concurrent submissions share flushes, and each caller gets its own result', async (t) => {
  const { batches, flush } = recordingFlush();
  const group = new GroupCommit(flush, { maxBatch: 10, maxConcurrent: 2 });
  const items = Array.from({ length: 40 }, (_, i) => i);
  const results = await Promise.all(items.map((item) => group.submit(item)));
  t.same(results, items.map((item) => item * 2));
  t.ok(batches.length <= 8, `40 items in ${batches.length} flushes`);
  t.ok(batches.every((batch) => batch.length <= 10), 'no batch exceeds maxBatch');
  t.same(batches.flat().sort((a, b) => a - b), items, 'every item flushed exactly once');
});

t.test('a lone submission is flushed at once, without waiting for company', async (t) => {
  const { batches, flush } = recordingFlush();
  const group = new GroupCommit(flush, { maxBatch: 10, maxConcurrent: 1 });
  t.equal(await group.submit(21), 42);
  t.same(batches, [[21]]);
});

t.test('items sharing a conflict key never share a batch', async (t) => {
  const { batches, flush } = recordingFlush();
  const group = new GroupCommit(flush, { maxBatch: 10, maxConcurrent: 1, conflictKeys: (item: number) => [`k${item % 3}`] });
  await Promise.all(Array.from({ length: 9 }, (_, i) => group.submit(i)));
  for (const batch of batches) {
    t.equal(new Set(batch.map((item) => item % 3)).size, batch.length, `batch ${batch.join(',')} has distinct keys`);
  }
  t.equal(batches.flat().length, 9);
});

t.test('when a batch fails, its items are retried alone and only the bad one fails', async (t) => {
  const { batches, flush } = recordingFlush();
  const group = new GroupCommit(flush, { maxBatch: 10, maxConcurrent: 1 });
  const settled = await Promise.allSettled([1, 2, -3, 4].map((item) => group.submit(item)));
  t.same(
    settled.map((result) => result.status),
    ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
  t.same(settled[3], { status: 'fulfilled', value: 8 });
  t.same(batches.slice(-4), [[1], [2], [-3], [4]], 'the failed batch was retried item by item');
});

t.test('drain waits for everything submitted', async (t) => {
  const { flush } = recordingFlush();
  const group = new GroupCommit(flush, { maxBatch: 3, maxConcurrent: 1 });
  const done: number[] = [];
  for (let i = 0; i < 7; i++) void group.submit(i).then((result) => done.push(result));
  await group.drain();
  t.equal(done.length, 7);
  await group.drain();
  t.pass('draining an idle group returns at once');
});
