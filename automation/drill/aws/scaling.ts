import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import type { ServiceScaling, SuspendedState } from "../cloud";

// @aws-sdk/client-application-auto-scaling: AWS's own SDK v3 client, on the same line as the drill's
// other clients (ECS, RDS, CloudWatch...), mockable with aws-sdk-client-mock like them.

/**
 * The ECS services' scalable targets, read and changed through Application Auto Scaling: the fence
 * holds a service at 0 only with its bounds at 0 and its scaling suspended, since "anytime a
 * scaling policy is invoked or the RegisterScalableTarget API is called, Application Auto Scaling
 * [...] compares [the current capacity] to the minimum and maximum capacity" and moves it inside
 * (Application Auto Scaling User Guide, "Application Auto Scaling concepts"), and a scheduled
 * action scales out to its minimum at its time (PutScheduledAction, ScalableTargetAction).
 */

const namespace = "ecs";
const dimension = "ecs:service:DesiredCount";
export const serviceResourceId = (cluster: string, service: string) => `service/${cluster}/${service}`;

/** DescribeScalableTargets takes at most 50 resource ids per call. */
const pageSize = 50;

export async function scalableTargets(client: ApplicationAutoScalingClient, cluster: string, services: readonly string[]): Promise<Map<string, ServiceScaling>> {
  const found = new Map<string, ServiceScaling>();
  for (let i = 0; i < services.length; i += pageSize) {
    const ids = services.slice(i, i + pageSize).map((service) => serviceResourceId(cluster, service));
    let token: string | undefined;
    do {
      const out = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: namespace, ScalableDimension: dimension, ResourceIds: ids, NextToken: token }));
      for (const target of out.ScalableTargets ?? []) {
        const service = services.find((name) => serviceResourceId(cluster, name) === target.ResourceId);
        if (!service || target.MinCapacity === undefined || target.MaxCapacity === undefined) continue;
        const s = target.SuspendedState;
        // An absent flag is false: "The default is false" (SuspendedState, API Reference).
        found.set(service, {
          minCapacity: target.MinCapacity,
          maxCapacity: target.MaxCapacity,
          suspendedState: { dynamicScalingInSuspended: s?.DynamicScalingInSuspended ?? false, dynamicScalingOutSuspended: s?.DynamicScalingOutSuspended ?? false, scheduledScalingSuspended: s?.ScheduledScalingSuspended ?? false },
        });
      }
      token = out.NextToken;
    } while (token);
  }
  return found;
}

/**
 * RegisterScalableTarget on an existing target: "Any parameters that you don't specify are not
 * changed by this update request" (RegisterScalableTarget, API Reference), so bounds left out stay.
 */
export async function setScaling(
  client: ApplicationAutoScalingClient,
  cluster: string,
  service: string,
  change: { readonly minCapacity?: number; readonly maxCapacity?: number; readonly suspendedState: SuspendedState },
): Promise<void> {
  const s = change.suspendedState;
  await client.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: namespace,
      ScalableDimension: dimension,
      ResourceId: serviceResourceId(cluster, service),
      MinCapacity: change.minCapacity,
      MaxCapacity: change.maxCapacity,
      SuspendedState: { DynamicScalingInSuspended: s.dynamicScalingInSuspended, DynamicScalingOutSuspended: s.dynamicScalingOutSuspended, ScheduledScalingSuspended: s.scheduledScalingSuspended },
    }),
  );
}
