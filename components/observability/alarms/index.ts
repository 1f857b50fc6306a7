// The platform's alarms as data, by what they watch; the observability component turns each spec
// into a CloudWatch alarm and the dashboards into widgets.
export { alarmSeverity, type AlarmSpec, type Metric, type Statistic } from "./spec";
export { serviceAlarms, type ServiceTarget } from "./service";
export { loadBalancerAlarms, type LoadBalancerTarget } from "./load-balancer";
export { cacheAlarms, databaseAlarms, type CacheTarget, type DatabaseTarget } from "./stores";
export { backupAlarms, jobAlarms, type JobTarget } from "./jobs";
