import { appAutoscalingResources } from "./aws/appautoscaling";
import { awsxResources } from "./aws/awsx";
import { coreCalls, coreResources } from "./aws/core";
import { ecrResources } from "./aws/ecr";
import { eksResources } from "./aws/eks";
import { elasticacheResources } from "./aws/elasticache";
import { elbCalls } from "./aws/elb";
import { rdsResources } from "./aws/rds";
import { secretsManagerResources } from "./aws/secretsmanager";
import { kubernetesResources } from "./kubernetes";
import { CallModel, ResourceModel } from "./model";

/**
 * Every resource type and function the program may use, by token. A token missing here makes the
 * render fail: the mock cloud never guesses what AWS would compute. Add one file per service.
 */
export const resourceModels: Record<string, ResourceModel> = {
  ...coreResources,
  ...awsxResources,
  ...rdsResources,
  ...elasticacheResources,
  ...secretsManagerResources,
  ...ecrResources,
  ...appAutoscalingResources,
  ...eksResources,
  ...kubernetesResources,
};
export const callModels: Record<string, CallModel> = { ...coreCalls, ...elbCalls };
