/**
 * Availability zones of the regions the platform supports. Read from the EC2 console on
 * 2026-11-01; ap-northeast-1b is not offered to new accounts, so it is left out.
 * A region missing here is a config error, never a silent guess.
 */
export const regionAvailabilityZones: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-2": ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"],
  "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
  "ap-northeast-3": ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"],
  "us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"],
  "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"],
};

export const supportedRegions = Object.keys(regionAvailabilityZones);
