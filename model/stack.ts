/** Whether a stack serves traffic (`primary`) or stands by in a second region (`standby`). */
export type StackRole = "primary" | "standby";

/**
 * `protected`: data stores get deletion protection, final snapshots and Pulumi `protect`, and
 * buckets refuse to be destroyed while they hold objects. `disposable`: a clean destroy (dev).
 */
export type DataProtection = "protected" | "disposable";
