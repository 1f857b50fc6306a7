import type { DrillRecord } from "./record";

/**
 * What the operator does next, from where the drill ended: continue, abandon or fail back, with
 * the exact commands. Printed on the console and written into the report.
 */
export function recoveryFor(record: DrillRecord): string[] {
  const from = record.from === "primary" ? record.primary : record.standby;
  const to = record.to === "primary" ? record.primary : record.standby;
  const pair = `--primary ${record.primary} --standby ${record.standby}`;
  const resume = `npm run ${record.kind} -- ${pair}${record.kind === "drill" ? ` --mode ${record.mode}` : ""} --resume`;
  const failback = `npm run failback -- ${pair}`;
  // The scalable target first (bounds and suspension as saved), then the count: with the fence's
  // bounds of 0 still registered, Application Auto Scaling would move a count of 2 back to 0.
  const restore = (record.fence?.services ?? []).flatMap((s) => {
    const fence = record.fence as NonNullable<DrillRecord["fence"]>;
    // EKS: the HPA's bounds first, then the replicas, which reactivate the HPA (steps/fence-eks.ts).
    if (fence.engine === "eks") {
      const kubectl = `kubectl --context <${fence.cluster}> --namespace ${fence.namespace}`;
      const hpa = s.hpa ? [`${kubectl} patch hpa ${s.hpa.name} --type merge -p '{"spec":{"minReplicas":${s.hpa.minReplicas},"maxReplicas":${s.hpa.maxReplicas}}}'`] : [];
      return [...hpa, `${kubectl} scale deployment ${s.name} --replicas ${s.previousDesired}`];
    }
    const scaling = s.scaling
      ? [
          `aws application-autoscaling register-scalable-target --region ${fence.region} --service-namespace ecs --scalable-dimension ecs:service:DesiredCount ` +
            `--resource-id service/${fence.cluster}/${s.name} --min-capacity ${s.scaling.minCapacity} --max-capacity ${s.scaling.maxCapacity} ` +
            `--suspended-state DynamicScalingInSuspended=${s.scaling.suspendedState.dynamicScalingInSuspended},DynamicScalingOutSuspended=${s.scaling.suspendedState.dynamicScalingOutSuspended},ScheduledScalingSuspended=${s.scaling.suspendedState.scheduledScalingSuspended}`,
        ]
      : [];
    return [...scaling, `aws ecs update-service --region ${fence.region} --cluster ${fence.cluster} --service ${s.name} --desired-count ${s.previousDesired}`];
  });
  const commit = `commit the config changes in Pulumi.${record.primary}.yaml and Pulumi.${record.standby}.yaml (platform:dr.state)`;

  if (record.outcome === "passed" || record.outcome === "missed-targets") {
    // An RDS pair: the instance that served stands alone after the promotion; a replica of the new
    // writer is made by re-seeding it (automation/drill/reseed), before a failback or the next drill.
    const reseed = `npm run reseed -- --from ${to} --to ${from}`;
    if (record.kind === "failback") {
      const rds = record.database === "rds-replica" ? [`Then rebuild ${from}'s replica: ${reseed} (${from}'s instance stands alone since the drill; it keeps it under a new name)`] : [];
      return [`${to} serves traffic again and ${from} stands by.`, `Next: ${commit}.`, ...rds];
    }
    return [
      `${to} serves traffic; ${from} is fenced and stands by.`,
      `Next: ${commit}.`,
      record.database === "rds-replica"
        ? `To return: re-seed ${from}'s database as a follower of ${to}'s (${reseed}), then run: ${failback}`
        : `To return: once ${from}'s stores follow ${to} again, run: ${failback}`,
    ];
  }
  const step = record.steps.find((s) => s.id === record.stoppedAt);
  if (!step || step.kind === "check") {
    return ["Nothing was changed: the drill stopped in its pre-checks.", `Fix what the failed check reports and run the ${record.kind} again (without --resume).`];
  }
  switch (step.id) {
    case "fence":
      return [
        `Writes on ${from} may be partly fenced: some of its services may be scaled to 0. The data stores were not touched.`,
        `Continue: ${resume}`,
        ...(restore.length > 0 ? [`Or abandon and restore ${from}'s services:`, ...restore.map((c) => `  ${c}`)] : []),
      ];
    case "promote-database":
      return [
        `${from} is fenced; the database promotion did not complete. Look at the database first (the report's timeline shows its last state).`,
        `Continue (recommended): ${resume}`,
        `Abandon only if ${from}'s database is still the writer: restore ${from}'s services:`,
        ...restore.map((c) => `  ${c}`),
      ];
    case "reconcile":
      return [
        `${to} serves traffic, but Pulumi state and config are not reconciled: do not run pulumi up on ${from} until they are.`,
        `Continue: ${resume} (refreshes both stacks and records the states)`,
      ];
    default:
      return [
        `${to}'s database takes writes now: the way back is forward. Continue: ${resume}`,
        `Once ${to} serves traffic, ${record.kind === "drill" ? `return with: ${failback}` : "the failback is complete"}.`,
      ];
  }
}
