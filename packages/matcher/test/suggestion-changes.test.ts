import fc from 'fast-check';
import t from 'tap';
import { suggestionChanges } from '../src/suggestion-changes.ts';
import type { Fit, MatchResult } from '../src/types.ts';

/**
 * Issue 14: a lead whose first park changed after a catalog edit recorded `changes: null`, so no
 * lead.suggestions_changed event went out. Any change of the ordered top 3, of a fit, of the parks
 * suggested or of their carriers is a change; the same suggestions are none.
 */
type Outline = Pick<MatchResult, 'suggestions'>;
interface Entry {
  id: string;
  fit: Fit;
  carriers: string[];
}

const outline = (entries: Entry[]): Outline =>
  ({ suggestions: entries.map((e) => ({ park: { id: e.id }, fit: e.fit, carriers: e.carriers.map((id) => ({ id })) })) }) as unknown as Outline;

const entries = fc.uniqueArray(
  fc.record({ id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), fit: fc.constantFrom<Fit>('strong', 'partial', 'weak'), carriers: fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3'), { maxLength: 3 }) }),
  { selector: (e) => e.id, maxLength: 6 },
);

const top3 = (list: Entry[]) => list.slice(0, 3).map((e) => e.id);

t.test('the same suggestions are no change; the first run has nothing to compare with', async (t) => {
  fc.assert(fc.property(entries, (list) => suggestionChanges(outline(list), outline(structuredClone(list))) === null));
  t.equal(suggestionChanges(null, outline([{ id: 'p1', fit: 'strong', carriers: [] }])), null);
});

t.test('any change of the ordered top 3 is a change, with both orders recorded', async (t) => {
  fc.assert(
    fc.property(entries, entries, (before, after) => {
      const changes = suggestionChanges(outline(before), outline(after));
      if (top3(before).join() === top3(after).join()) return true;
      return changes !== null && changes.top3Before.join() === top3(before).join() && changes.top3After.join() === top3(after).join();
    }),
  );
  const swapped = suggestionChanges(
    outline([{ id: 'sip', fit: 'strong', carriers: [] }, { id: 'snd', fit: 'strong', carriers: [] }]),
    outline([{ id: 'snd', fit: 'strong', carriers: [] }, { id: 'sip', fit: 'strong', carriers: [] }]),
  );
  t.match(swapped, { enteredTop3: [], dropped: [], top3Before: ['sip', 'snd'], top3After: ['snd', 'sip'] }, 'a new first choice among the same parks');
});

t.test('a fit that moves is a change naming the park and both fits', async () => {
  fc.assert(
    fc.property(entries, fc.constantFrom<Fit>('strong', 'partial', 'weak'), (list, fit) => {
      fc.pre(list.length > 0 && list[0]!.fit !== fit);
      const moved = [{ ...list[0]!, fit }, ...list.slice(1)];
      const changes = suggestionChanges(outline(list), outline(moved));
      return changes !== null && changes.fitChanged.some((c) => c.parkId === list[0]!.id && c.from === list[0]!.fit && c.to === fit);
    }),
  );
});

t.test('a park dropped or a carrier gone is a change', async (t) => {
  fc.assert(
    fc.property(entries, (list) => {
      fc.pre(list.length > 0);
      const withoutLast = list.slice(0, -1);
      const changes = suggestionChanges(outline(list), outline(withoutLast));
      return changes !== null && changes.dropped.includes(list.at(-1)!.id);
    }),
  );
  const gone = suggestionChanges(outline([{ id: 'p1', fit: 'strong', carriers: ['c1', 'c2'] }]), outline([{ id: 'p1', fit: 'strong', carriers: ['c2'] }]));
  t.same(gone?.carriersGone, [{ parkId: 'p1', carrierId: 'c1' }]);
});
