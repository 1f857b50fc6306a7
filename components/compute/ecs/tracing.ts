import type { Statement } from "../../shared/iam";

/**
 * AWS X-Ray for an ECS service (HookLabs, seed 000's monitoring module): the X-Ray daemon as a
 * sidecar in the task, which the application's X-Ray SDK sends segments to over UDP on
 * localhost (awsvpc tasks share one network namespace), and the task role's grant to upload them.
 *
 * A sidecar rather than one daemon service for the cluster: Fargate has no daemon scheduling, and
 * a shared daemon would need its own load balancer (AWS X-Ray Developer Guide, "Running the X-Ray
 * daemon on Amazon ECS").
 */

/** The sidecar's container name. */
export const xrayDaemonName = "xray-daemon";

/** Where the application's SDK sends segments (`AWS_XRAY_DAEMON_ADDRESS`); the daemon's default port. */
export const xrayDaemonAddress = "127.0.0.1:2000";

/**
 * The daemon's image, pinned: the official image in the ECR Public Gallery
 * (gallery.ecr.aws/xray/aws-xray-daemon), release 3.3.15 (aws/aws-xray-daemon, "Release commit
 * v3.3.15", 2025-06-25). Public ECR is reached through the NAT like any registry; pulling it needs
 * no IAM grant.
 */
export const xrayDaemonImage = "public.ecr.aws/xray/aws-xray-daemon:3.3.15";

/**
 * The sidecar's definition. `essential: false`: a daemon that dies loses traces, not requests, so
 * it must not stop the task. 32 CPU units and a 256 MiB soft reservation are AWS's own example
 * task definition's ("Running the X-Ray daemon on Amazon ECS"); the reservation is soft, so the
 * application keeps the rest of the task's memory. Its log goes to the service's log group under
 * its own stream prefix.
 */
export function xrayDaemonContainer(logGroupName: unknown, region: string): Record<string, unknown> {
  return {
    name: xrayDaemonName,
    image: xrayDaemonImage,
    essential: false,
    cpu: 32,
    memoryReservation: 256,
    portMappings: [{ containerPort: 2000, protocol: "udp" }],
    // On Fargate the daemon has no instance metadata to learn its region from.
    environment: [{ name: "AWS_REGION", value: region }],
    readonlyRootFilesystem: true,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": xrayDaemonName },
    },
  };
}

/**
 * What the daemon calls: the actions of the AWS managed policy AWSXRayDaemonWriteAccess that it
 * uses, uploading segments and telemetry and reading the sampling rules. The Service Authorization
 * Reference lists no resource type for any of them (AWS X-Ray: PutTraceSegments,
 * PutTelemetryRecords, GetSamplingRules, GetSamplingTargets), so `*` is the only resource IAM
 * accepts; the two writes are on the policy pack's reviewed list (policies/lib/iam-allow-list.ts).
 */
export function xrayStatements(): Statement[] {
  return [
    {
      Sid: "UploadTraces",
      Effect: "Allow",
      Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
      Resource: "*",
    },
    {
      Sid: "ReadSamplingRules",
      Effect: "Allow",
      Action: ["xray:GetSamplingRules", "xray:GetSamplingTargets"],
      Resource: "*",
    },
  ];
}
