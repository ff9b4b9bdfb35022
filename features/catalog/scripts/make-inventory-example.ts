import { writeFile } from 'node:fs/promises';
import { readSeedDocument } from '../src/index.ts';
import { inventoryWorkbook } from '../src/inventory/template.ts';

/**
 * Writes examples/carrier-inventory-zhoushan-marine-complex.xlsx: the carriers the seed catalog holds
 * for that park, as a desk's inventory would list them. Every figure is the sources'; the thresholds
 * sheet is left blank because no source gives them. Run: npx tsx --conditions=leadmatch-source <this file>.
 */
const PARK = 'zhoushan-marine-complex';
const carriers = ((await readSeedDocument()).carriers ?? []).filter((carrier) => carrier.parkId === PARK);
const target = new URL(`../../../examples/carrier-inventory-${PARK}.xlsx`, import.meta.url);
await writeFile(target, await inventoryWorkbook(carriers));
console.log(`${target.pathname}: ${carriers.length} carriers`);
