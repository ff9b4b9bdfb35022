import { DomainError, type CatalogDocument } from '@leadmatch/domain';
import { progressBar, type Progress, type SummaryRow } from '@leadmatch/progress';
import type { CatalogEditResult, EditProgress } from '../store/edit.ts';
import { CATALOG_ENTITIES } from '../store/repository.ts';

/** A progress bar that appears once writing starts, when the number of documents is known. */
export function writingBar(label: string): { onProgress: EditProgress; stop(): void } {
  let bar: Progress | undefined;
  return {
    onProgress: (done, total) => {
      bar ??= progressBar(label, total, 'documents');
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

/** Per entity in the document, how many were created, updated or left as they were; then the catalog version. */
export function editSummaryRows(document: CatalogDocument, result: CatalogEditResult): SummaryRow[] {
  const count = (entity: string, action: string) => result.changes.filter((change) => change.entity === entity && change.action === action).length;
  const rows: SummaryRow[] = CATALOG_ENTITIES.filter((entity) => document[entity]?.length).map((entity) => {
    const created = count(entity, 'create');
    const updated = count(entity, 'update');
    return [entity, created, 'created', updated, 'updated', document[entity]!.length - created - updated, 'unchanged'];
  });
  const version: SummaryRow = result.changes.length ? ['catalog version', result.version] : ['catalog version', result.version, '(nothing to change)'];
  return [...rows, version];
}

/** Prints a rejected edit's problems on stderr, one a line with its JSON pointer; answers whether `error` was one. */
export function printEditProblems(error: unknown): boolean {
  if (!(error instanceof DomainError) || !error.errors) return false;
  console.error(error.message);
  for (const problem of error.errors) console.error(`${problem.pointer}: ${problem.message}`);
  return true;
}
