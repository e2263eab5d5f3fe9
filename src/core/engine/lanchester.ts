/**
 * Lanchester-type attrition, the deterministic core of combat on a front (docs/model.md §3).
 *
 * Two forces X and Y fight; each loses strength at a rate set by the other's strength:
 *
 *     dX/dt = P_X(t) − a · Y^p · X^q
 *     dY/dt = P_Y(t) − b · X^p · Y^q
 *
 * The Helmbold/Bracken generalisation: p = 1, q = 0 is Lanchester's square law (aimed fire), p = 1, q = 1
 * the linear law (area fire); `a` is the rate at which Y kills X, `b` the rate at which X kills Y.
 * P_X, P_Y are reinforcements landed at given times (Engel 1954: the US landings on Iwo Jima).
 * Integration is classical fourth-order Runge-Kutta on the non-autonomous system: P is a step function
 * (a landing arrives at a constant rate over its day) evaluated at each stage's time, as in the reference
 * integration of Engel's model (RK4, dt = 0.001 day). Strengths never go below zero (a destroyed force
 * stops firing).
 */

export interface LanchesterLaw {
  /** Attrition of X by Y per unit of Y^p · X^q per day. */
  a: number;
  /** Attrition of Y by X per unit of X^p · Y^q per day. */
  b: number;
  /** Exponent of the firing side's strength (1 for both classical laws). */
  p: number;
  /** Exponent of the target side's strength (0 square law, 1 linear law). */
  q: number;
}

export const squareLaw = (a: number, b: number): LanchesterLaw => ({ a, b, p: 1, q: 0 });
export const linearLaw = (a: number, b: number): LanchesterLaw => ({ a, b, p: 1, q: 1 });

export interface Reinforcement {
  day: number;
  x?: number;
  y?: number;
}

export interface Strengths {
  x: number;
  y: number;
}

export interface Trajectory {
  /** Strength at the start of each day 0..days, before that day's reinforcements land. */
  days: Strengths[];
}

const NONE: Strengths = { x: 0, y: 0 };

/** dX/dt and dY/dt; `inflow` is the reinforcement rate landing during the current day. */
function derivative(law: LanchesterLaw, s: Strengths, inflow: Strengths = NONE): Strengths {
  const x = Math.max(0, s.x);
  const y = Math.max(0, s.y);
  return {
    x: inflow.x - law.a * Math.pow(y, law.p) * Math.pow(x, law.q),
    y: inflow.y - law.b * Math.pow(x, law.p) * Math.pow(y, law.q),
  };
}

/** One RK4 step from time t; `inflow(t)` is the reinforcement rate at time t. */
function rk4Step(law: LanchesterLaw, s: Strengths, t: number, h: number, inflow: (t: number) => Strengths): Strengths {
  const k1 = derivative(law, s, inflow(t));
  const k2 = derivative(law, { x: s.x + (h / 2) * k1.x, y: s.y + (h / 2) * k1.y }, inflow(t + h / 2));
  const k3 = derivative(law, { x: s.x + (h / 2) * k2.x, y: s.y + (h / 2) * k2.y }, inflow(t + h / 2));
  const k4 = derivative(law, { x: s.x + h * k3.x, y: s.y + h * k3.y }, inflow(t + h));
  return {
    x: Math.max(0, s.x + (h / 6) * (k1.x + 2 * k2.x + 2 * k3.x + k4.x)),
    y: Math.max(0, s.y + (h / 6) * (k1.y + 2 * k2.y + 2 * k3.y + k4.y)),
  };
}

/** P(t): the reinforcement rate (per day) at time t, each landing spread over [day, day + 1). */
function inflowFn(reinforcements: readonly Reinforcement[]): (t: number) => Strengths {
  if (reinforcements.length === 0) return () => NONE;
  return (t) => {
    let x = 0;
    let y = 0;
    for (const r of reinforcements)
      if (t >= r.day && t < r.day + 1) {
        x += r.x ?? 0;
        y += r.y ?? 0;
      }
    return { x, y };
  };
}

/** Integrate from `start` over `days` days with `stepsPerDay` RK4 steps a day. */
export function integrate(
  law: LanchesterLaw,
  start: Strengths,
  days: number,
  reinforcements: readonly Reinforcement[] = [],
  stepsPerDay = 1000,
): Trajectory {
  const out: Strengths[] = [];
  let s = { ...start };
  const h = 1 / stepsPerDay;
  const inflow = inflowFn(reinforcements);
  for (let day = 0; day <= days; day++) {
    out.push({ ...s });
    if (day === days) break;
    for (let i = 0; i < stepsPerDay; i++) s = rk4Step(law, s, day + i * h, h, inflow);
  }
  return { days: out };
}

export interface SquareLawOutcome {
  winner: 'x' | 'y' | 'draw';
  survivors: number;
  /** Days until the loser is annihilated (Infinity for a draw). */
  days: number;
}

/**
 * The square law's closed form, without reinforcement. The invariant b·X² − a·Y² is constant; with
 * ω = √(ab), the losing side reaches zero when tanh(ωt) equals its strength ratio scaled by √(a/b).
 */
export function squareLawOutcome(a: number, b: number, x0: number, y0: number): SquareLawOutcome {
  const invariant = b * x0 * x0 - a * y0 * y0;
  const omega = Math.sqrt(a * b);
  if (invariant === 0) return { winner: 'draw', survivors: 0, days: Infinity };
  if (invariant > 0) return { winner: 'x', survivors: Math.sqrt(invariant / b), days: Math.atanh((y0 * Math.sqrt(a / b)) / x0) / omega };
  return { winner: 'y', survivors: Math.sqrt(-invariant / a), days: Math.atanh((x0 * Math.sqrt(b / a)) / y0) / omega };
}

export interface Coefficients {
  a: number;
  b: number;
}

/**
 * Engel's (1954) estimate of square-law coefficients from a battle's record: each coefficient is the side's
 * total losses divided by the enemy's strength summed over the days of fighting,
 *
 *     b = (Y(0) − Y(T)) / Σ X(t),    a = (X landed − X(T)) / Σ Y(t),    t = 0 .. T,
 *
 * i.e. the model's cumulative casualties equal the observed ones (a method of moments; no squared error
 * is minimised). `series` holds the daily strengths; the totals come from the endpoints.
 */
export function fitByCumulativeLosses(
  series: readonly Strengths[],
  ends: { landedX: number; startY: number; endX: number; endY: number },
): Coefficients {
  const sumX = series.reduce((acc, s) => acc + s.x, 0);
  const sumY = series.reduce((acc, s) => acc + s.y, 0);
  return { a: (ends.landedX - ends.endX) / sumY, b: (ends.startY - ends.endY) / sumX };
}

export interface EndpointFit {
  a: number;
  b: number;
  /** The fitted model's strengths on the end day. */
  end: Strengths;
}

/** Integrate until `until`, noting when Y is first destroyed (linear interpolation within a step). */
function runWithZeroTime(
  law: LanchesterLaw,
  start: Strengths,
  until: number,
  reinforcements: readonly Reinforcement[],
  stepsPerDay: number,
) {
  let s = { ...start };
  const h = 1 / stepsPerDay;
  let yZeroAt = Infinity;
  let xAtZero = NaN;
  const inflow = inflowFn(reinforcements);
  for (let day = 0; day < until; day++) {
    for (let i = 0; i < stepsPerDay; i++) {
      const before = s;
      const t = day + i * h;
      s = rk4Step(law, s, t, h, inflow);
      if (yZeroAt === Infinity && s.y <= 0) {
        // The step's unclamped end extrapolates Y linearly past zero: interpolate the crossing.
        const slope = derivative(law, before, inflow(t)).y;
        const frac = slope < 0 ? Math.min(1, before.y / (-slope * h)) : 1;
        yZeroAt = day + (i + frac) * h;
        xAtZero = before.x + frac * (s.x - before.x);
      }
    }
  }
  return { end: s, yZeroAt, xAtZero };
}

/**
 * Fit a square law's coefficients by shooting: which a, b take the battle from its start to its observed
 * end? The loss: none to minimise — the two coefficients are solved so that the
 * integrated model, with the given reinforcements, hits both end observations exactly (two equations, two
 * unknowns; Newton's method on log-coefficients with a finite-difference Jacobian). Where Y ends at zero,
 * the second equation is that Y is destroyed on the end day itself, and the first that X then has its end
 * strength. A different loss, such as least squares over a whole interpolated series, gives different
 * coefficients (docs/model.md §3).
 */
export function fitByEndpointShooting(
  start: Strengths,
  end: Strengths,
  days: number,
  reinforcements: readonly Reinforcement[] = [],
  guess: { a: number; b: number } = { a: 0.05, b: 0.01 },
): EndpointFit {
  const stepsPerDay = 200;
  const residual = (la: number, lb: number): [number, number] => {
    const law = squareLaw(Math.exp(la), Math.exp(lb));
    if (end.y > 0) {
      const e = runWithZeroTime(law, start, days, reinforcements, stepsPerDay).end;
      return [(e.x - end.x) / end.x, (e.y - end.y) / start.y];
    }
    // Integrate long enough for Y to be destroyed even when the coefficients are still far off.
    const r = runWithZeroTime(law, start, days * 4, reinforcements, stepsPerDay);
    const t = Number.isFinite(r.yZeroAt) ? r.yZeroAt : days * 4;
    const x = Number.isFinite(r.yZeroAt) ? r.xAtZero : r.end.x;
    return [(x - end.x) / end.x, (t - days) / days];
  };
  let la = Math.log(guess.a);
  let lb = Math.log(guess.b);
  for (let iter = 0; iter < 60; iter++) {
    const [r1, r2] = residual(la, lb);
    const norm = Math.hypot(r1, r2);
    if (norm < 1e-7) break;
    const h = 1e-5;
    const [a1, a2] = residual(la + h, lb);
    const [b1, b2] = residual(la, lb + h);
    const j11 = (a1 - r1) / h;
    const j21 = (a2 - r2) / h;
    const j12 = (b1 - r1) / h;
    const j22 = (b2 - r2) / h;
    const det = j11 * j22 - j12 * j21;
    if (det === 0) break;
    const dla = (-r1 * j22 + r2 * j12) / det;
    const dlb = (-r2 * j11 + r1 * j21) / det;
    // Halve the Newton step while it does not reduce the residual.
    let scale = 1;
    while (scale > 1e-4 && Math.hypot(...residual(la + scale * dla, lb + scale * dlb)) >= norm) scale /= 2;
    la += scale * dla;
    lb += scale * dlb;
  }
  const law = squareLaw(Math.exp(la), Math.exp(lb));
  return { a: law.a, b: law.b, end: integrate(law, start, days, reinforcements, stepsPerDay).days[days]! };
}
