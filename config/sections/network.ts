import { z } from "zod";
import { natStrategies } from "../../model/network/settings";

const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR such as 10.0.0.0/16");

export const networkSection = z
  .object({
    vpcCidr: cidr.describe("VPC address range; /16 to /24. Seeds 001, 003 and 004: 10.0.0.0/16."),
    availabilityZones: z.array(z.string()).min(2, "needs 2 or 3 zones").max(3, "needs 2 or 3 zones").describe("AZ names, 2 or 3, in the stack's region. Seed 001 uses a and c."),
    subnets: z
      .object({
        public: z.array(cidr).describe("Public subnets, one per zone (CodeMate: 10.0.1.0/24, 10.0.2.0/24)."),
        app: z.array(cidr).describe("Private application subnets, one per zone (CodeMate: 10.0.11.0/24, 10.0.12.0/24)."),
        data: z.array(cidr).describe("Private data subnets without a route out, one per zone (CodeMate: 10.0.21.0/24, 10.0.22.0/24)."),
      })
      .strict()
      .optional()
      .describe("Subnet CIDRs per tier, one per AZ in AZ order. Omit to plan them from the VPC range (/24s at offsets 1, 11 and 21, the seeds' layout)."),
    nat: z.enum(natStrategies).describe("perAz: a NAT gateway per AZ; single: one; instance: a NAT instance (seed 001 dev); none."),
    natInstanceType: z.string().regex(/^t4g\.(nano|micro|small)$/, "must be t4g.nano, t4g.micro or t4g.small").default("t4g.nano").describe("Instance type of the NAT instance when `nat` is `instance` (seed 001: t4g.nano)."),
    endpoints: z
      .object({
        ecr: z.boolean().default(false).describe("ECR API and Docker endpoints (image pulls stay off the NAT)."),
        logs: z.boolean().default(false).describe("CloudWatch Logs endpoint."),
        secretsManager: z.boolean().default(false).describe("Secrets Manager endpoint."),
      })
      .strict()
      .default({})
      .describe("Interface endpoints; the S3 gateway endpoint is always created (it is free)."),
    flowLogs: z
      .object({
        enabled: z.boolean().describe("Flow logs on or off."),
        trafficType: z.enum(["ALL", "REJECT", "ACCEPT"]).default("ALL").describe("Which traffic is logged: all of it, only rejected or only accepted connections."),
      })
      .strict()
      .describe("VPC flow logs to CloudWatch Logs, encrypted with the logs key."),
  })
  .strict();
