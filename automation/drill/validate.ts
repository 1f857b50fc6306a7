import { checkStandbyPromotions } from "../../model/dr/strategy";
import { drState } from "../../model/dr/settings";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy, StandbyMode } from "../../model/dr/settings";
import type { StackInfo } from "../stacks/catalog";
import type { DrillMode } from "./cloud";
import type { SideName } from "./targets";

export type DrillKind = "drill" | "failback";

export interface DrillRequest {
  readonly kind: DrillKind;
  readonly primary: string;
  readonly standby: string;
  readonly mode: DrillMode;
  /** Allows a pair that is not production data (dataProtection protected on both). */
  readonly force: boolean;
  /** Continuing a stopped run: the recorded states are half-way, so they are not checked. */
  readonly resume?: boolean;
}

/** A validated request: everything the plan needs, read offline from the two stack files. */
export interface DrillSetup {
  readonly kind: DrillKind;
  readonly mode: DrillMode;
  readonly primary: StackInfo;
  readonly standby: StackInfo;
  /** The side that serves now and is fenced; the side that takes over. */
  readonly from: SideName;
  readonly to: SideName;
  readonly targets: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  readonly standbyMode: StandbyMode;
  readonly standbyTasksPerService: number;
  readonly promote: { readonly database: DatabaseStandbyStrategy; readonly cache: CacheStandbyStrategy };
}

export class DrillInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "DrillInputError";
  }
}

/**
 * Checks a drill or failback request against the two stacks' config, before anything changes:
 * the standby stands by for the primary, both hold RTO/RPO targets and agree on them, the pair is
 * production (or --force), and the pair's recorded state allows the direction.
 */
export function validateDrill(request: DrillRequest, stacks: ReadonlyMap<string, StackInfo>): DrillSetup {
  const problems: string[] = [];
  const primary = stacks.get(request.primary);
  const standby = stacks.get(request.standby);
  if (!primary || !standby) throw new Error("validateDrill needs both stacks loaded");
  if (request.primary === request.standby) throw new DrillInputError([`--primary and --standby are the same stack (${request.primary})`]);

  const p = primary.config;
  const s = standby.config;
  if (p.role !== "primary") problems.push(`${primary.name} is not a primary stack (platform:role is ${p.role})`);
  if (s.role !== "standby") problems.push(`${standby.name} is not a standby stack (platform:role is ${s.role})`);
  else if (s.dr?.primaryStack !== request.primary) {
    problems.push(`${standby.name} is not a standby of ${primary.name}: it stands by for ${s.dr?.primaryStack} (platform:dr.primaryStack)`);
  }
  if (!p.dr) problems.push(`${primary.name} has no platform:dr.targets: a drill needs RTO and RPO targets (rtoMinutes, rpoMinutes)`);
  if (!s.dr) problems.push(`${standby.name} has no platform:dr.targets: a drill needs RTO and RPO targets (rtoMinutes, rpoMinutes)`);
  const paired = problems.length === 0;
  if (paired) problems.push(...checkStandbyPromotions(primary, standby));
  if (p.dr && s.dr && (p.dr.targets.rtoMinutes !== s.dr.targets.rtoMinutes || p.dr.targets.rpoMinutes !== s.dr.targets.rpoMinutes)) {
    const show = (t: { rtoMinutes: number; rpoMinutes: number }) => `RTO ${t.rtoMinutes} min / RPO ${t.rpoMinutes} min`;
    problems.push(`the targets disagree: ${primary.name} says ${show(p.dr.targets)}, ${standby.name} says ${show(s.dr.targets)} (platform:dr.targets)`);
  }

  // Production is a property of the data, not of a stack name.
  const notProtected = [primary, standby].filter((info) => info.config.dataProtection !== "protected");
  if (notProtected.length > 0 && !request.force) {
    problems.push(
      `${primary.name} / ${standby.name} is not a production pair (platform:dataProtection is disposable on ${notProtected.map((i) => i.name).join(" and ")}): ` +
        "pass --force to drill it anyway",
    );
  }

  const serving = drState(p) === "serving" ? primary.name : drState(s) === "serving" ? standby.name : undefined;
  if (paired && request.kind === "drill" && !request.resume && (drState(p) !== "serving" || drState(s) !== "standby")) {
    problems.push(
      `a drill moves traffic from ${primary.name} to ${standby.name}, but ${serving ?? "neither"} serves now (platform:dr.state)` +
        (serving === standby.name ? `: run npm run failback -- --primary ${primary.name} --standby ${standby.name}` : ""),
    );
  }
  if (request.kind === "failback") {
    if (paired && !request.resume && (drState(s) !== "serving" || drState(p) !== "standby")) {
      problems.push(`a failback moves traffic from ${standby.name} back to ${primary.name}, but ${serving ?? "neither"} serves now (platform:dr.state)`);
    }
    if (request.mode !== "planned") problems.push("a failback is always a planned switchover (--mode planned)");
  }
  // The office-hours start schedule (EventBridge Scheduler, components/jobs/office-hours.ts) calls
  // RegisterScalableTarget with the services' minimum: a suspension does not stop that call, and the
  // call itself moves the desired count into the new bounds (Application Auto Scaling User Guide,
  // "Application Auto Scaling concepts"), so it would undo the fence on the side being fenced.
  const fenced = request.kind === "drill" ? primary : standby;
  const hours = fenced.config.officeHours;
  if (hours?.enabled) {
    problems.push(
      `${fenced.name} runs office hours (platform:officeHours.enabled): its ${hours.start} start schedule calls RegisterScalableTarget with the services' minimum, ` +
        `which would start the fenced services again; set platform:officeHours.enabled to false and roll ${fenced.name} out before the ${request.kind}`,
    );
  }
  if (problems.length > 0) throw new DrillInputError(problems);

  const dr = s.dr as NonNullable<typeof s.dr>;
  const posture = dr.standby as NonNullable<typeof dr.standby>;
  return {
    kind: request.kind,
    mode: request.mode,
    primary,
    standby,
    from: request.kind === "drill" ? "primary" : "standby",
    to: request.kind === "drill" ? "standby" : "primary",
    targets: dr.targets,
    standbyMode: posture.mode,
    standbyTasksPerService: posture.tasksPerService,
    promote: dr.promote as NonNullable<typeof dr.promote>,
  };
}

/** The stack name of a side. */
export function stackOf(setup: DrillSetup, side: SideName): StackInfo {
  return side === "primary" ? setup.primary : setup.standby;
}

/**
 * An RDS read replica, once promoted, is a standalone instance and cannot become a replica again
 * (RDS User Guide, "Promoting a read replica to be a standalone DB instance"), and RDS has no
 * switchover between a primary and a cross-region replica. The failback of an RDS pair therefore
 * needs the primary's instance re-seeded as a read replica of the standby's (`npm run reseed`,
 * automation/drill/reseed) and then promotes it; the stores check refuses without it, with this.
 */
export function rdsFollowerRefusal(primary: string, standby: string, found: string): string {
  return (
    `${primary}'s database does not follow ${standby}'s (${found}): a promoted RDS read replica cannot switch back, so ${primary}'s instance must first be re-seeded as a read replica of ${standby}'s. ` +
    `Run npm run reseed -- --from ${standby} --to ${primary} (it keeps the old instance under a new name), then the failback again`
  );
}
