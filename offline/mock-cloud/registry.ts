import { acmResources } from "./aws/acm";
import { appAutoscalingResources } from "./aws/appautoscaling";
import { awsxResources } from "./aws/awsx";
import { backupResources } from "./aws/backup";
import { budgetsResources } from "./aws/budgets";
import { cloudFrontResources } from "./aws/cloudfront";
import { cloudwatchResources } from "./aws/cloudwatch";
import { coreCalls, coreResources } from "./aws/core";
import { ebsResources } from "./aws/ebs";
import { ecrResources } from "./aws/ecr";
import { ecsResources } from "./aws/ecs";
import { eksResources } from "./aws/eks";
import { elasticacheResources } from "./aws/elasticache";
import { elbCalls } from "./aws/elb";
import { firehoseResources } from "./aws/firehose";
import { eventbridgeResources } from "./aws/eventbridge";
import { lambdaResources } from "./aws/lambda";
import { lbResources } from "./aws/lb";
import { logsResources } from "./aws/logs";
import { rdsResources } from "./aws/rds";
import { route53Calls, route53Resources } from "./aws/route53";
import { s3Resources } from "./aws/s3";
import { s3NotificationResources } from "./aws/s3-notifications";
import { schedulerResources } from "./aws/scheduler";
import { secretsManagerCalls, secretsManagerResources } from "./aws/secretsmanager";
import { sesResources, smsPreferencesResources } from "./aws/ses";
import { snsResources } from "./aws/sns";
import { sqsResources } from "./aws/sqs";
import { wafv2Resources } from "./aws/wafv2";
import { kubernetesResources } from "./kubernetes";
import { CallModel, ResourceModel } from "./model";
import { stackReferenceResources } from "./stack-reference";

/**
 * Every resource type and function the program may use, by token. A token missing here makes the
 * render fail: the mock cloud never guesses what AWS would compute. Add one file per service.
 */
export const resourceModels: Record<string, ResourceModel> = {
  ...stackReferenceResources,
  ...coreResources,
  ...awsxResources,
  ...rdsResources,
  ...elasticacheResources,
  ...secretsManagerResources,
  ...ecrResources,
  ...appAutoscalingResources,
  ...acmResources,
  ...cloudFrontResources,
  ...ecsResources,
  ...lbResources,
  ...logsResources,
  ...firehoseResources,
  ...route53Resources,
  ...wafv2Resources,
  ...eksResources,
  ...kubernetesResources,
  ...ebsResources,
  ...lambdaResources,
  ...sqsResources,
  ...snsResources,
  ...sesResources,
  ...smsPreferencesResources,
  ...s3Resources,
  ...backupResources,
  ...cloudwatchResources,
  ...eventbridgeResources,
  ...schedulerResources,
  ...budgetsResources,
  ...s3NotificationResources,
};
export const callModels: Record<string, CallModel> = { ...coreCalls, ...elbCalls, ...route53Calls, ...secretsManagerCalls };
