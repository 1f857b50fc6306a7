/**
 * Whether an error means the region never answered (a timeout or a connection that could not be
 * made), as opposed to an answer that refused the request (access denied, throttling, a 5xx).
 * In an unplanned drill the first is what a regional outage looks like: the fence cannot reach
 * the primary, and writes there are already impossible.
 */

/** Node's socket and DNS failures: the request left, no HTTP answer came back. */
const connectionCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EPIPE", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"]);
/** The AWS SDK v3's names for the same (its HTTP handler's timeouts, the retry strategy's give-up). */
const timeoutNames = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "NetworkingError"]);

export function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, $metadata } = e as { code?: unknown; name?: unknown; $metadata?: { httpStatusCode?: number } };
    // An HTTP status means the region answered, whatever it said.
    if ($metadata?.httpStatusCode !== undefined) return false;
    if (typeof code === "string" && connectionCodes.has(code)) return true;
    if (typeof name === "string" && timeoutNames.has(name)) return true;
  }
  return false;
}

/** The words the report and the console use for it. */
export const fenceUnreachable = "fence unreachable (region down)";
