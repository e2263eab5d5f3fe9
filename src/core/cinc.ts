/**
 * The Correlates of War Composite Index of National Capability (CINC; Singer, Bremer & Stuckey 1972).
 *
 * For one year: each of the six components (military expenditure, military personnel, iron and steel
 * production, primary energy consumption, total and urban population) is turned into the state's share of
 * the world total over all states with a value that year; CINC is the mean of the shares. Where a state's
 * component is missing, the mean is over the components present (NMC v6.0 codebook; North Korea's 2016
 * CINC is the mean of five shares because its milex is missing).
 */

export const NMC_COMPONENTS = ['milex', 'milper', 'irst', 'pec', 'tpop', 'upop'] as const;
export type NmcComponent = (typeof NMC_COMPONENTS)[number];

/** One state-year of the NMC data; a missing component is `null`. */
export interface NmcRow {
  stateabb: string;
  ccode: number;
  year: number;
  components: Record<NmcComponent, number | null>;
  /** The CINC published in the data set, for comparison. */
  cinc: number | null;
}

export interface CincResult {
  stateabb: string;
  cinc: number;
  /** The state's share of the world total per component (`null` where missing). */
  shares: Record<NmcComponent, number | null>;
}

/** CINC of every state in `year`, computed from the components. */
export function computeCinc(rows: readonly NmcRow[], year: number): Map<string, CincResult> {
  const states = rows.filter((r) => r.year === year);
  const totals = Object.fromEntries(NMC_COMPONENTS.map((c) => [c, 0])) as Record<NmcComponent, number>;
  for (const r of states)
    for (const c of NMC_COMPONENTS) {
      const v = r.components[c];
      if (v !== null) totals[c] += v;
    }
  const out = new Map<string, CincResult>();
  for (const r of states) {
    const shares = {} as Record<NmcComponent, number | null>;
    let sum = 0;
    let present = 0;
    for (const c of NMC_COMPONENTS) {
      const v = r.components[c];
      const share = v === null || totals[c] === 0 ? null : v / totals[c];
      shares[c] = share;
      if (share !== null) {
        sum += share;
        present++;
      }
    }
    out.set(r.stateabb, { stateabb: r.stateabb, cinc: present === 0 ? 0 : sum / present, shares });
  }
  return out;
}
