import t from 'tap';
import { JobHandlers } from '@leadmatch/jobs';
import { eraseClosedLeads } from '@leadmatch/leads';
import { workerJobTypes } from '../src/handlers.ts';

t.test('the boot check covers the job types the worker’s own modules define', async (t) => {
  t.ok(workerJobTypes.includes(eraseClosedLeads), 'the retention job is in the registry');
  const handlers = new JobHandlers();
  for (const type of workerJobTypes.filter((type) => type !== eraseClosedLeads)) handlers.on(type, async () => {});
  t.throws(() => handlers.assertComplete(workerJobTypes), /retention\.erase-closed-leads/, 'a worker without its handler refuses to start');
  t.equal(new Set(workerJobTypes.map((type) => type.name)).size, workerJobTypes.length, 'no job type is registered twice');
});
