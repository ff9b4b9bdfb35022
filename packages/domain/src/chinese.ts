import * as OpenCC from 'opencc-js';

/** Taiwan phrasing to mainland phrasing: 軟體 → 软件, 積體電路 → 集成电路, 人工智慧 → 人工智能. */
const traditionalToSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });

export function toSimplified(text: string): string {
  return traditionalToSimplified(text);
}
