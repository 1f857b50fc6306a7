import * as pulumi from "@pulumi/pulumi";
import type { ContainerHealthCheckSettings } from "../../../model/compute/settings";
import { xrayDaemonAddress, xrayDaemonContainer } from "./tracing";
import { jsonText } from "../../shared/json";

/** Where an injected secret comes from: a Secrets Manager ARN, optionally one key of its JSON. */
export interface SecretSource {
  /** Which secret: `database`, `cache` or an application secret's key; one grant per secret. */
  readonly ref: string;
  /** The secret's ARN (the data tier's or the application secret's). */
  readonly arn: pulumi.Input<string>;
  /** One key of the secret's JSON (`database:password`); the whole value when omitted. */
  readonly jsonKey?: string;
}

/** The single container of a service's task. */
export interface ContainerSpec {
  /** Container name: the service's. */
  readonly name: string;
  /** Image reference. */
  readonly image: pulumi.Input<string>;
  /** Container port (TCP). */
  readonly port: number;
  /** Plain variables. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Variables ECS resolves from Secrets Manager at start. */
  readonly secrets: Readonly<Record<string, SecretSource>>;
  /** Read-only root filesystem, with the scratch volume mounted at /tmp. */
  readonly readOnlyRootFilesystem: boolean;
  /** The user's own container health check; none when omitted (the target group checks the service). */
  readonly containerHealthCheck?: ContainerHealthCheckSettings;
  /** The awslogs driver's log group. */
  readonly logGroupName: pulumi.Input<string>;
  /** The log group's region. */
  readonly region: string;
  /** X-Ray: the daemon as a sidecar and `AWS_XRAY_DAEMON_ADDRESS` for the application (tracing.ts). */
  readonly tracing: boolean;
}

/** The writable scratch volume a read-only container gets at /tmp (Fargate task storage). */
export const scratchVolume = "tmp";

/**
 * The container definition JSON of a task: the service's container, and the X-Ray daemon beside it
 * when the service is traced. Secrets go in `secrets` as ARNs
 * (`valueFrom`), so ECS resolves them at start and their values never enter the task
 * definition; entries are sorted so that reordering config does not register a new revision.
 */
export function containerDefinitions(spec: ContainerSpec): pulumi.Output<string> {
  // The X-Ray SDKs read the daemon's address from AWS_XRAY_DAEMON_ADDRESS.
  const variables: Readonly<Record<string, pulumi.Input<string>>> = spec.tracing ? { ...spec.environment, AWS_XRAY_DAEMON_ADDRESS: xrayDaemonAddress } : spec.environment;
  const environment = Object.keys(variables)
    .sort()
    .map((name) => ({ name, value: variables[name] }));
  const secrets = Object.keys(spec.secrets)
    .sort()
    .map((name) => ({ name, valueFrom: secretValueFrom(spec.secrets[name]) }));
  return jsonText([
    {
      name: spec.name,
      image: spec.image,
      essential: true,
      portMappings: [{ containerPort: spec.port, protocol: "tcp" }],
      environment,
      secrets,
      readonlyRootFilesystem: spec.readOnlyRootFilesystem,
      mountPoints: spec.readOnlyRootFilesystem ? [{ sourceVolume: scratchVolume, containerPath: "/tmp", readOnly: false }] : [],
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": spec.logGroupName, "awslogs-region": spec.region, "awslogs-stream-prefix": spec.name },
      },
      // Only the check the user gave: a built-in command cannot know what the image contains (an
      // alpine or distroless image has no curl, and a check that cannot run replaces the tasks forever).
      // Fields left out are absent, so ECS applies its own defaults.
      healthCheck: spec.containerHealthCheck ? { ...spec.containerHealthCheck, command: [...spec.containerHealthCheck.command] } : undefined,
    },
    ...(spec.tracing ? [xrayDaemonContainer(spec.logGroupName, spec.region)] : []),
  ]);
}

/** `arn` for the whole secret, `arn:key::` for one JSON key (ECS's valueFrom syntax). */
export function secretValueFrom(source: SecretSource): pulumi.Input<string> {
  return source.jsonKey === undefined ? source.arn : pulumi.interpolate`${source.arn}:${source.jsonKey}::`;
}
