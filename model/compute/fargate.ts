/**
 * Fargate task sizes. Fargate only runs a task whose CPU and memory form one of the pairs below
 * (AWS "Task CPU and memory" table for Linux tasks); anything else fails at RegisterTaskDefinition.
 * Pure data, no Pulumi imports: the config schema validates with it.
 */

/** Memory choices per CPU value: from `minMb` to `maxMb` in steps of `stepMb`, plus any listed extras. */
interface MemoryRange {
  readonly minMb: number;
  readonly maxMb: number;
  readonly stepMb: number;
  readonly extraMb?: readonly number[];
}

const memoryByCpu: ReadonlyMap<number, MemoryRange> = new Map([
  // 0.25 vCPU: 512 MiB, 1 GB, 2 GB
  [256, { minMb: 1024, maxMb: 2048, stepMb: 1024, extraMb: [512] }],
  // 0.5 vCPU: 1-4 GB in 1 GB steps (seeds 001 frontend, 003 api and ws: 512/1024)
  [512, { minMb: 1024, maxMb: 4096, stepMb: 1024 }],
  // 1 vCPU: 2-8 GB (seed 001 backend: 1024/2048)
  [1024, { minMb: 2048, maxMb: 8192, stepMb: 1024 }],
  // 2 vCPU: 4-16 GB (seed 002 api: 2 vCPU / 4 GB)
  [2048, { minMb: 4096, maxMb: 16384, stepMb: 1024 }],
  // 4 vCPU: 8-30 GB
  [4096, { minMb: 8192, maxMb: 30720, stepMb: 1024 }],
  // 8 vCPU: 16-60 GB in 4 GB steps
  [8192, { minMb: 16384, maxMb: 61440, stepMb: 4096 }],
  // 16 vCPU: 32-120 GB in 8 GB steps
  [16384, { minMb: 32768, maxMb: 122880, stepMb: 8192 }],
]);

/** CPU units Fargate accepts (1024 = 1 vCPU). */
export const fargateCpuUnits: readonly number[] = [...memoryByCpu.keys()];

/** Every memory size (MiB) Fargate accepts with `cpuUnits`; empty when the CPU value is not a Fargate size. */
export function fargateMemoryOptionsMb(cpuUnits: number): number[] {
  const range = memoryByCpu.get(cpuUnits);
  if (!range) return [];
  const sizes = [...(range.extraMb ?? [])];
  for (let mb = range.minMb; mb <= range.maxMb; mb += range.stepMb) sizes.push(mb);
  return sizes.sort((a, b) => a - b);
}

export function isFargatePair(cpuUnits: number, memoryMb: number): boolean {
  return fargateMemoryOptionsMb(cpuUnits).includes(memoryMb);
}

/** Short description of the memory choices for a CPU value, for error messages: `1024-4096 in steps of 1024`. */
export function describeMemoryOptions(cpuUnits: number): string {
  const range = memoryByCpu.get(cpuUnits);
  if (!range) return "none";
  const extra = range.extraMb && range.extraMb.length > 0 ? `${range.extraMb.join(", ")}, ` : "";
  return `${extra}${range.minMb}-${range.maxMb} in steps of ${range.stepMb}`;
}
