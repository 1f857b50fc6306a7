import type { PlannedResource } from "../../automation/cost/graph";

/**
 * Registrations built by hand, shaped like the program's (tier components as parents, inputs
 * with the @pulumi/aws v7 property names, references resolved to ids and ARNs as after an
 * update). For the cost engine and the diagram before a tier exists, and for property tests.
 */
export class SyntheticStack {
  readonly resources: PlannedResource[] = [];
  private readonly account = "123456789012";

  constructor(readonly region = "ap-northeast-2", readonly stack = "test") {}

  /** A tier component `platform:<tier>:<Name>`; returns its URN for children. */
  tier(tier: string, name = `${tier}-component`): string {
    const type = `platform:${tier}:${tier[0].toUpperCase()}${tier.slice(1)}`;
    const urn = `urn:pulumi:${this.stack}::aws-platform::${type}::${name}`;
    this.resources.push({ urn, type, name, parent: undefined, custom: false, id: "", inputs: {} });
    return urn;
  }

  add(type: string, name: string, inputs: Record<string, unknown>, options: { parent?: string; id?: string; state?: Record<string, unknown>; custom?: boolean } = {}): PlannedResource {
    const id = options.id ?? `${name}-id`;
    const resource: PlannedResource = {
      urn: `urn:pulumi:${this.stack}::aws-platform::${type}::${name}`,
      type,
      name,
      parent: options.parent,
      custom: options.custom ?? !type.startsWith("eks:index:"),
      id,
      inputs,
      state: { ...inputs, ...(options.state ?? {}) },
    };
    this.resources.push(resource);
    return resource;
  }

  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** Three subnets per tier's zone pair, tagged like the network tier tags them. */
  subnets(parent: string): Record<"public" | "app" | "data", string[]> {
    const ids = { public: [] as string[], app: [] as string[], data: [] as string[] };
    for (const tier of ["public", "app", "data"] as const) {
      for (const zone of ["a", "c"]) {
        const subnet = this.add("aws:ec2/subnet:Subnet", `net-${tier}-${zone}`, { tags: { SubnetTier: tier } }, { parent, id: `subnet-${tier}-${zone}` });
        ids[tier].push(subnet.id);
      }
    }
    return ids;
  }

  /** An ECS service with its task definition, as the compute tier registers them. */
  fargateService(
    parent: string,
    name: string,
    size: { cpu: number; memory: number; tasks: number; arm?: boolean },
    extra: Record<string, unknown> = {},
  ): PlannedResource {
    const family = `${name}-task`;
    const taskDefinitionArn = this.arn("ecs", `task-definition/${family}:1`);
    this.add(
      "aws:ecs/taskDefinition:TaskDefinition",
      `${name}-task`,
      {
        family,
        cpu: String(size.cpu),
        memory: String(size.memory),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        ...(size.arm ? { runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } } : {}),
      },
      { parent, id: taskDefinitionArn, state: { arn: taskDefinitionArn, arnWithoutRevision: this.arn("ecs", `task-definition/${family}`), revision: 1 } },
    );
    return this.add("aws:ecs/service:Service", name, { name, desiredCount: size.tasks, taskDefinition: taskDefinitionArn, ...extra }, { parent });
  }
}
