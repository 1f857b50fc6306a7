import type { ReadResourceRequest, RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";

/** A request to the monitor that creates a resource, or reads one (a StackReference is a read). */
export type RegistrationRequest = RegisterResourceRequest | ReadResourceRequest;

/** What the monitor answers a registration with; only its URN is read here. */
interface RegistrationResponse {
  getUrn(): string;
}

type Callback = (err: unknown, resp: RegistrationResponse | undefined) => void;
type Method<R> = (req: R, callback: Callback) => unknown;

/**
 * The two calls of the SDK's mock monitor that carry a registration. The SDK declares the monitor
 * as its gRPC client (`runtime.getMonitor()`) and MockMonitor's calls with `any` requests and
 * responses; these are the types it actually passes.
 */
interface RegistrationMonitor {
  registerResource: Method<RegisterResourceRequest>;
  readResource: Method<ReadResourceRequest>;
}

export interface RegistrationObserver {
  /** Each request, before the monitor (and so the mocks) sees it. */
  requested(req: RegistrationRequest): void;
  /** Each request the monitor answered, with the URN it gave. */
  registered(req: RegistrationRequest, urn: string): void;
}

/**
 * Wraps the monitor's registerResource and readResource so `observer` sees every registration and
 * its URN: the Mocks interface alone never sees a registration's parent and options.
 */
export function observeRegistrations(monitor: unknown, observer: RegistrationObserver): void {
  if (!isRegistrationMonitor(monitor)) throw new Error("mock cloud: the monitor has no registerResource and readResource to observe (are the mocks set?)");
  monitor.registerResource = observed(monitor.registerResource.bind(monitor), observer);
  monitor.readResource = observed(monitor.readResource.bind(monitor), observer);
}

function observed<R extends RegistrationRequest>(original: Method<R>, observer: RegistrationObserver): Method<R> {
  return (req, callback) => {
    observer.requested(req);
    return original(req, (err, resp) => {
      if (!err && resp) observer.registered(req, resp.getUrn());
      callback(err, resp);
    });
  };
}

function isRegistrationMonitor(monitor: unknown): monitor is RegistrationMonitor {
  return (
    typeof monitor === "object" &&
    monitor !== null &&
    "registerResource" in monitor &&
    typeof monitor.registerResource === "function" &&
    "readResource" in monitor &&
    typeof monitor.readResource === "function"
  );
}
