import { drState } from "../../../model/dr/settings";
import type { StackInfo } from "../../stacks/catalog";
import type { SideName } from "../targets";

export interface ReseedRequest {
  /** The stack whose instance serves and is copied. */
  readonly from: string;
  /** The stack whose instance is replaced by a read replica of `from`'s. */
  readonly to: string;
  /** Continuing a stopped re-seed. */
  readonly resume?: boolean;
}

/** A validated re-seed, read offline from the two stack files. */
export interface ReseedSetup {
  readonly from: StackInfo;
  readonly to: StackInfo;
  readonly fromSide: SideName;
  readonly toSide: SideName;
  readonly primary: StackInfo;
  /** The standby stack: its `drill` output names both instances. */
  readonly standby: StackInfo;
  /** The pair's RPO: the follower's ReplicaLag must be under it before the re-seed is done. */
  readonly rpoMinutes: number;
}

export class ReseedInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ReseedInputError";
  }
}

/**
 * Checks a re-seed against the stack files before anything is read or changed: the two stacks are
 * an RDS read-replica pair (platform:dr.promote.database rds-replica), `from` serves and `to` stands
 * by (platform:dr.state), so the instance replaced is never the one taking the application's writes.
 */
export function validateReseed(request: ReseedRequest, stacks: ReadonlyMap<string, StackInfo>): ReseedSetup {
  const from = stacks.get(request.from);
  const to = stacks.get(request.to);
  if (!from || !to) throw new Error("validateReseed needs both stacks loaded");
  if (request.from === request.to) throw new ReseedInputError([`--from and --to are the same stack (${request.from})`]);
  const standby = [from, to].find((s) => s.config.role === "standby");
  const primary = [from, to].find((s) => s.config.role === "primary");
  if (!standby || !primary || standby.config.dr?.primaryStack !== primary.name) {
    throw new ReseedInputError([`${request.from} and ${request.to} are not a primary and its standby (platform:role, platform:dr.primaryStack)`]);
  }
  const problems: string[] = [];
  const promote = standby.config.dr?.promote?.database;
  if (promote !== "rds-replica") {
    problems.push(
      `${standby.name}'s database is ${promote ?? "not replicated"} (platform:dr.promote.database), not rds-replica: only an RDS read-replica pair is re-seeded` +
        (promote === "aurora-global" ? "; Aurora rejoins the old primary to the global cluster itself" : ""),
    );
  }
  if (!request.resume && drState(from.config) !== "serving") problems.push(`${from.name} does not serve (platform:dr.state is ${drState(from.config)}): the copy is taken from the serving side`);
  if (!request.resume && drState(to.config) === "serving") problems.push(`${to.name} serves (platform:dr.state serving): its database takes the application's writes and is not replaced`);
  if (problems.length > 0) throw new ReseedInputError(problems);
  const fromSide: SideName = from === primary ? "primary" : "standby";
  return { from, to, fromSide, toSide: fromSide === "primary" ? "standby" : "primary", primary, standby, rpoMinutes: standby.config.dr.targets.rpoMinutes };
}
