import type { Clock } from "./clock";

export interface ProbeResult {
  readonly ok: boolean;
  /** HTTP status, when a response came back. */
  readonly status?: number;
  /** Why there was no healthy response: timeout, connection refused, a 503... */
  readonly error?: string;
}

/** One HTTPS request with a timeout; healthy means a 2xx. */
export type HttpProbe = (url: string, timeoutMs: number) => Promise<ProbeResult>;

/** The real probe: a GET through the system's DNS resolver, the way a user reaches the service. */
export const fetchProbe: HttpProbe = async (url, timeoutMs) => {
  if (!url.startsWith("https://")) return { ok: false, error: `not an https URL: ${url}` };
  try {
    const response = await fetch(url, { method: "GET", redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? { ok: true, status: response.status } : { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: (error as Error).name === "TimeoutError" ? `no response within ${timeoutMs} ms` : cause ?? (error as Error).message };
  }
};

export interface HealthPolicy {
  readonly attempts: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export interface HealthResult {
  readonly ok: boolean;
  readonly attempts: number;
  /** Clock time of the first healthy response. */
  readonly healthyAt?: number;
  readonly last: ProbeResult;
}

/** Probes until a healthy response or `attempts` are spent, `intervalMs` apart. */
export async function waitHealthy(probe: HttpProbe, url: string, policy: HealthPolicy, clock: Clock, stopped: () => boolean = () => false): Promise<HealthResult> {
  let last: ProbeResult = { ok: false, error: "not probed" };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    last = await probe(url, policy.timeoutMs);
    if (last.ok) return { ok: true, attempts: attempt, healthyAt: clock.now(), last };
    if (attempt < policy.attempts && !stopped()) await clock.sleep(policy.intervalMs);
    if (stopped()) return { ok: false, attempts: attempt, last: { ok: false, error: "interrupted" } };
  }
  return { ok: false, attempts: policy.attempts, last };
}
